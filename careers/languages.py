"""Languages: their names, and which languages a page is live in (the language switcher and
``hreflang`` alternates)."""

import functools

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, PageViewRestriction

from . import cache
from .conf import i18n_enabled


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
    its language switcher."""
    version_path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restricted = PageViewRestriction.objects.annotate(version_path=version_path).filter(
        version_path__startswith=F("page__path")
    )
    model = type(page)
    if all(getattr(model, name) is getattr(Page, name) for name in ADDRESS_METHODS):
        # Only the page table: its columns are all an address is worked out from.
        versions = Page.objects.filter(translation_key=page.translation_key)
    else:
        # A page type with addresses of its own: its versions as that type, with only the
        # columns every page has (its own, a posting's body among them, are left unread).
        columns = [field.attname for field in Page._meta.concrete_fields]
        versions = page.get_translations(inclusive=True).only(*columns)
    return list(
        versions.select_related("locale")
        .annotate(careers_is_private=Exists(restricted))
        .order_by("locale__language_code")
    )


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
    entry = cache.Entry(parts=["translations", page.pk, request.scheme, request.get_host()])
    return cache.cached_entry(entry, lambda: _live_translations(page, request, versions))


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
        result.append(
            {
                "code": code,
                "name": language_name(code, local=True),
                "url": version.get_url(request),
                "full_url": version.get_full_url(request),
                "is_current": version.pk == page.pk,
            }
        )
    return result if len(result) > 1 else []
