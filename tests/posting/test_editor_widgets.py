"""The posting form's long lists: canonical time zones with offsets, countries as checkboxes."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from careers import timezones
from careers.timezones import canonical_timezones, choice_label, parse_zone_tab, timezone_choices
from tests.helpers import add_url, field_errors, form_data

JANUARY = datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)
LEGACY = ["Asia/Calcutta", "Europe/Kiev", "Mexico/General", "US/Eastern", "America/Buenos_Aires"]


def test_only_canonical_zones_are_offered():
    names = canonical_timezones()
    assert 300 < len(names) < 470
    assert {"Asia/Kolkata", "Europe/Kyiv", "America/Mexico_City", "Europe/Amsterdam"} <= set(names)
    assert not set(LEGACY) & set(names)


def test_without_zone_tab_the_known_regions_stand_in(monkeypatch):
    monkeypatch.setattr(timezones, "_zone_tab_text", lambda: None)
    canonical_timezones.cache_clear()
    try:
        names = canonical_timezones()
        assert "America/Mexico_City" in names
        assert not {"Mexico/General", "US/Eastern", "Etc/GMT+5", "UTC"} & set(names)
    finally:
        canonical_timezones.cache_clear()


def test_parse_zone_tab():
    text = (
        "# comment\nMX\t+1924-09909\tAmerica/Mexico_City\tCentral Mexico\n"
        "\nIN\t+2232+08822\tAsia/Kolkata\n"
    )
    assert parse_zone_tab(text) == {"America/Mexico_City", "Asia/Kolkata"}


def test_labels_show_the_current_offset():
    assert choice_label("America/Mexico_City", JANUARY) == "(UTC\u221206:00) America/Mexico City"
    assert choice_label("Asia/Kathmandu", JANUARY) == "(UTC+05:45) Asia/Kathmandu"
    assert choice_label("Europe/London", JANUARY) == "(UTC+00:00) Europe/London"
    july = JANUARY.replace(month=7)
    assert choice_label("Europe/London", july) == "(UTC+01:00) Europe/London"


def test_choices_are_grouped_by_region_and_keep_a_legacy_value():
    choices = timezone_choices("Asia/Calcutta", JANUARY)
    assert choices[0][0] == "UTC"
    assert choices[1] == ("Asia/Calcutta", "(UTC+05:30) Asia/Calcutta")
    groups = {str(label): options for label, options in choices[2:]}
    assert "Europe" in groups and "Americas" in groups
    assert ("Europe/Kyiv", "(UTC+02:00) Europe/Kyiv") in groups["Europe"]
    assert "Asia/Calcutta" not in [name for name, _label in groups["Asia"]]


@pytest.mark.django_db
class TestForm:
    def test_the_add_form_offers_filtered_lists(self, admin_client, careers_page):
        response = admin_client.get(add_url(careers_page))
        soup = BeautifulSoup(response.content, "html.parser")
        select = soup.select_one('select[name="closing_timezone"]')
        values = [option["value"] for option in select.select("option")]
        assert values[0] == "UTC" and "America/Mexico_City" in values
        assert not set(LEGACY) & set(values)
        assert select.select("optgroup")
        assert select.find_previous_sibling("input", attrs={"data-careers-filter": True})
        countries = soup.select('input[type=checkbox][name="applicant_countries"]')
        assert len(countries) > 200
        wrapper = countries[0].find_parent(attrs={"data-careers-filtered": True})
        assert wrapper.select_one("[data-careers-filter]")
        text = soup.get_text(" ")
        assert "Regions applicants may live in" in text
        assert "regions applicants may live in" not in text
        scripts = [tag.get("src", "") for tag in soup.select("script")]
        assert any(src.endswith("careers/editor.js") for src in scripts)

    def test_a_legacy_zone_is_kept_and_shown(self, admin_client, careers_page, two_organisations):
        data = form_data(two_organisations, closing_timezone="Asia/Calcutta")
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 302, field_errors(response)
        from careers.models import JobPostingPage

        posting = JobPostingPage.objects.get()
        assert posting.closing_timezone == "Asia/Calcutta"
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[posting.pk]))
        soup = BeautifulSoup(response.content, "html.parser")
        selected = soup.select_one('select[name="closing_timezone"] option[selected]')
        assert selected["value"] == "Asia/Calcutta"
        assert selected.get_text().endswith("Asia/Calcutta")

    def test_countries_are_saved_from_checkboxes(
        self, admin_client, careers_page, two_organisations
    ):
        data = form_data(two_organisations, applicant_regions=[], applicant_countries=["MX", "GT"])
        data["action-publish"] = "action-publish"
        response = admin_client.post(add_url(careers_page), data)
        assert response.status_code == 302, field_errors(response)
        from careers.models import JobPostingPage

        assert JobPostingPage.objects.get().applicant_country_codes == ["GT", "MX"]
