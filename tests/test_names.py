"""Names of countries and languages, and deadlines, written once per language they are shown in:
each one still follows the active language (and a deadline its own time zone)."""

from django.utils.translation import override

from careers.choices import country_name
from careers.languages import language_name


def test_a_country_is_named_in_the_active_language():
    with override("en"):
        assert country_name("KE") == "Kenya"
    with override("es"):
        assert country_name("KE") == "Kenia"
    with override("fr"):
        assert country_name("KE") == "Kenya"
        assert country_name("DE") == "Allemagne"
    with override("en"):
        assert country_name("DE") == "Germany"
        assert country_name("XX") == ""


def test_a_language_is_named_in_the_active_language_or_in_itself():
    with override("en"):
        assert language_name("es") == "Spanish"
        assert language_name("es", local=True) == "español"
    with override("fr"):
        assert language_name("es") == "Espagnol"
        assert language_name("es", local=True) == "español"
    with override("en"):
        assert language_name("xx-unknown") == "xx-unknown"


def test_a_deadline_is_written_in_its_own_zone_and_the_active_language():
    import datetime
    import zoneinfo

    from careers.templatetags.careers_tags import careers_local_datetime

    mexico = datetime.datetime(2026, 3, 1, 23, 59, tzinfo=zoneinfo.ZoneInfo("America/Mexico_City"))
    utc = mexico.astimezone(datetime.UTC)  # the same instant
    with override("en"):
        assert careers_local_datetime(mexico) == "March 1, 2026, 11:59 p.m. (UTC−06:00)"
        assert careers_local_datetime(utc) == "March 2, 2026, 5:59 a.m. (UTC)"
        assert careers_local_datetime(mexico) == "March 1, 2026, 11:59 p.m. (UTC−06:00)"
    with override("es"):
        assert careers_local_datetime(mexico) == "1 de marzo de 2026, 23:59 (UTC−06:00)"
    # The hour that happens twice when clocks go back: each is written with its own offset.
    first = datetime.datetime(2026, 11, 1, 1, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    second = first.replace(fold=1)
    with override("en"):
        assert careers_local_datetime(second).endswith("(UTC−05:00)")
        assert careers_local_datetime(first).endswith("(UTC−04:00)")


def test_a_country_named_inside_a_countries_context_is_named_as_it_says():
    from django_countries import countries_context

    with override("en"):
        assert country_name("DE") == "Germany"
        with countries_context(only={"US": "The States", "CA": "Canada"}):
            assert country_name("US") == "The States"
            assert country_name("DE") == ""
        assert country_name("US") == "United States of America"
        assert country_name("DE") == "Germany"


def test_deadlines_in_two_fixed_zones_of_one_offset_keep_their_own_names():
    import datetime

    from django.test import override_settings

    from careers.templatetags.careers_tags import careers_local_datetime

    offset = datetime.timedelta(hours=-3)
    moment = datetime.datetime(2026, 3, 1, 23, 59, tzinfo=datetime.timezone(offset, "BRT"))
    other = moment.replace(tzinfo=datetime.timezone(offset, "ART"))
    with override(None), override_settings(TIME_FORMAT="H:i T"):
        assert careers_local_datetime(moment) == "March 1, 2026, 23:59 BRT (UTC−03:00)"
        assert careers_local_datetime(other) == "March 1, 2026, 23:59 ART (UTC−03:00)"
