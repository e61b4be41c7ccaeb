"""Which languages a posting exists in, how far each wagtail-localize translation has got, and
whether it is out of date with its source."""

from django.apps import apps
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import get_text_list
from django.utils.translation import gettext, ngettext

from .languages import language_name
from .translation_sync import stale_facts, text_changed


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
                "name": language_name(version.locale.language_code),
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
    from wagtail_localize.models import Translation  # optional: only with wagtail-localize

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
        language = language_name(source.locale.language_code)
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


def _linked_snippets(page):
    """The organisations and statement a posting shows, each once, in the order it shows them."""
    # Deferred: careers.models imports this module (the posting's translation panel).
    from .models import EqualOpportunityStatement

    found = []
    for link in page.hiring_organisations.all():
        if link.organisation_id:
            found.append(link.organisation)
    if page.reports_to_organisation_id:
        found.append(page.reports_to_organisation)
    for block in page.body.blocks_by_name("about_organisation") if page.body else []:
        organisation = block.value.get("organisation")
        if organisation is not None:
            found.append(organisation)
    if page.show_statement:
        statement = page.equal_opportunity_statement
        if statement is None:
            statement = EqualOpportunityStatement.default_for_locale(page.locale_id)
        if statement is None:
            statement = EqualOpportunityStatement.objects.filter(is_default=True).first()
        if statement is not None:
            found.append(statement)
    unique = {}
    for snippet in found:
        unique.setdefault((type(snippet), snippet.translation_key), snippet)
    return list(unique.values())


def _snippet_progress(snippet, locale):
    if not apps.is_installed("wagtail_localize"):
        return None
    from wagtail_localize.models import Translation  # optional: only with wagtail-localize

    translation = Translation.objects.filter(
        source__object_id=snippet.translation_key, target_locale=locale, enabled=True
    ).first()
    if translation is None:
        return None
    total, done = translation.get_progress()
    return round(100 * done / total) if total else 100


def _snippets_missing_in(snippets, locale):
    rows = []
    for snippet in snippets:
        opts = snippet._meta
        translated = snippet.get_translation_or_none(locale)
        if translated is None:
            if apps.is_installed("wagtail_localize"):
                url = reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[opts.app_label, opts.model_name, snippet.pk],
                )
            else:
                url = reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:add")
            percent = None
        else:
            percent = _snippet_progress(translated, locale)
            if percent is None or percent >= 100:
                continue
            url = reverse(
                f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[translated.pk]
            )
        rows.append(
            {"kind": opts.verbose_name, "name": str(snippet), "percent": percent, "url": url}
        )
    return rows


def snippets_to_translate(page):
    """By language of ``page``'s versions: the organisations and statement it shows that are not
    (fully) translated into that language.

    Each snippet row holds its kind and name, how far its translation has got (None when there is
    none yet), and the address that leads there in the admin: the translation to finish, or
    where to start one.
    """
    snippets = _linked_snippets(page)
    if not snippets:
        return []
    languages = []
    versions = page.get_translations(inclusive=True).select_related("locale")
    for version in versions.order_by("locale__language_code"):
        rows = _snippets_missing_in(snippets, version.locale)
        if rows:
            code = version.locale.language_code
            languages.append({"code": code, "name": language_name(code), "snippets": rows})
    return languages
