"""Facts are the same in every language: when a page that wagtail-localize translates from is
published, its synchronised fields (the ``SynchronizedField`` entries of its translatable fields
that a translation cannot override) reach every translation made from it.

- A live translation is republished with the new facts, from its live content: a newer draft of
  it stays a draft, and gets the new facts too.
- A translation that is only a draft gets a new draft revision; it is not published.
- Translated text is not touched, and the text waiting for translation does not change either:
  only the facts in wagtail-localize's copy of the source (its ``TranslationSource``) are updated,
  so that a translation published later from the translation editor keeps them. New text reaches
  translators as before, through *Sync translated pages*.

Publishing the translations does not start another round of the same (``_syncing``); a
translation that is itself the source of further translations passes the facts on to them in the
same round. A translation already up to date is left as it is, so running it again changes
nothing.
"""

import contextvars
import logging

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction

logger = logging.getLogger(__name__)

_syncing = contextvars.ContextVar("careers_syncing_translations", default=False)


def synchronised_fields(model):
    """The model fields a translation copies from its source and cannot override."""
    # Optional: called only with wagtail-localize installed.
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    fields = []
    for translatable in get_translatable_fields(model):
        if isinstance(translatable, SynchronizedField) and not translatable.overridable:
            field = model._meta.get_field(translatable.field_name)
            if field.concrete and not field.is_relation:
                fields.append(field)
    return fields


def facts_of(page, fields):
    return {field.attname: getattr(page, field.attname) for field in fields}


def differing_fields(page, facts, fields):
    """The fields whose value on ``page`` is not the value in ``facts``."""
    return [
        field
        for field in fields
        if field.get_prep_value(getattr(page, field.attname))
        != field.get_prep_value(facts[field.attname])
    ]


def live_version(page):
    """The page with its live content (wagtail-localize writes a draft's content to the row)."""
    if page.live and page.live_revision_id:
        return page.live_revision.as_object()
    return page


def draft_version(page):
    """The page with the content of its newest draft, or None when the live content is newest."""
    if page.latest_revision_id and page.latest_revision_id != page.live_revision_id:
        return page.latest_revision.as_object()
    if not page.live:
        return page
    return None


def sync_translations(page, user=None):
    """Copy ``page``'s synchronised facts to every translation made from it."""
    if _syncing.get():
        return
    token = _syncing.set(True)
    try:
        _sync(page.specific, user)
    finally:
        _syncing.reset(token)


def _sync(page, user):
    # Optional: called only with wagtail-localize installed.
    from wagtail_localize.models import TranslationSource

    fields = synchronised_fields(type(page))
    if not fields:
        return
    facts = facts_of(page, fields)
    done = {page.pk}
    pending = [page]
    while pending:
        current = pending.pop()
        source = TranslationSource.objects.filter(
            object_id=current.translation_key, locale_id=current.locale_id
        ).first()
        if source is None:
            continue
        _update_source(source, facts, fields)
        for translation in source.translations.filter(enabled=True).select_related("target_locale"):
            try:
                target = source.get_translated_instance(translation.target_locale)
            except ObjectDoesNotExist:
                continue
            if target.pk in done:
                continue
            done.add(target.pk)
            try:
                with transaction.atomic():
                    _update_target(target, facts, fields, user)
            except ValidationError as error:
                logger.warning(
                    "Could not copy the facts of page %s to its translation %s: %s",
                    page.pk,
                    target.pk,
                    error,
                )
                continue
            pending.append(target)


def _update_source(source, facts, fields):
    """Put the new facts into wagtail-localize's copy of the source, and nothing else."""
    snapshot = source.as_instance()
    if differing_fields(snapshot, facts, fields):
        for field in fields:
            setattr(snapshot, field.attname, facts[field.attname])
        source.content_json = snapshot.to_json()
        source.save(update_fields=["content_json"])


def _set_facts(page, facts, fields):
    for field in fields:
        setattr(page, field.attname, facts[field.attname])


def _update_target(target, facts, fields, user):
    draft_revision = None
    if target.latest_revision_id and target.latest_revision_id != target.live_revision_id:
        draft_revision = target.latest_revision
    republished = False
    if target.live:
        live = live_version(target)
        if differing_fields(live, facts, fields):
            _set_facts(live, facts, fields)
            live.save_revision(user=user).publish(user=user)
            republished = True
    draft = draft_version(target) if not republished else None
    if republished and draft_revision is not None:
        draft = type(target).objects.get(pk=target.pk).with_content_json(draft_revision.content)
    if draft is None or not (republished or differing_fields(draft, facts, fields)):
        return
    _set_facts(draft, facts, fields)
    scheduled_at = draft_revision.approved_go_live_at if draft_revision else None
    revision = draft.save_revision(user=user, approved_go_live_at=scheduled_at, log_action=True)
    if scheduled_at:
        target.revisions.exclude(pk=revision.pk).update(approved_go_live_at=None)


def stale_facts(target, source_page):
    """The synchronised fields whose value in ``target`` (live or newest draft) is not the value
    live in ``source_page``."""
    if not source_page.live:
        return []
    fields = synchronised_fields(type(source_page))
    facts = facts_of(live_version(source_page), fields)
    stale = []
    versions = [live_version(target)] if target.live else []
    draft = draft_version(target)
    if draft is not None:
        versions.append(draft)
    for version in versions:
        for field in differing_fields(version, facts, fields):
            if field not in stale:
                stale.append(field)
    return stale


def text_changed(source, source_page):
    """Whether the live text of ``source_page`` differs from the text wagtail-localize offers
    for translation, i.e. *Sync translated pages* would bring new text in."""
    # Optional: called only with wagtail-localize installed.
    from wagtail_localize.segments.extract import extract_segments

    if not source_page.live:
        return False
    return extract_segments(live_version(source_page)) != extract_segments(source.as_instance())
