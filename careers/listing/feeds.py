"""RSS 2.0, Atom and JSON feeds of a careers listing, honouring the same filters as the page.

The JSON Feed is also what allied sites read (the peer feed format, ``FEED_VERSION``, described
in docs/syndication.md): each item carries the posting's facts under ``_careers``, and
``?all=1`` pages through every open posting of the listing with JSON Feed's ``next_url``.
"""

import io
import json
from inspect import getattr_static, unwrap

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import cache, cors
from ..addresses import full_subpage_url, full_urls, page_site
from ..conf import get_setting
from ..facts import DEFERRED, posting_facts
from ..structured_data import plain_text
from ..syndication.postings import feed_item as syndicated_feed_item
from .request import BadCursor, Cursor

#: The version of the ``_careers`` extension of the JSON Feed, bumped only by a change that
#: breaks a reader of the previous version (a field removed, renamed or changing meaning or
#: type); fields are added without a change of version, and readers ignore those they do not
#: know.
FEED_VERSION = 1


class PostingsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    route_name = "feed_rss"
    #: Entries are made from the listing index's rows, as cards are (when
    #: ``CAREERS_CARDS_FROM_INDEX`` is on): they hold what a card shows and their page's last
    #: publication, and the posting tables are not read. A subclass whose entries show other
    #: posting fields sets this to False (each such field would cost a query per entry).
    entries_from_index = True
    #: Columns an entry does not show, left unread when the entries are read from the posting
    #: tables (a subclass whose entries show the body sets this to ``()``: reading a deferred
    #: column costs a query per entry).
    deferred_fields = ("body", "application_documents")

    def __init__(self, index_page, listing=None):
        super().__init__()
        self.index_page = index_page
        self.listing = listing
        self._urls = {}
        self._dynamic_attrs = {}
        self._texts = {}
        self._categories = {}

    def __call__(self, request, *args, **kwargs):
        # As Django's, but the document is written into a string and given to the response
        # whole: written into the response, each of its 1,800 pieces (50 entries) went through
        # ``HttpResponse.write``.
        generator = self.get_feed(self.get_object(request, *args, **kwargs), request)
        document = io.StringIO()
        generator.write(document, "utf-8")
        response = HttpResponse(document.getvalue(), content_type=generator.content_type)
        # For ConditionalGetMiddleware, as Django's sets it.
        response.headers["Last-Modified"] = http_date(generator.latest_post_date().timestamp())
        return response

    def _get_dynamic_attr(self, attname, obj, default=None):
        # Django's looks the attribute up and inspects it anew for each entry (15 attributes,
        # 50 entries); here once per feed, then called as Django's would call it.
        how = self._dynamic_attrs.get(attname)
        if how is None:
            how = self._dynamic_attrs[attname] = self._dynamic_attr(attname)
        kind, attr = how
        if kind == "missing":
            return default
        if kind == "value":
            return attr
        return attr(obj) if kind == "one" else attr()

    def _dynamic_attr(self, attname):
        try:
            attr = getattr(self, attname)
        except AttributeError:
            return "missing", None
        if not callable(attr):
            return "value", attr
        func = unwrap(attr)
        code = getattr(func, "__code__", None)
        if code is None:
            func = unwrap(attr.__call__)
            code = func.__code__
        if not code.co_argcount and not isinstance(
            getattr_static(self, func.__name__, None), staticmethod
        ):
            raise ImproperlyConfigured(
                f"Feed method {attname!r} decorated by {func.__name__!r} needs to use "
                "@functools.wraps."
            )
        return ("one" if code.co_argcount == 2 else "none"), attr

    def get_object(self, request, *args, **kwargs):
        self.request = request
        if self.listing is None:
            self.listing = self.index_page.get_listing(request)
        return self.index_page

    def title(self, obj):
        return _("Open positions: %(title)s") % {"title": obj.title}

    def link(self, obj):
        return obj.get_full_url(self.request)

    def feed_url(self, obj):
        return feed_address(obj, self.request, self.listing, self.route_name)

    def description(self, obj):
        return plain_text(obj.introduction) or self.title(obj)

    def items(self, obj):
        cards = self.entries_from_index and get_setting("CAREERS_CARDS_FROM_INDEX")
        items = self.listing.feed_items(defer=self.deferred_fields, cards=cards)
        pages = [item for item in items if not getattr(item, "is_syndicated", False)]
        for page, url in zip(pages, full_urls(pages, self.request), strict=True):
            self._urls[(type(page), page.pk)] = url
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS descriptions and Atom summaries are HTML to feed readers: escape the plain text.
        summary = item_summary(item, self._texts)
        return "".join(f"<p>{escape(part)}</p>" for part in summary.split("\n\n"))

    def item_link(self, item):
        return self.item_url(item)

    def item_guid(self, item):
        return self.item_url(item)

    def item_url(self, item):
        """The entry's address, worked out once for its link and its id."""
        key = (type(item), item.pk)  # an allied site's posting may share a page's number
        if key not in self._urls:
            self._urls[key] = item.get_full_url(self.request)
        return self._urls[key]

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(organisation.name for organisation in item.employers) or None

    def item_categories(self, item):
        # Labels in the feed's language, looked up once for each set (a feed of 50 postings
        # names a few).
        key = (tuple(item.employment_types), item.workplace_type)
        if key not in self._categories:
            labels = [*item.employment_type_labels, item.workplace_type_label]
            self._categories[key] = [str(label) for label in labels]
        return list(self._categories[key])


class PostingsAtomFeed(PostingsRssFeed):
    feed_type = Atom1Feed
    route_name = "feed_atom"

    def subtitle(self, obj):
        return self.description(obj)


def item_summary(posting, texts=None):
    """A feed entry's plain text: the posting's introduction and its deadline. ``texts``: a
    dict kept by the caller for one feed, in which the deadline's wording is kept once
    translated."""
    if texts is None:
        texts = deadline_texts()
    elif not texts:
        texts.update(deadline_texts())
    closes = posting.closes_at_local
    if closes is None:
        deadline = texts["open"]
    elif posting.is_filled:
        deadline = texts["closed"] % {"date": f"{closes:%Y-%m-%d}"}
    else:
        deadline = texts["closes"] % {"date": f"{closes:%Y-%m-%d %H:%M} {posting.closing_timezone}"}
    parts = [posting.introduction, deadline]
    return "\n\n".join(part for part in parts if part)


def deadline_texts():
    """The wording of a feed entry's deadline, in the active language."""
    return {
        "open": _("Open until filled"),
        "closed": _("Closed %(date)s"),
        "closes": _("Closes %(date)s"),
    }


def feed_address(index_page, request, listing, route_name):
    """A feed's own address with the filters it understood, not whatever the request carried."""
    return full_subpage_url(index_page, route_name, request, listing.filter_querystring)


def wants_all(request):
    """Whether a JSON Feed request asks for every open posting (``?all=1``)."""
    return request.GET.get("all") in ("1", "true")


def json_feed(index_page, request, listing=None):
    """A JSON Feed 1.1 document; each item carries the posting's facts under ``_careers``.

    With ``?all=1``, every open posting of the listing (filters do not apply), a document of
    ``CAREERS_FEED_LIMIT`` at a time, the next named by ``next_url`` (``?all=1&after=<cursor>``).
    Raises :class:`BadCursor` for an ``after`` this app did not write.
    """
    listing = listing or index_page.get_listing(request)
    everything = wants_all(request)
    next_cursor = None
    # Items made from the listing index's rows and their stored facts (see careers.facts).
    from_index = get_setting("CAREERS_CARDS_FROM_INDEX")
    made = {"defer": DEFERRED, "cards": from_index, "facts": from_index}
    if everything:
        after = request.GET.get("after")
        cursor = Cursor.parse(after) if after else None
        postings, next_cursor = listing.all_open_items(cursor, **made)
        feed_url = full_subpage_url(index_page, "feed_json", request, "all=1")
    else:
        postings = listing.feed_items(**made)
        feed_url = feed_address(index_page, request, listing, "feed_json")
    postings = listing.query.attach_translations(postings, request)
    pages = [posting for posting in postings if not getattr(posting, "is_syndicated", False)]
    urls = dict(zip(map(id, pages), full_urls(pages, request), strict=True))
    items, texts = [], {}
    for posting in postings:
        if getattr(posting, "is_syndicated", False):
            items.append(syndicated_feed_item(posting, item_summary(posting, texts)))
            continue
        url = urls[id(posting)]
        items.append(
            {
                "id": url,
                "url": url,
                "title": posting.title,
                "content_text": item_summary(posting, texts),
                "summary": posting.introduction,
                "date_published": posting.first_published_at.isoformat()
                if posting.first_published_at
                else None,
                "date_modified": posting.last_published_at.isoformat()
                if posting.last_published_at
                else None,
                "language": posting.locale.language_code,
                "authors": [{"name": organisation.name} for organisation in posting.employers],
                "tags": [*posting.employment_types, posting.workplace_type],
                "_careers": posting_facts(posting, url),
            }
        )
    facts = {
        "version": FEED_VERSION,
        "generated_at": timezone.now().isoformat(),
        "count": len(items),
        "site": _site_facts(index_page, request),
    }
    if everything:
        facts["all"] = True
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _("Open positions: %(title)s") % {"title": index_page.title},
        "home_page_url": index_page.get_full_url(request),
        "feed_url": feed_url,
        "language": get_language(),
        "_careers": facts,
        "items": items,
    }
    if next_cursor is not None:
        document["next_url"] = full_subpage_url(
            index_page, "feed_json", request, f"all=1&after={next_cursor}"
        )
    return document


def _site_facts(index_page, request):
    """The site publishing the feed: its name (the Site's, else Wagtail's site name) and root."""
    site, root = page_site(index_page, request)
    name = (site.site_name if site else "") or getattr(settings, "WAGTAIL_SITE_NAME", "")
    return {"name": name or (site.hostname if site else ""), "url": f"{root}/" if root else None}


def json_feed_response(index_page, request, listing=None):
    try:
        document = json_feed(index_page, request, listing)
    except BadCursor:
        return HttpResponseBadRequest(
            _("The “after” parameter is not a cursor this feed wrote: follow the feed's next_url."),
            content_type="text/plain; charset=utf-8",
        )
    # Not indented: Python's JSON encoder runs in C only without indentation (a document of 50
    # postings took 5.6 ms indented, 1.3 ms not, and is a quarter smaller).
    body = json.dumps(document, ensure_ascii=False)
    return HttpResponse(body, content_type="application/feed+json; charset=utf-8")


#: Response headers a cached feed keeps.
CACHED_HEADERS = ("Content-Type", "Last-Modified")


def cached_feed(index_page, request, kind, render):
    """The response ``render(listing)`` makes for a feed, from Django's cache while the
    listing's postings stay the same, with a ``Cache-Control`` that ends when they may change
    (see :mod:`careers.cache`).

    A feed is the same for every reader of one address, in one language, on one host; it changes
    when the listing's options do (on publishing and when a posting closes), and a keyword
    search's feed when its matches may (see ``PostingListing.feed_valid_until``). Any origin
    may read it (:mod:`careers.cors`), cached or not.
    """
    listing = index_page.get_listing(request)

    def build():
        response = render(listing)
        headers = {name: response[name] for name in CACHED_HEADERS if name in response}
        return response.status_code, response.content, headers

    entry = cache.Entry(
        parts=[
            *listing.query.cache_key(),
            f"feed={kind}",
            *cache.request_parts(request),
            listing.status,
            listing.filter_querystring,
            # The JSON Feed's paging through every open posting.
            f"all={wants_all(request)}",
            f"after={request.GET.get('after', '')[:64]}",
        ],
        valid_until=listing.feed_valid_until,
    )
    status, content, headers = cache.cached_entry(entry, build)
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    cors.allow_any_origin(response)
    return cache.set_cache_control(response, request, listing.feed_valid_until)
