"""Absolute addresses by one rule, Wagtail's: the Site record (``Page.get_full_url``).

The host a request came on is never used, so feeds, ``hreflang`` links, the sitemap, JSON-LD and
calendar files all give a page the same address, the one its Site says it is served on.
"""

from urllib.parse import urlsplit

from wagtail.models import Site


def site_root_url(page, request=None):
    """The root URL (scheme, host, port) of the Site serving ``page``, or "" if none does."""
    parts = page.get_url_parts(request)
    return (parts[1] or "") if parts else ""


def page_site(page, request=None):
    """The Site serving ``page`` and its root URL, or ``(None, "")`` if none does: the
    request's own Site when it serves the page (Wagtail's routing found it, and keeps it on
    the request), else read. ``page.get_site()`` reads every site's root path and then the
    Site, three queries without a cache."""
    parts = page.get_url_parts(request)
    if not parts:
        return None, ""
    site_id, root_url, _path = parts
    site = Site.find_for_request(request) if request is not None else None
    if site is None or site.pk != site_id:
        site = Site.objects.filter(pk=site_id).first()
    return site, root_url or ""


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
