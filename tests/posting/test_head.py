"""What careers pages put in <head>, and the check that a base template has a place for it."""

import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command

from careers.checks import check_base_template_head
from tests.helpers import block

pytestmark = pytest.mark.django_db


def head_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


@pytest.fixture
def posting(make_posting):
    return make_posting(
        introduction="Coordinate <focal> cities & keep in touch with local teams.",
        closing_date=datetime.date(2031, 7, 23),
        date_posted=datetime.date(2031, 6, 1),
    )


@pytest.fixture
def listing(careers_page):
    careers_page.introduction = "<p>Work with us &amp; our members.</p><p>Second paragraph.</p>"
    careers_page.save_revision().publish()
    return careers_page


class TestHeadTag:
    def test_the_posting_describes_itself(self, client, posting):
        head = head_of(client, posting)
        description = head.select_one('meta[name="description"]')["content"]
        assert description == "Coordinate <focal> cities & keep in touch with local teams."

    def test_the_listing_describes_itself_in_plain_text(self, client, listing):
        head = head_of(client, listing)
        description = head.select_one('meta[name="description"]')["content"]
        assert description == "Work with us & our members. Second paragraph."
        assert head.select_one('link[rel="alternate"][type="application/rss+xml"]') is not None

    def test_the_editors_search_description_comes_first(self, client, posting):
        posting.search_description = "Chosen by the editor"
        posting.save_revision().publish()
        head = head_of(client, posting)
        assert head.select_one('meta[name="description"]')["content"] == "Chosen by the editor"

    def test_a_closed_posting_is_noindex_in_head(self, client, posting):
        with time_machine.travel(datetime.datetime(2031, 8, 1, tzinfo=datetime.UTC), tick=False):
            head = head_of(client, posting)
        assert head.select_one('meta[name="robots"]')["content"] == "noindex"

    @pytest.mark.parametrize("base", ["heads/block.html", "heads/includes.html"])
    def test_a_block_or_an_included_tag_works_too(self, client, settings, posting, base):
        settings.CAREERS_BASE_TEMPLATE = base
        head = head_of(client, posting)
        assert head.select_one('meta[name="description"]') is not None

    def test_pages_of_other_kinds_get_nothing(self):
        from django.template import Context, Template

        html = Template("{% load careers_tags %}<head>{% careers_head %}</head>").render(
            Context({})
        )
        assert html == "<head></head>"


class TestOutline:
    def test_blocks_take_the_level_below_the_section_they_are_in(self, client, make_posting):
        def duties(heading):
            return block(
                "duties", {"heading": heading, "intro": "", "list_style": "bulleted", "items": []}
            )

        posting = make_posting(
            body=[
                duties("First"),
                block("heading", {"text": "The role", "level": "h2"}),
                duties("Under the role"),
                block("heading", {"text": "Details", "level": "h3"}),
                duties("Under details"),
                block("what_we_offer", {"heading": "", "text": "", "items": ["Time"]}),
                duties("Under the offer"),
            ]
        )
        soup = BeautifulSoup(client.get(posting.url).content, "html.parser")
        body = soup.select_one(".careers-posting__body")
        headings = [(h.name, h.get_text(strip=True)) for h in body.select("h2, h3, h4, h5")]
        assert headings == [
            ("h2", "First"),
            ("h2", "The role"),
            ("h3", "Under the role"),
            ("h3", "Details"),
            ("h4", "Under details"),
            ("h2", "What we offer"),
            ("h3", "Under the offer"),
        ]


class TestCheck:
    def test_the_tests_base_template_has_the_tag(self):
        assert check_base_template_head(None) == []

    @pytest.mark.parametrize(
        "base", ["heads/block.html", "heads/extends.html", "heads/includes.html"]
    )
    def test_a_block_an_extended_or_included_tag_counts(self, settings, base):
        settings.CAREERS_BASE_TEMPLATE = base
        assert check_base_template_head(None) == []

    def test_a_name_known_only_when_rendering_is_not_reported(self, settings):
        settings.CAREERS_BASE_TEMPLATE = "heads/dynamic.html"
        assert check_base_template_head(None) == []

    def test_a_base_template_without_either_is_reported_with_the_fix(self, settings):
        settings.CAREERS_BASE_TEMPLATE = "other_base.html"
        (warning,) = check_base_template_head(None)
        assert warning.id == "careers.W003"
        assert "other_base.html" in warning.msg
        assert "{% careers_head %}" in warning.hint
        assert "{% block careers_head %}" in warning.hint

    def test_manage_py_check_prints_it(self, settings):
        settings.CAREERS_BASE_TEMPLATE = "other_base.html"
        out, err = io.StringIO(), io.StringIO()
        call_command("check", stdout=out, stderr=err)
        printed = out.getvalue() + err.getvalue()
        assert "careers.W003" in printed and "{% careers_head %}" in printed
