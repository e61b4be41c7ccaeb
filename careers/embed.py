"""The "open positions" block and template tag both render through here, on the one query path."""

import uuid

from wagtail.models import Site

from .conf import template_context
from .visibility import PostingQuery

MAX_LIMIT = 20


def open_positions_context(
    request, listing_page=None, organisations=None, limit=5, show_all_link=True, heading=""
):
    limit = max(1, min(int(limit or 5), MAX_LIMIT))
    if listing_page is not None:
        listing_page = listing_page.specific
        listing_page = (
            listing_page.localized if hasattr(listing_page, "localized") else listing_page
        )
    organisations = [organisation for organisation in organisations or [] if organisation]
    if listing_page is not None:
        query = PostingQuery.for_index_page(listing_page)
        if organisations:
            query.organisations = organisations
    else:
        site = Site.find_for_request(request) if request is not None else None
        query = PostingQuery(site=site, organisations=organisations)
    postings = query.latest_open(limit)
    return {
        **template_context(),
        "careers_block_id": f"careers-open-positions-{uuid.uuid4().hex[:8]}",
        "careers_postings": postings,
        "careers_listing_page": listing_page if show_all_link else None,
        "careers_heading": heading,
    }
