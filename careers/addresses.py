"""Absolute addresses by one rule, Wagtail's: the Site record (``Page.get_full_url``).

The host a request came on is never used, so feeds, ``hreflang`` links, the sitemap, JSON-LD and
calendar files all give a page the same address, the one its Site says it is served on.
"""

import re
from urllib.parse import urlsplit

from django.utils.translation import get_language
from wagtail.models import Page, Site


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


#: A page path that Django's ``reverse()`` gives back as it is (slugs of ASCII letters, digits,
#: hyphens and underscores): with a prefix worked out for one page, any other such path of the
#: same Site and language is that prefix and the path.
PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_\-]+/)*")


def full_urls(pages, request=None):
    """``[page.get_full_url(request) for page in pages]``, with one ``reverse()`` per Site and
    language instead of one per page (a JSON Feed of 50 postings gives up to 250 addresses).

    Wagtail's ``get_url_parts`` reverses ``wagtail_serve`` for each page (with the page's
    language prefix when i18n is on). Here it runs for the first page of each Site root and
    language; its result, less the page's path, is the prefix of every other page there whose
    path ``reverse()`` would give back unchanged (:data:`PLAIN_PATH`). A page type with its own
    ``get_url_parts`` or ``get_full_url``, and a path with other characters, get Wagtail's own
    answer.
    """
    prefixes = {}
    language = get_language()
    urls = []
    for page in pages:
        cls = type(page)
        if cls.get_url_parts is not Page.get_url_parts or cls.get_full_url is not Page.get_full_url:
            urls.append(page.get_full_url(request))
            continue
        # The Sites the page is on: Wagtail chooses among them by the request, the same for
        # every page with the same ones.
        sites = page._get_relevant_site_root_paths(request)
        if not sites:
            urls.append(None)
            continue
        _site_id, root_path, _root_url, _code = sites[0]
        path = page.url_path[len(root_path) :]
        key = (sites, language)
        prefix = prefixes.get(key)
        if prefix is None or not PLAIN_PATH.fullmatch(path):
            url = page.get_full_url(request)
            if url and path and PLAIN_PATH.fullmatch(path) and url.endswith(path):
                prefixes[key] = url[: -len(path)]
            urls.append(url)
            continue
        urls.append(prefix + path)
    return urls
