"""Languages: their names, and which languages a page is live in (the language switcher and
``hreflang`` alternates)."""

from django.utils.translation import get_language_info
from wagtail.models import Page

from . import cache
from .conf import i18n_enabled


def language_name(code, local=False):
    """The name of the language ``code`` in the active language (``local``: in itself), or the
    code when Django does not know it."""
    try:
        info = get_language_info(code)
    except KeyError:
        return code
    return str(info["name_local" if local else "name_translated"])


def live_translations(page, request=None, private_q=None):
    """The live, public versions of ``page`` (itself included), as dicts for templates.

    ``private_q`` is ``PageQuerySet.private_q()`` when the caller has already looked it up, or a
    function returning it. The result changes only when careers pages are published,
    unpublished, moved or restricted, or sites change, so it is kept by :mod:`careers.cache`,
    except in previews.
    """
    if not i18n_enabled():
        return []
    if request is None or cache.is_preview(request):
        return _live_translations(page, request, private_q)
    entry = cache.Entry(parts=["translations", page.pk, request.scheme, request.get_host()])
    return cache.cached_entry(entry, lambda: _live_translations(page, request, private_q))


def _live_translations(page, request, private_q):
    if callable(private_q):
        private_q = private_q()
    if private_q is None:
        private_q = Page.objects.all().private_q()
    versions = (
        page.get_translations(inclusive=True)
        .live()
        .exclude(private_q)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    result = []
    for version in versions:
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
