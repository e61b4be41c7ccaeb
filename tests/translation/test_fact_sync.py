"""Publishing a posting copies its facts to its translations, through wagtail-localize's own
sources, translations and translated strings: live translations are republished, drafts stay
drafts, translated text is kept."""

import datetime
from decimal import Decimal

import pytest
from django.test import TestCase
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
