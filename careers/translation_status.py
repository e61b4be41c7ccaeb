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


def _linked_snippets(page):
    """The organisations and statement a posting shows, each once, in the order it shows them."""
    from .models import EqualOpportunityStatement

    found = []
    for link in page.hiring_organisations.all():
        if link.organisation_id:
            found.append(link.organisation)
    for block in page.body.blocks_by_name("about_organisation") if page.body else []:
        organisation = block.value.get("organisation")
        if organisation is not None:
            found.append(organisation)
    if page.equal_opportunity_statement_id:
        found.append(page.equal_opportunity_statement)
    else:
        default = EqualOpportunityStatement.default_for_locale(page.locale_id)
        if default is None:
            default = EqualOpportunityStatement.objects.filter(is_default=True).first()
        if default is not None:
            found.append(default)
    unique = {}
    for snippet in found:
        unique.setdefault((type(snippet), snippet.translation_key), snippet)
    return list(unique.values())


def _snippet_progress(snippet, locale):
    if not apps.is_installed("wagtail_localize"):
        return None
    from wagtail_localize.models import Translation

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
            languages.append({"code": code, "name": _language_name(code), "snippets": rows})
    return languages
