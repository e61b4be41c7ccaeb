import pytest
from django.apps import apps

from tests.helpers import block, item

# These tests drive wagtail-localize itself; a site without it (tests.settings_no_i18n) skips
# collecting them, as `-m "not i18n"` would deselect them anyway.
collect_ignore_glob = [] if apps.is_installed("wagtail_localize") else ["test_*.py"]


@pytest.fixture
def rich_posting(make_posting, organisation):
    body = [
        block("heading", {"text": "The position", "level": "h2"}),
        block("duties", {
            "heading": "Support to local teams", "intro": "", "list_style": "bulleted",
            "items": [item("Advise local teams"), item("Track activities against the plan")],
        }),
        block("requirements", {
            "heading": "Skills and competencies", "intro": "", "list_style": "bulleted",
            "items": [
                item({"text": "Strong writing skills", "importance": "essential"}),
                item({"text": "Knowledge of urban planning", "importance": "desirable"}),
            ],
        }),
        block("languages", {"heading": "", "items": [
            item({"language": "en", "level": "fluent", "importance": "essential"}),
            item({"language": "es", "level": "conversational", "importance": "desirable"}),
        ]}),
        block("about_organisation", {"heading": "", "organisation": organisation.pk}),
        block("what_we_offer", {"heading": "", "text": "<p>A consultancy</p>",
                                "items": [item("Flexible hours")]}),
    ]  # fmt: skip
    return make_posting(
        title="Focal cities coordinator",
        body=body,
        workplace_type="home_based",
        applicant_regions=["africa", "latin_america"],
        employment_type="consultancy",
        time_commitment="5 days per week",
        reference_code="FC-01",
        closing_timezone="America/Lima",
        salary_currency="USD",
        salary_min=1000,
        salary_max=2000,
        salary_period="month",
    )
