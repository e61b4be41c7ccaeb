"""Absolute addresses by one rule, Wagtail's: the Site record (``Page.get_full_url``).

The host a request came on is never used, so feeds, ``hreflang`` links, the sitemap, JSON-LD and
calendar files all give a page the same address, the one its Site says it is served on.
"""

from urllib.parse import urlsplit


def site_root_url(page, request=None):
    """The root URL (scheme, host, port) of the Site serving ``page``, or "" if none does."""
    parts = page.get_url_parts(request)
    return (parts[1] or "") if parts else ""


def absolute_url(page, url, request=None):
    """``url``, a path on ``page``'s Site or already absolute, as an absolute address."""
    if not url or urlsplit(url).netloc or not url.startswith("/"):
        return url or None
    return site_root_url(page, request) + url


def full_subpage_url(page, name, request=None, querystring=""):
    """The absolute address of one of ``page``'s own routes, with ``querystring`` if any."""
    base = page.get_full_url(request)
    if base is None:
        return None
    return base + page.reverse_subpage(name) + (f"?{querystring}" if querystring else "")
