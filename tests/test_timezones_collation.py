"""Time zones by name in the visitor's language; names sorted as a reader expects."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from careers.collation import collation_key
from careers.timezones import zone_label, zone_name


def at(zone, month):
    return datetime.datetime(2031, month, 15, 12, tzinfo=zoneinfo.ZoneInfo(zone))


@pytest.mark.parametrize(
    "language, zone, month, expected",
    [
        ("en", "America/Mexico_City", 1, "Central Standard Time (Mexico City), UTC−06:00"),
        ("es", "America/Mexico_City", 1, "hora estándar central (Mexico City), UTC−06:00"),
        ("en", "Europe/Madrid", 1, "Central European Standard Time (Madrid), UTC+01:00"),
        ("en", "Europe/Madrid", 7, "Central European Summer Time (Madrid), UTC+02:00"),
        ("fr", "Asia/Kolkata", 7, "heure de l’Inde (Kolkata), UTC+05:30"),
        ("pt-br", "America/Sao_Paulo", 7, "Horário Padrão de Brasília (Sao Paulo), UTC−03:00"),
        ("de", "America/Lima", 7, "Peru Standard Time (Lima), UTC−05:00"),
    ],
)
def test_zone_label(language, zone, month, expected):
    with translation.override(language):
        assert zone_label(at(zone, month)) == expected


def test_utc_has_no_name():
    utc = datetime.datetime(2031, 1, 1, tzinfo=zoneinfo.ZoneInfo("UTC"))
    assert zone_name(utc) == ""
    assert zone_label(utc) == "UTC"


def test_every_zone_offered_to_editors_has_a_name():
    from careers.forms import timezone_choices

    with translation.override("es"):
        missing = [z for z, _label in timezone_choices()[1:] if "(" not in zone_name(at(z, 1))]
    assert missing == []


def test_spanish_language_names_sort_by_letter_not_code_point():
    names = ["Portugués", "Árabe", "Inglés", "alemán", "Zulú", "Español"]
    assert sorted(names, key=collation_key) == [
        "alemán", "Árabe", "Español", "Inglés", "Portugués", "Zulú",
    ]  # fmt: skip
