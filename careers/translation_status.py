"""Which languages a posting exists in, how far each wagtail-localize translation has got, and
whether it is out of date with its source."""

from django.apps import apps
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import get_text_list
from django.utils.translation import get_language_info, gettext, ngettext


def _language_name(code):
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def translation_status(page):
    """One row per language version of ``page``: language, live or draft, percent translated,
    and the reasons it is out of date with the version it is translated from, if any."""
    versions = list(
        page.get_translations(inclusive=True)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    progress, out_of_date = {}, {}
    if apps.is_installed("wagtail_localize"):
        progress, out_of_date = _localize_status(page, versions)
    rows = []
    for version in versions:
        reasons, sync_url = out_of_date.get(version.locale_id, ([], None))
        rows.append(
            {
                "code": version.locale.language_code,
                "name": _language_name(version.locale.language_code),
                "live": version.live,
                "has_unpublished_changes": version.has_unpublished_changes,
                "percent": progress.get(version.locale_id),
                "out_of_date": reasons,
                "sync_url": sync_url,
                "is_current": version.pk == page.pk,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[version.pk]),
            }
        )
    return rows


def _localize_status(page, versions):
    from wagtail_localize.models import Translation

    from .translation_sync import stale_facts, text_changed

    by_locale = {version.locale_id: version for version in versions}
    progress, out_of_date, text_changes = {}, {}, {}
    translations = Translation.objects.filter(
        source__object_id=page.translation_key
    ).select_related("source", "source__locale")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for translation in translations:
        source, target = translation.source, by_locale.get(translation.target_locale_id)
        source_page = by_locale.get(source.locale_id)
        if target is None or source_page is None:
            continue
        if translation.enabled:
            total, done = translation.get_progress()
            progress[target.locale_id] = round(100 * done / total) if total else 100
        language = _language_name(source.locale.language_code)
        reasons = []
        fields = stale_facts(target, source_page)
        if fields:
            names = get_text_list([str(field.verbose_name) for field in fields], gettext("and"))
            reasons.append(
                ngettext(
                    "%(fields)s differs from the %(language)s version",
                    "%(fields)s differ from the %(language)s version",
                    len(fields),
                )
                % {"fields": names, "language": language}
            )
        if translation.enabled:
            if source.pk not in text_changes:
                text_changes[source.pk] = text_changed(source, source_page)
            if text_changes[source.pk]:
                reasons.append(
                    gettext("the %(language)s text has changed since the last sync")
                    % {"language": language}
                )
        if reasons:
            sync_url = None
            if translation.enabled:
                sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
                sync_url += "?" + urlencode({"next": edit_url})
            out_of_date[target.locale_id] = (reasons, sync_url)
    return progress, out_of_date
