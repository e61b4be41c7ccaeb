"""Translation through wagtail-localize itself: submit, machine-translate, PO, publish, sync."""

import datetime

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from careers.models import JobPostingPage, Organisation
from tests.helpers import block, item

pytestmark = pytest.mark.i18n


def submit(admin_client, page, locale):
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [locale.pk]},
    )
    assert response.status_code == 302, response.content[:500]
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def publish(translation, capture):
    """wagtail-localize publishes on commit; run those callbacks as a real request would."""
    with capture(execute=True):
        translation.save_target(publish=True)


def segment_texts(source):
    return {segment.string.data for segment in StringSegment.objects.filter(source=source)}


def test_every_block_yields_segments(admin_client, rich_posting, locale_es):
    translation = submit(admin_client, rich_posting, locale_es)
    texts = segment_texts(translation.source)
    for expected in [
        "Focal cities coordinator",
        "Support to local teams",
        "Advise local teams",
        "Track activities against the plan",
        "Skills and competencies",
        "Strong writing skills",
        "Knowledge of urban planning",
        "Flexible hours",
        "5 days per week",
    ]:
        assert expected in texts, expected
    # Facts that are synchronised are not offered for translation.
    assert "FC-01" not in texts
    assert "jobs@example.org" not in texts


def test_new_translation_starts_as_a_draft(admin_client, rich_posting, locale_es):
    submit(admin_client, rich_posting, locale_es)
    translated = JobPostingPage.objects.get(
        translation_key=rich_posting.translation_key, locale=locale_es
    )
    assert translated.live is False


def test_machine_translate_then_publish(
    admin_client, rich_posting, locale_es, organisation, django_capture_on_commit_callbacks
):
    translation = submit(admin_client, rich_posting, locale_es)
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]),
        {"next": "/admin/"},
    )
    assert response.status_code == 302
    publish(translation, django_capture_on_commit_callbacks)
    translated = JobPostingPage.objects.get(
        translation_key=rich_posting.translation_key, locale=locale_es
    )
    assert translated.live
    # The dummy translator reverses words.
    assert translated.title == "coordinator cities Focal"
    duties = next(b for b in translated.body if b.block_type == "duties")
    assert [str(i) for i in duties.value["items"]] == [
        "teams local Advise",
        "plan the against activities Track",
    ]
    # The organisation is relinked to its own (new) Spanish translation.
    spanish_org = Organisation.objects.get(
        translation_key=organisation.translation_key, locale=locale_es
    )
    assert translated.organisations == [spanish_org]
    about = next(b for b in translated.body if b.block_type == "about_organisation")
    assert about.value["organisation"] == spanish_org
    # Synchronised facts are equal.
    for name in ("closes_at", "closing_timezone", "reference_code", "employment_type",
                 "workplace_type", "application_email", "salary_min", "salary_currency",
                 "language_codes"):  # fmt: skip
        assert getattr(translated, name) == getattr(rich_posting, name), name
    assert translated.applicant_regions == ["africa", "latin_america"]


def test_po_file_round_trip(
    admin_client, rich_posting, locale_es, django_capture_on_commit_callbacks
):
    translation = submit(admin_client, rich_posting, locale_es)
    response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(response.content.decode())
    spanish_text = {
        "Focal cities coordinator": "Coordinación de ciudades focales",
        "Advise local teams": "Asesorar a los equipos locales",
        "Strong writing skills": "Excelente redacción",
    }
    for entry in po:
        entry.msgstr = spanish_text.get(entry.msgid, entry.msgid)
    upload = SimpleUploadedFile(
        "es.po", str(po).encode(), content_type="text/x-gettext-translation"
    )
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302
    publish(translation, django_capture_on_commit_callbacks)
    translated = JobPostingPage.objects.get(
        translation_key=rich_posting.translation_key, locale=locale_es
    )
    assert translated.title == "Coordinación de ciudades focales"
    html = BeautifulSoup(admin_client.get(translated.url).content, "html.parser")
    assert "Asesorar a los equipos locales" in html.get_text()
    assert "Excelente redacción" in html.get_text()


def test_sync_after_closing_date_change(
    admin_client, rich_posting, locale_es, django_capture_on_commit_callbacks
):
    translation = submit(admin_client, rich_posting, locale_es)
    publish(translation, django_capture_on_commit_callbacks)
    rich_posting.closing_date = rich_posting.closing_date + datetime.timedelta(days=14)
    rich_posting.save_revision().publish()
    source = TranslationSource.objects.get(object_id=rich_posting.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    rich_posting.refresh_from_db()
    translated = JobPostingPage.objects.get(
        translation_key=rich_posting.translation_key, locale=locale_es
    )
    assert translated.closing_date == rich_posting.closing_date
    assert translated.closes_at == rich_posting.closes_at


def test_closing_date_cannot_be_overridden_in_a_translation(rich_posting):
    from wagtail_localize.fields import get_translatable_fields

    fields = {field.field_name: field for field in get_translatable_fields(JobPostingPage)}
    for name in ("closing_date", "closing_time", "closing_timezone", "application_email",
                 "reference_code", "salary_min", "applicant_countries"):  # fmt: skip
        assert fields[name].is_overridable(rich_posting) is False, name
        assert fields[name].is_translated(rich_posting) is False, name
    assert fields["title"].is_translated(rich_posting)
    assert fields["body"].is_translated(rich_posting)


class TestReadingInOnesLanguage:
    @pytest.fixture
    def translated(
        self,
        admin_client,
        rich_posting,
        locale_es,
        make_posting,
        django_capture_on_commit_callbacks,
    ):
        translation = submit(admin_client, rich_posting, locale_es)
        publish(translation, django_capture_on_commit_callbacks)
        make_posting(title="English only")
        return JobPostingPage.objects.get(
            translation_key=rich_posting.translation_key, locale=locale_es
        )

    @pytest.mark.parametrize("fallback_limit", [1000, 0], ids=["id-list", "subquery"])
    def test_listing_falls_back_to_source_language(
        self, client, careers_page, translated, fallback_limit, monkeypatch
    ):
        # Untranslated postings reach the queries as a list of ids, or beyond the limit as a
        # subquery: both ways give the same listing.
        monkeypatch.setattr("careers.visibility.FALLBACK_LIST_LIMIT", fallback_limit)
        spanish_listing = careers_page.get_translation(translated.locale)
        soup = BeautifulSoup(client.get(spanish_listing.url).content, "html.parser")
        cards = {
            card.select_one(".careers-card__title a").get_text(strip=True): card["lang"]
            for card in soup.select("article.careers-card")
        }
        assert cards == {"Focal cities coordinator": "es", "English only": "en"}
        assert soup.html["lang"] == "es"

    @pytest.mark.parametrize("fallback_limit", [1000, 0], ids=["id-list", "all-languages"])
    def test_search_finds_one_version_of_each_posting(
        self, client, careers_page, translated, fallback_limit, monkeypatch, make_posting
    ):
        # The search is narrowed to the visitor's language and the untranslated postings' first
        # versions, or beyond the limit searches every language: either way a search finds
        # untranslated postings, and one version of each posting.
        monkeypatch.setattr("careers.visibility.FALLBACK_LIST_LIMIT", fallback_limit)
        make_posting(title="Untranslated hydrologist")
        spanish_listing = careers_page.get_translation(translated.locale)

        def cards(query):
            response = client.get(spanish_listing.url + "?q=" + query)
            soup = BeautifulSoup(response.content, "html.parser")
            return {
                card.select_one(".careers-card__title a").get_text(strip=True): card["lang"]
                for card in soup.select("article.careers-card")
            }

        # (Not a word like "only": PostgreSQL's full-text search drops English stop words.)
        assert cards("hydrologist") == {"Untranslated hydrologist": "en"}
        assert cards("focal") == {"Focal cities coordinator": "es"}

    def test_setting_hides_untranslated(self, client, careers_page, translated, settings):
        settings.CAREERS_SHOW_UNTRANSLATED = False
        spanish_listing = careers_page.get_translation(translated.locale)
        soup = BeautifulSoup(client.get(spanish_listing.url).content, "html.parser")
        assert len(soup.select("article.careers-card")) == 1

    def test_hreflang_and_switcher(self, client, rich_posting, translated):
        soup = BeautifulSoup(client.get(translated.url).content, "html.parser")
        alternates = {
            link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')
        }
        assert set(alternates) == {"en", "es"}
        assert alternates["en"].endswith(rich_posting.url)
        switcher = soup.select_one("nav.careers-language-switcher")
        assert switcher.select_one('[aria-current="page"]')["lang"] == "es"

    def test_unpublished_translation_is_not_linked(self, client, rich_posting, translated):
        translated.unpublish()
        soup = BeautifulSoup(client.get(rich_posting.url).content, "html.parser")
        assert soup.select('link[rel="alternate"]') == []
        assert soup.select_one("nav.careers-language-switcher") is None

    def test_dates_formatted_for_the_language(self, client, translated):
        content = client.get(translated.url).content.decode()
        months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                  "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip
        assert any(f" de {month} de " in content for month in months)


def test_languages_panel_shows_each_version_and_progress(admin_client, rich_posting, locale_es):
    translation = submit(admin_client, rich_posting, locale_es)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[rich_posting.pk]))
    panel = BeautifulSoup(response.content, "html.parser").select_one(".careers-translation-status")
    lines = [" ".join(li.get_text().split()) for li in panel.select("li")]
    assert lines == ["English: live", "Spanish: draft, 0% translated"]
    admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[rich_posting.pk]))
    panel = BeautifulSoup(response.content, "html.parser").select_one(".careers-translation-status")
    assert "Spanish: draft, 100% translated" in " ".join(panel.get_text().split())


@pytest.fixture
def until_filled_posting(make_posting, organisation):
    supporter = Organisation.objects.create(name="Street Vendors Trust")
    body = [
        block("languages", {"heading": "Languages", "items": [
            item({"language": "en", "alternatives": [], "level": "fluent",
                  "importance": "essential"}),
            item({"language": "fr", "alternatives": [item("es"), item("sw")],
                  "level": "working", "importance": "essential"}),
        ]}),
    ]  # fmt: skip
    return make_posting(
        title="Organiser until filled",
        body=body,
        organisations=[organisation, (supporter, "supporter")],
        employment_types=["part_time", "consultancy"],
        open_until_filled=True,
        closing_date=None,
        review_from=datetime.date(2099, 3, 1),
        application_cc="hr@example.org",
        application_reference="Organiser application",
        reports_to="Programme Director",
        reports_to_organisation=supporter,
        show_statement=False,
        direct_apply=True,
    )


def test_new_facts_are_synchronised_and_texts_translated(
    admin_client, until_filled_posting, locale_es, django_capture_on_commit_callbacks
):
    source = until_filled_posting
    translation = submit(admin_client, source, locale_es)
    texts = segment_texts(translation.source)
    assert {"Programme Director", "Organiser application"} <= texts
    assert "hr@example.org" not in texts
    admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    publish(translation, django_capture_on_commit_callbacks)
    translated = JobPostingPage.objects.get(
        translation_key=source.translation_key, locale=locale_es
    )
    for name in ("employment_types", "open_until_filled", "closing_date", "closes_at",
                 "review_from", "application_cc", "show_statement", "direct_apply",
                 "language_codes"):  # fmt: skip
        assert getattr(translated, name) == getattr(source, name), name
    assert translated.reports_to == "Director Programme"
    assert [link.role for link in translated.hiring_organisations.all()] == [
        "employer",
        "supporter",
    ]
    assert translated.reports_to_organisation.locale == locale_es
    assert translated.language_requirements == source.language_requirements
    from wagtail_localize.fields import get_translatable_fields

    fields = {field.field_name: field for field in get_translatable_fields(JobPostingPage)}
    for name in ("employment_types", "open_until_filled", "review_from", "is_filled",
                 "application_cc", "direct_apply", "show_statement"):  # fmt: skip
        assert fields[name].is_overridable(source) is False, name
        assert fields[name].is_translated(source) is False, name
