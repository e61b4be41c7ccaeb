"""The listing page's admin: the embed's fields, and the code a webmaster pastes."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from careers.models import CareersIndexPage
from tests.helpers import move_site


def edit(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
class TestEmbedCodePanel:
    def test_the_snippet_has_the_pages_real_address(self, admin_client, embeddable):
        move_site(hostname="jobs.example.org", port=443)
        panel = edit(admin_client, embeddable).select_one(".careers-embed-code")
        snippet = panel.select_one(".careers-embed-code__snippet").get_text()
        assert '<script src="https://jobs.example.org/static/careers/embed.js" defer>' in snippet
        assert 'data-careers-embed="https://jobs.example.org/careers/"' in snippet
        assert "data-lang" not in snippet  # the listing's address is in its language
        csp = panel.select_one(".careers-embed-code__csp").get_text()
        assert csp == "script-src https://jobs.example.org; frame-src https://jobs.example.org"
        iframe = panel.select_one(".careers-embed-code__iframe").get_text()
        assert 'src="https://jobs.example.org/careers/embed/"' in iframe
        assert "Embedding is off" not in panel.get_text()

    def test_says_when_embedding_is_off(self, admin_client, careers_page):
        panel = edit(admin_client, careers_page).select_one(".careers-embed-code")
        assert "Embedding is off" in panel.get_text()

    def test_the_fields_are_validated(self, admin_client, careers_page):
        url = reverse("wagtailadmin_pages:edit", args=[careers_page.pk])
        data = nested_form_data(
            {
                "title": "Careers",
                "slug": "careers",
                "introduction": rich_text(""),
                "listing_scope": "children",
                "page_size": "",
                "listed_organisations": {
                    "TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0,
                    "MAX_NUM_FORMS": 1000,
                },
                "embed_allowed_origins": "https://allies.example.org/jobs",
                "embed_filters": "on",
                "action-publish": "action-publish",
            }
        )  # fmt: skip
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert "is not a website address" in response.content.decode()
        data["embed_allowed_origins"] = "https://allies.example.org\nhttp://localhost:8001"
        response = admin_client.post(url, data)
        assert response.status_code == 302
        page = CareersIndexPage.objects.get(pk=careers_page.pk)
        assert page.embed_origins == ["https://allies.example.org", "http://localhost:8001"]
        assert page.embed_filters


@pytest.mark.i18n
@pytest.mark.django_db
def test_the_allowed_websites_are_not_text_to_translate(embeddable):
    from wagtail_localize.segments.extract import extract_segments

    segments = extract_segments(embeddable)
    paths = {segment.path for segment in segments}
    assert "embed_allowed_origins" not in paths
    assert "https://allies.example.org" not in str([getattr(s, "string", "") for s in segments])
