"""Which languages a posting exists in, and how far each wagtail-localize translation has got."""

from django.apps import apps
from django.urls import reverse
from django.utils.translation import get_language_info


def _language_name(code):
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def translation_status(page):
    """One row per language version of ``page``: language, live or draft, percent translated."""
    progress = {}
    if apps.is_installed("wagtail_localize"):
        from wagtail_localize.models import Translation

        translations = Translation.objects.filter(
            source__object_id=page.translation_key, enabled=True
        )
        for translation in translations:
            total, done = translation.get_progress()
            progress[translation.target_locale_id] = round(100 * done / total) if total else 100
    rows = []
    versions = page.get_translations(inclusive=True).select_related("locale")
    for version in versions.order_by("locale__language_code"):
        rows.append(
            {
                "code": version.locale.language_code,
                "name": _language_name(version.locale.language_code),
                "live": version.live,
                "has_unpublished_changes": version.has_unpublished_changes,
                "percent": progress.get(version.locale_id),
                "is_current": version.pk == page.pk,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[version.pk]),
            }
        )
    return rows
