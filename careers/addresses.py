"""Absolute addresses by one rule, Wagtail's: the Site record (``Page.get_full_url``).

The host a request came on is never used, so feeds, ``hreflang`` links, the sitemap, JSON-LD and
calendar files all give a page the same address, the one its Site says it is served on.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import (
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)


def remember_site_root_paths(request):
    """Keep Wagtail's ``Site.get_site_root_paths()`` on ``request``, where Wagtail's page
    methods (``get_url``, ``get_full_url``, ``{% pageurl %}``) look for them first, read only
    when an address is first asked for.

    Every address of another page needs them. Wagtail keeps them in the default cache; when it
    does not hold them (no cache, or after a Site or a root page changed), Wagtail reads every
    Site with its whole root page and, with i18n, each Site's root translations, whole too (a
    query more per Site). Here they are one query of the five columns they are made of, put in
    the cache as Wagtail would. The careers pages call this when they are routed (not in
    previews), and the open positions block when it reads its postings; it does nothing without
    a request or when the request already has them.
    """
    if request is not None and not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = SimpleLazyObject(site_root_paths)


def site_root_paths():
    """``Site.get_site_root_paths()``: from the cache where Wagtail keeps them, else read in one
    query and kept there."""
    paths = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if paths is not None:
        # As Wagtail does: some cache backends give the named tuples back as plain ones.
        return [SiteRootPath(*path) for path in paths]
    paths = read_site_root_paths()
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, paths, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
    return paths


def read_site_root_paths():
    """What ``Site.get_site_root_paths()`` reads, in one query and in its order: the Sites
    whose root is deepest first, then the default Site, then by host name; with i18n, each
    Site's root in every language it is translated into, in tree order (as Wagtail's page
    manager gives them)."""
    connection = connections[router.db_for_read(Site)]
    quote = connection.ops.quote_name
    site, page, locale = (quote(model._meta.db_table) for model in (Site, Page, Locale))
    same = "t.translation_key = r.translation_key" if _i18n() else "t.id = r.id"
    # Only table names (quoted, from the models) are put into the text: it takes no values.
    sql = (
        f"SELECT s.id, s.hostname, s.port, t.url_path, l.language_code FROM {site} s "  # noqa: S608  # nosec B608
        f"JOIN {page} r ON r.id = s.root_page_id JOIN {page} t ON {same} "
        f"JOIN {locale} l ON l.id = t.locale_id "
        "ORDER BY r.url_path DESC, s.is_default_site DESC, s.hostname, t.path"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return [
        SiteRootPath(site_id, url_path, Site(hostname=hostname, port=port).root_url, code)
        for site_id, hostname, port, url_path, code in rows
    ]


def _i18n():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


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
    return paths_full_urls([(type(page), page.url_path, page) for page in pages], request)


def paths_full_urls(pages, request=None):
    """:func:`full_urls` of pages given as ``(model, url_path, page)``, where ``page`` is the
    page or a function that makes it: it is made only where Wagtail's own answer is asked for
    (see :func:`full_urls`), so that addresses of many pages read as a few columns (a feed's
    200 language versions) need no instance of each."""
    prefixes = {}
    language = get_language()
    roots = None
    urls = []
    for model, url_path, page in pages:
        if (
            model.get_url_parts is not Page.get_url_parts
            or model.get_full_url is not Page.get_full_url
        ):
            urls.append(_made(page).get_full_url(request))
            continue
        if roots is None:
            # Wagtail's Site root paths, kept on the request (else read once, not per page).
            page = _made(page)
            roots = page._get_site_root_paths(request)
        # The Sites the page is on (Page._get_relevant_site_root_paths): Wagtail chooses among
        # them by the request, the same for every page with the same ones.
        sites = tuple(root for root in roots if url_path.startswith(root.root_path))
        if not sites:
            urls.append(None)
            continue
        path = url_path[len(sites[0].root_path) :]
        key = (sites, language)
        prefix = prefixes.get(key)
        if prefix is None or not PLAIN_PATH.fullmatch(path):
            url = _made(page).get_full_url(request)
            if url and path and PLAIN_PATH.fullmatch(path) and url.endswith(path):
                prefixes[key] = url[: -len(path)]
            urls.append(url)
            continue
        urls.append(prefix + path)
    return urls


def _made(page):
    return page if isinstance(page, Page) else page()
