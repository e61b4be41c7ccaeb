"""The app ships complete Spanish, French and Portuguese catalogs, compiled and in use."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

LOCALE = Path(__file__).resolve().parent.parent / "careers" / "locale"
LANGUAGES = ["es", "fr", "pt"]
PLACEHOLDER = re.compile(r"%\(\w+\)s|%%|\{\w*\}")


def catalog(code):
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_is_complete(code):
    po = catalog(code)
    assert len(po) > 250
    assert po.untranslated_entries() == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    assert po.metadata["Language"] == code


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_survive_translation(code):
    for entry in catalog(code):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        expected_plural = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in translations(entry):
            found = sorted(PLACEHOLDER.findall(text))
            assert found in (expected, expected_plural), (entry.msgid, text)


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalog_is_up_to_date(code):
    mo = polib.mofile(str(LOCALE / code / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): translations(e) for e in mo if e.msgid}
    for entry in catalog(code).translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == translations(entry), entry.msgid


@pytest.mark.parametrize(
    "code, closing_date, open_positions",
    [
        ("es", "Fecha de cierre", "3 convocatorias abiertas"),
        ("fr", "Date limite", "3 offres ouvertes"),
        ("pt", "Prazo", "3 vagas abertas"),
    ],
)
def test_django_loads_the_catalogs(code, closing_date, open_positions):
    with translation.override(code):
        assert gettext("Closing date") == closing_date
        text = ngettext("%(counter)s open position", "%(counter)s open positions", 3)
        assert text % {"counter": 3} == open_positions
