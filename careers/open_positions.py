"""The "open positions" block and template tag both render through here, on the one query path."""

import uuid

from django.utils.functional import cached_property
from wagtail.models import Site, TranslatableMixin

from . import cache
from .addresses import remember_site_root_paths
from .conf import get_setting, open_positions_limit, template_context
from .listing.request import CARD_DEFERRED
from .status import status_changes
from .visibility import PostingQuery


def open_positions_context(
    request, listing_page=None, organisations=None, limit=None, show_all_link=True, heading=""
):
    limit = open_positions_limit(limit)
    if listing_page is not None:
        listing_page = listing_page.specific
        # Its version in the active language. ``localized`` looks up the active Locale, a
        # query each time it is read (``hasattr`` read it once more).
        if isinstance(listing_page, TranslatableMixin):
            listing_page = listing_page.localized
    organisations = [organisation for organisation in organisations or [] if organisation]
    if listing_page is not None:
        query = PostingQuery.for_index_page(listing_page, request)
        if organisations:
            query.organisations = organisations
    else:
        site = Site.find_for_request(request) if request is not None else None
        query = PostingQuery(site=site, organisations=organisations)
    positions = OpenPositions(query, limit, request, listing_page if show_all_link else None)
    return {
        **template_context(),
        # An inclusion tag's template starts a context of its own: {% careers_cache %} (like
        # Wagtail's cache tags) caches nothing without the request.
        **({"request": request} if request is not None else {}),
        "careers_block_id": f"careers-open-positions-{uuid.uuid4().hex[:8]}",
        # Its ``postings`` are fetched only when the cards are not served from the cache.
        "careers_open_positions": positions,
        "careers_listing_page": listing_page if show_all_link else None,
        "careers_heading": heading,
    }


class OpenPositions:
    """The cards of one "open positions" block or tag, cached with ``{% careers_cache %}``."""

    def __init__(self, query, limit, request, listing_page):
        self.query = query
        self.limit = limit
        self.request = request
        self.listing_page = listing_page

    @cached_property
    def postings(self):
        # Made from the listing index's rows, as on the listing (see PostingListing.page).
        remember_site_root_paths(self.request)  # for the cards' addresses
        cards = get_setting("CAREERS_CARDS_FROM_INDEX")
        return self.query.latest_open(self.limit, defer=CARD_DEFERRED, cards=cards)

    def cache_entry(self, name, request):
        """The entry of the cards (see :class:`careers.cache.Cacheable`): what they depend on
        (the postings this query may show, how many, the address and the language), or None
        in previews."""
        request = request or self.request
        if request is None or cache.is_preview(request):
            return None
        return cache.Entry(
            parts=[
                *self.query.cache_key(),
                f"fragment={name}",
                f"limit={self.limit}",
                f"listing={self.listing_page.pk if self.listing_page else ''}",
                *cache.request_parts(request),
            ],
            valid_until=self.valid_until,
        )

    def valid_until(self):
        """The next moment a shown posting closes or starts closing soon. A posting not shown
        can join only when a shown one closes, or when it is published."""
        now = self.query.now
        return cache.next_moment(
            *(m for posting in self.postings for m in status_changes(posting.closes_at, now))
        )
