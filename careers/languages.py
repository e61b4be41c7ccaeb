"""Languages: their names, and which languages a page is live in (the language switcher and
``hreflang`` alternates)."""

import functools

from django.db import connections, router
from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page, PageViewRestriction, Site

from . import cache
from .conf import i18n_enabled
from .instances import partial_instance


def language_name(code, local=False):
    """The name of the language ``code`` in the active language (``local``: in itself), or the
    code when Django does not know it. Each card names its languages: the names are looked up
    once per language shown in."""
    return _language_name(get_language(), code, local)


@functools.lru_cache(maxsize=1024)
def _language_name(language, code, local):
    try:
        info = get_language_info(code)
    except KeyError:
        return code
    return str(info["name_local" if local else "name_translated"])


def page_versions(page):
    """Every version of ``page`` in any language (itself included), live or not, with its
    locale and ``careers_is_private``: whether a view restriction covers it. One query: the
    listing reads it for its scope (which postings are under this page in any language) and for
    its language switcher.

    Each version is a ``Page`` holding only ``VERSION_FIELDS``, what an address, the switcher
    and a scope read (the rest is deferred), made from their values without Django building
    whole pages. A page type with addresses of its own gets its versions as that type, with
    every column a page has (its own, a posting's body among them, are left unread).
    """
    if not plain_addresses(type(page)):
        version_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
        restricted = PageViewRestriction.objects.annotate(version_path=version_path).filter(
            version_path__startswith=F("page__path")
        )
        columns = [field.attname for field in Page._meta.concrete_fields]
        return list(
            page.get_translations(inclusive=True)
            .only(*columns)
            .select_related("locale")
            .annotate(careers_is_private=Exists(restricted))
            .order_by("locale__language_code")
        )
    versions, locales, db = [], {}, router.db_for_read(Page)
    for *values, code, private in read_versions(page.translation_key):
        values = dict(zip(VERSION_FIELDS, values, strict=True))
        values.update(live=bool(values["live"]), translation_key=page.translation_key)
        version = partial_instance(Page, values, db)
        if version.locale_id not in locales:
            # Read from the same database as the version: a router that sends writes elsewhere
            # would refuse the relation to a Locale made with none.
            locale = {"id": version.locale_id, "language_code": code}
            locales[version.locale_id] = partial_instance(Locale, locale, db)
        version.locale = locales[version.locale_id]
        version.careers_is_private = bool(private)
        versions.append(version)
    return versions


#: What :func:`page_versions` reads of each version of a page whose type has Wagtail's own
#: addresses (with the page's own translation key, which they share).
VERSION_FIELDS = ("id", "path", "depth", "url_path", "live", "locale_id", "content_type_id")


def read_versions(translation_key):
    """The rows of the pages sharing ``translation_key``: their ``VERSION_FIELDS``, language
    code and whether a view restriction covers them (on the page or an ancestor: a page whose
    path starts with the restricted page's), by language code.

    One query, written out as :func:`careers.addresses.read_site_root_paths` is: the language
    switcher and ``hreflang`` links of every posting and listing read it, and Django took
    twice as long to build the same query (with ``Exists`` and ``startswith``) as the database
    took to answer it. SQLite, PostgreSQL and MySQL all have SUBSTR and LENGTH, and take
    EXISTS in the select list.
    """
    connection = connections[router.db_for_read(Page)]
    quote = connection.ops.quote_name
    page, locale, restriction = (
        quote(model._meta.db_table) for model in (Page, Locale, PageViewRestriction)
    )
    columns = ", ".join(f"p.{quote(Page._meta.get_field(name).column)}" for name in VERSION_FIELDS)
    key = Page._meta.get_field("translation_key").get_db_prep_value(translation_key, connection)
    # Only names are put into the text (the tables' and the selected columns', quoted, from the
    # models); the key is a parameter.
    sql = (
        f"SELECT {columns}, l.language_code, EXISTS (SELECT 1 FROM {restriction} v "  # noqa: S608  # nosec B608
        f"JOIN {page} r ON r.id = v.page_id WHERE SUBSTR(p.path, 1, LENGTH(r.path)) = r.path) "
        f"FROM {page} p JOIN {locale} l ON l.id = p.locale_id "
        "WHERE p.translation_key = %s ORDER BY l.language_code"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        return cursor.fetchall()


def plain_addresses(model):
    """Whether pages of ``model`` have their addresses worked out as Wagtail's ``Page`` does."""
    return all(getattr(model, name) is getattr(Page, name) for name in ADDRESS_METHODS)


#: The methods and properties Wagtail works a page's address out with.
ADDRESS_METHODS = ("get_url_parts", "get_url", "get_full_url", "relative_url", "url", "full_url")


def live_translations(page, request=None, versions=None):
    """The live, public versions of ``page`` (itself included), as dicts for templates.

    ``versions`` is :func:`page_versions` when the caller has already looked them up, or a
    function returning them. The result changes only when careers pages are published,
    unpublished, moved or restricted, or sites change, so it is kept by :mod:`careers.cache`,
    except in previews.
    """
    if not i18n_enabled():
        return []
    if request is None or cache.is_preview(request):
        return _live_translations(page, request, versions)
    entry = translations_entry(page, request)
    return cache.cached_entry(entry, lambda: _live_translations(page, request, versions), request)


def translations_entry(page, request):
    """The cache entry of :func:`live_translations` for ``page`` served on ``request``."""
    return cache.Entry(parts=["translations", page.pk, request.scheme, request.get_host()])


def _live_translations(page, request, versions):
    if callable(versions):
        versions = versions()
    if versions is None:
        versions = page_versions(page)
    result = []
    for version in versions:
        if not version.live or version.careers_is_private:
            continue
        code = version.locale.language_code
        url, full_url = page_addresses(version, request)
        result.append(
            {
                "code": code,
                "name": language_name(code, local=True),
                "url": url,
                "full_url": full_url,
                "is_current": version.pk == page.pk,
            }
        )
    return result if len(result) > 1 else []


def page_addresses(page, request=None):
    """``(page.get_url(request), page.get_full_url(request))``, worked out from one
    ``get_url_parts`` where Wagtail's would call it twice (each a ``reverse()``), unless the
    page's type has addresses of its own."""
    if not plain_addresses(type(page)):
        return page.get_url(request), page.get_full_url(request)
    parts = page.get_url_parts(request)
    if parts is None or parts[1] is None and parts[2] is None:
        return None, None  # not routable
    site_id, root_url, path = parts
    full_url = root_url + path
    # As Wagtail's get_url: a path where the page is on the request's Site, or there is only one.
    current = Site.find_for_request(request) if request is not None else None
    if current is not None and current.pk == site_id:
        return path, full_url
    if len({paths[0] for paths in page._get_site_root_paths(request)}) == 1:
        return path, full_url
    return full_url, full_url
