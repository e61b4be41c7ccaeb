"""The app's settings, each read at call time so that tests and sites can override them.

Every setting is named ``CAREERS_*``; README.md lists them with their defaults.
"""

from django.conf import settings

DEFAULTS = {
    # Template that the app's page templates extend.
    "CAREERS_BASE_TEMPLATE": "base.html",
    # Class names of the host's container (for example "container") for the careers pages' outer
    # element, so they line up with the host's own pages; "" keeps the app's own side margins.
    "CAREERS_CONTAINER_CLASS": "",
    # Include the app's small stylesheet in its pages.
    "CAREERS_INCLUDE_CSS": True,
    # Time zone offered first for new postings' closing date.
    "CAREERS_DEFAULT_TIMEZONE": "UTC",
    # Time of day a closing date ends at when an editor gives no time.
    "CAREERS_DEFAULT_CLOSING_TIME": "23:59",
    # A posting whose closing time is this many days away or fewer is "closing soon".
    "CAREERS_CLOSING_SOON_DAYS": 7,
    # Unpublish postings automatically at their closing time (keeps Wagtail's expire_at in step).
    "CAREERS_EXPIRE_AT_CLOSING": False,
    # Postings per page on a listing whose editor did not choose a number.
    "CAREERS_PAGE_SIZE": 10,
    # How long after closing a posting is still listed under "recently closed".
    "CAREERS_RECENTLY_CLOSED_DAYS": 60,
    # Most postings in one RSS, Atom or JSON feed.
    "CAREERS_FEED_LIMIT": 50,
    # Most keyword-search matches considered for one listing request (those closing soonest).
    "CAREERS_SEARCH_LIMIT": 500,
    # Build listing and "open positions" cards, and RSS and Atom entries, from the listing index
    # alone, without reading the posting tables. False for a site whose card template shows
    # other posting fields (each such field read on an index-built card costs a query).
    "CAREERS_CARDS_FROM_INDEX": True,
    # List postings not yet translated into the visitor's language, in their source language.
    "CAREERS_SHOW_UNTRANSLATED": True,
    # Seconds what the app caches (filter options, counts, feeds, rendered listings and postings)
    # stays in Django's cache (0: work everything out on every request).
    "CAREERS_CACHE_TIMEOUT": 600,
    # Seconds a keyword search's matches stay cached (at most CAREERS_CACHE_TIMEOUT): how long
    # a posting indexed later than its publish, by a task queue, may be missing from a search.
    "CAREERS_SEARCH_CACHE_TIMEOUT": 60,
    # Most seconds a listing, posting, feed or .ics response may be kept by browsers, proxies and
    # CDNs (its Cache-Control max-age, which otherwise ends when the response stops being right:
    # the next closing among what it shows). Publishing purges them only with
    # wagtail.contrib.frontend_cache, and never from browsers.
    "CAREERS_CACHE_MAX_AGE": 300,
    # Fetching allied sites' feeds (careers.syndication): seconds to wait to connect and for
    # each read (a whole response gets three times that, a whole fetch ten times).
    "CAREERS_SYNDICATION_TIMEOUT": 10,
    # Largest feed document (one page) read, in bytes.
    "CAREERS_SYNDICATION_MAX_BYTES": 5 * 1024 * 1024,
    # Most pages of one feed followed through its next_url.
    "CAREERS_SYNDICATION_MAX_PAGES": 20,
    # Retries of a request after a connection error, a timeout or a 5xx answer (pausing 1 s,
    # 2 s, ...).
    "CAREERS_SYNDICATION_RETRIES": 2,
    # Fetch addresses on private networks too (loopback, 10.x, 192.168.x ...): only for sites
    # that share a private network, such as the demo's pair on one machine.
    "CAREERS_SYNDICATION_ALLOW_PRIVATE": False,
    # Seconds between two fetches of an allied site's feed (a syndication source); after each
    # failure in a row the wait doubles, up to a day.
    "CAREERS_SYNDICATION_INTERVAL": 900,
}

SETTING_TYPES = {
    "CAREERS_BASE_TEMPLATE": str,
    "CAREERS_CONTAINER_CLASS": str,
    "CAREERS_INCLUDE_CSS": bool,
    "CAREERS_DEFAULT_TIMEZONE": str,
    "CAREERS_DEFAULT_CLOSING_TIME": str,
    "CAREERS_CLOSING_SOON_DAYS": int,
    "CAREERS_EXPIRE_AT_CLOSING": bool,
    "CAREERS_PAGE_SIZE": int,
    "CAREERS_RECENTLY_CLOSED_DAYS": int,
    "CAREERS_FEED_LIMIT": int,
    "CAREERS_SEARCH_LIMIT": int,
    "CAREERS_SHOW_UNTRANSLATED": bool,
    "CAREERS_CACHE_TIMEOUT": int,
    "CAREERS_SEARCH_CACHE_TIMEOUT": int,
    "CAREERS_CACHE_MAX_AGE": int,
    "CAREERS_SYNDICATION_TIMEOUT": int,
    "CAREERS_SYNDICATION_MAX_BYTES": int,
    "CAREERS_SYNDICATION_MAX_PAGES": int,
    "CAREERS_SYNDICATION_RETRIES": int,
    "CAREERS_SYNDICATION_ALLOW_PRIVATE": bool,
    "CAREERS_SYNDICATION_INTERVAL": int,
}


#: How many postings an "open positions" block or tag shows, unless told, and at most.
OPEN_POSITIONS_LIMIT = 5
OPEN_POSITIONS_MAX_LIMIT = 20


def open_positions_limit(limit):
    """``limit`` (a number, its text, or empty for the default) within 1 and the maximum."""
    return max(1, min(int(limit or OPEN_POSITIONS_LIMIT), OPEN_POSITIONS_MAX_LIMIT))


def get_setting(name):
    return getattr(settings, name, DEFAULTS[name])


def default_timezone():
    """Model default for a posting's time zone: the site's CAREERS_DEFAULT_TIMEZONE."""
    return get_setting("CAREERS_DEFAULT_TIMEZONE")


def template_context():
    """What every careers template needs from the settings."""
    return {
        "careers_base_template": get_setting("CAREERS_BASE_TEMPLATE"),
        "careers_include_css": get_setting("CAREERS_INCLUDE_CSS"),
        "careers_container_class": get_setting("CAREERS_CONTAINER_CLASS"),
    }


def i18n_enabled():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)
