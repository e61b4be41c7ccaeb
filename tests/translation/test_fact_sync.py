"""Publishing a posting copies its facts to its translations, through wagtail-localize's own
sources, translations and translated strings: live translations are republished, drafts stay
drafts, translated text is kept."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from careers.models import JobPostingPage

pytestmark = pytest.mark.i18n

NEW_FACTS = {
    "closing_date": datetime.date(2099, 3, 1),
    "application_email": "apply@example.org",
    "salary_min": Decimal("1500.00"),
    "employment_type": "part_time",
}


def on_commit():
    """wagtail-localize and search indexing act on commit; run them as after a request."""
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture
def french(db):
    return Locale.objects.get_or_create(language_code="fr")[0]


@pytest.fixture
def posting(make_posting):
    return make_posting(
        title="Regional organiser",
        closing_date=datetime.date(2099, 1, 31),
        salary_currency="USD",
        salary_min=1000,
        salary_max=2000,
        salary_period="month",
    )


def translate(page, locale, prefix, publish=True):
    """Submit ``page`` for translation, translate every string with ``prefix`` and save."""
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    translate_strings(source, locale, prefix)
    with on_commit():
        translation.save_target(publish=publish)
    return translation


def translate_strings(source, locale, prefix):
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"{prefix} {segment.string.data}", "translation_type": "manual"},
        )


def version(page, locale):
    return JobPostingPage.objects.get(translation_key=page.translation_key, locale=locale)


def publish_new_facts(page, **changes):
    page = JobPostingPage.objects.get(pk=page.pk)
    for name, value in {**NEW_FACTS, **changes}.items():
        setattr(page, name, value)
    with on_commit():
        page.save_revision().publish()
    return JobPostingPage.objects.get(pk=page.pk)


def assert_new_facts(page, source=None):
    """The new facts; with ``source``, also the closing instant computed when a page is saved."""
    for name, value in NEW_FACTS.items():
        assert getattr(page, name) == value, name
    if source is not None:
        assert page.closes_at == source.closes_at


def test_live_translations_are_republished_with_the_facts(posting, locale_es, french):
    translate(posting, locale_es, "ES")
    translate(posting, french, "FR")
    source = publish_new_facts(posting)
    for locale, prefix in ((locale_es, "ES"), (french, "FR")):
        translated = version(posting, locale)
        assert translated.live and not translated.has_unpublished_changes
        assert_new_facts(translated, source)
        assert_new_facts(translated.live_revision.as_object())
        assert translated.title == f"{prefix} Regional organiser"
        assert translated.introduction == f"{prefix} A role in the network."


def test_a_draft_translation_stays_a_draft(posting, locale_es):
    translate(posting, locale_es, "ES", publish=False)
    publish_new_facts(posting)
    translated = version(posting, locale_es)
    assert not translated.live
    draft = translated.latest_revision.as_object()
    assert_new_facts(draft)
    assert draft.title == "ES Regional organiser"


def test_a_newer_draft_of_a_live_translation_is_kept_and_updated(posting, locale_es):
    translation = translate(posting, locale_es, "ES")
    translate_strings(translation.source, locale_es, "ES draft")
    with on_commit():
        translation.save_target(publish=False)
    publish_new_facts(posting)
    translated = version(posting, locale_es)
    assert translated.live and translated.has_unpublished_changes
    live = translated.live_revision.as_object()
    assert_new_facts(live)
    assert live.title == "ES Regional organiser"
    assert translated.title == "ES Regional organiser"
    draft = translated.latest_revision.as_object()
    assert translated.latest_revision_id != translated.live_revision_id
    assert_new_facts(draft)
    assert draft.title == "ES draft Regional organiser"


def test_translated_text_is_kept_and_english_text_waits_for_a_sync(posting, locale_es):
    translate(posting, locale_es, "ES")
    publish_new_facts(posting, title="Regional organiser (Andes)")
    translated = version(posting, locale_es)
    assert translated.title == "ES Regional organiser"
    source = TranslationSource.objects.get(object_id=posting.translation_key)
    texts = {segment.string.data for segment in StringSegment.objects.filter(source=source)}
    assert "Regional organiser" in texts and "Regional organiser (Andes)" not in texts


def test_translations_published_later_keep_the_new_facts(posting, locale_es, french):
    spanish = translate(posting, locale_es, "ES")
    french_translation = translate(posting, french, "FR", publish=False)
    source = publish_new_facts(posting)
    # From the translation editor, as a translator would publish (in a later request).
    french_translation = Translation.objects.get(pk=french_translation.pk)
    with on_commit():
        french_translation.save_target(publish=True)
    assert_new_facts(version(posting, french), source)
    # "Sync translated pages": the source's text again, every translation published.
    spanish = Translation.objects.get(pk=spanish.pk)
    spanish.source.update_from_db()
    with on_commit():
        spanish.save_target(publish=True)
    translated = version(posting, locale_es)
    assert_new_facts(translated, source)
    assert translated.title == "ES Regional organiser"


def test_publishing_again_changes_nothing(posting, locale_es):
    translate(posting, locale_es, "ES")
    publish_new_facts(posting)
    translated = version(posting, locale_es)
    revisions = translated.revisions.count()
    publish_new_facts(posting)
    publish_new_facts(posting)
    assert version(posting, locale_es).revisions.count() == revisions


def test_one_new_revision_per_translation(posting, locale_es):
    translate(posting, locale_es, "ES")
    revisions = version(posting, locale_es).revisions.count()
    publish_new_facts(posting)
    assert version(posting, locale_es).revisions.count() == revisions + 1


def test_a_translation_of_a_translation_gets_the_facts(posting, locale_es, french):
    translate(posting, locale_es, "ES")
    translate(version(posting, locale_es), french, "FR")
    source = publish_new_facts(posting)
    assert_new_facts(version(posting, french), source)
    assert version(posting, french).title == "FR ES Regional organiser"


def test_a_translation_edited_by_hand_is_left_alone(posting, locale_es):
    translation = translate(posting, locale_es, "ES")
    translation.enabled = False
    translation.save(update_fields=["enabled"])
    publish_new_facts(posting)
    assert version(posting, locale_es).closing_date == datetime.date(2099, 1, 31)


def test_publishing_a_translation_does_not_sync_its_source(posting, locale_es):
    translate(posting, locale_es, "ES")
    translated = version(posting, locale_es)
    revisions = posting.revisions.count()
    with on_commit():
        translated.save_revision().publish()
    assert posting.revisions.count() == revisions
    assert JobPostingPage.objects.get(pk=posting.pk).closing_date == datetime.date(2099, 1, 31)


class TestLanguagesPanel:
    @pytest.fixture
    def admin_client(self, client, django_user_model):
        user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
        client.force_login(user)
        return client

    def panel(self, admin_client, page):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        panel = BeautifulSoup(response.content, "html.parser").select_one(
            ".careers-translation-status"
        )
        return {" ".join(li.get_text().split()).split(":")[0]: li for li in panel.select("li")}

    def text(self, row):
        return " ".join(row.get_text().split())

    def test_up_to_date_after_publishing(self, admin_client, posting, locale_es):
        translate(posting, locale_es, "ES")
        publish_new_facts(posting)
        rows = self.panel(admin_client, posting)
        assert self.text(rows["Spanish"]) == "Spanish: live, 100% translated"

    def test_facts_that_differ_are_named(self, admin_client, posting, locale_es, monkeypatch):
        translate(posting, locale_es, "ES")
        # As for translations published before facts were copied on publishing.
        monkeypatch.setattr("careers.translation_sync.sync_translations", lambda *a, **k: None)
        publish_new_facts(posting)
        rows = self.panel(admin_client, posting)
        text = self.text(rows["Spanish"])
        assert text.startswith("Spanish: live, 100% translated, out of date: ")
        assert (
            "types of employment, minimum pay, closing date and application email differ "
            "from the English version" in text
        )
        source = TranslationSource.objects.get(object_id=posting.translation_key)
        link = rows["Spanish"].select_one("a[href*='update']")
        assert link.get_text() == "Sync translated pages"
        assert link["href"].startswith(
            reverse("wagtail_localize:update_translations", args=[source.pk])
        )
        assert "out of date" not in self.text(rows["English"])

    def test_a_draft_with_old_facts_is_out_of_date(
        self, admin_client, posting, locale_es, monkeypatch
    ):
        translate(posting, locale_es, "ES", publish=False)
        monkeypatch.setattr("careers.translation_sync.sync_translations", lambda *a, **k: None)
        publish_new_facts(posting, employment_type="full_time", salary_min=1000)
        text = self.text(self.panel(admin_client, posting)["Spanish"])
        assert "out of date: closing date and application email differ from the English" in text

    def test_new_text_to_translate(self, admin_client, posting, locale_es):
        translate(posting, locale_es, "ES")
        publish_new_facts(posting, title="Regional organiser (Andes)")
        rows = self.panel(admin_client, posting)
        text = self.text(rows["Spanish"])
        assert text.endswith(
            "out of date: the English text has changed since the last sync. Sync translated pages"
        )
        source = TranslationSource.objects.get(object_id=posting.translation_key)
        response = admin_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]), {}
        )
        assert response.status_code == 302
        text = self.text(self.panel(admin_client, posting)["Spanish"])
        assert "out of date" not in text
        assert "% translated" in text and "100% translated" not in text


def test_publishing_from_the_editor(client, django_user_model, careers_page, organisation, french):
    from tests.helpers import add_url, form_data

    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    data = form_data([organisation])
    data["action-publish"] = "action-publish"
    with on_commit():
        assert client.post(add_url(careers_page), data).status_code == 302
    posting = JobPostingPage.objects.get(slug="regional-organiser")
    translate(posting, french, "FR")
    data.update(closing_date="2099-03-01", application_email="apply@example.org")
    with on_commit():
        response = client.post(reverse("wagtailadmin_pages:edit", args=[posting.pk]), data)
    assert response.status_code == 302
    translated = version(posting, french)
    assert translated.live and translated.closing_date == datetime.date(2099, 3, 1)
    assert translated.application_email == "apply@example.org"
    assert translated.title == "FR Regional organiser"
    assert JobPostingPage.objects.get(pk=posting.pk).closes_at == translated.closes_at
