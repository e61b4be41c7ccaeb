"""Translate demo content the way an editor would: with wagtail-localize and PO files.

Each object is submitted for translation (related organisations follow it), the PO file that
wagtail-localize exports is filled from our own translations in ``demo_catalog``, imported back,
and the translation is published. A string we have not translated falls back to the source.
"""

from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from .demo_catalog import CATALOG


def translate(objects, locale, user, drafts=()):
    """Translate the objects that have no ``locale`` version yet; True if any was translated.

    Pages in ``drafts`` are left as drafts, as a translation still in progress would be.
    """
    pending = [obj for obj in objects if not obj.has_translation(locale)]
    if not pending:
        return False
    creator = TranslationCreator(user, [locale])
    for obj in pending:
        creator.create_translations(obj)
    draft_keys = {obj.translation_key for obj in drafts}
    catalog = CATALOG.get(locale.language_code, {})
    translations = Translation.objects.filter(
        target_locale=locale, source__object_id__in=creator.seen_objects
    ).select_related("source")
    for translation in translations.order_by("pk"):
        po = translation.export_po()
        for entry in po:
            entry.msgstr = catalog.get(entry.msgid, "")
        translation.import_po(po, user=user, tool_name="wagtail-careers demo")
        publish = translation.source.object_id not in draft_keys
        translation.save_target(user=user, publish=publish)
    return True
