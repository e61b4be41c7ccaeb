"""The example site's ``load_demo_data`` command: idempotent, and safe on an emptied database."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from careers.models import JobPostingPage, Organisation


def load():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def counts():
    return (Page.objects.count(), Organisation.objects.count(), Site.objects.count())


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_prints_the_login():
    first = load()
    assert "Demo content loaded." in first
    assert "Login:    admin / changeme" in first
    assert JobPostingPage.objects.live().exists()
    before = counts()

    second = load()

    assert "already loaded; nothing changed" in second
    assert counts() == before


@pytest.mark.django_db(transaction=True)
def test_loads_into_a_flushed_database():
    """``manage.py flush`` removes the tree root that Wagtail's migrations created."""
    call_command("flush", interactive=False, verbosity=0)
    assert not Page.objects.exists()

    assert "Demo content loaded." in load()

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.__class__.__name__ == "HomePage"
    assert JobPostingPage.objects.live().child_of(site.root_page).count() == 0
    assert JobPostingPage.objects.live().descendant_of(site.root_page).exists()


def google_job_posting_problems(data):
    """What Google's JobPosting rules would refuse: the required properties, one employer, a
    deadline only with a date, and a place (or, for remote work, where applicants may live)."""
    problems = [name for name in ("title", "description", "datePosted") if not data.get(name)]
    employer = data.get("hiringOrganization")
    if not isinstance(employer, dict) or not employer.get("name"):
        problems.append("hiringOrganization")
    if "validThrough" in data and "T" not in data["validThrough"]:
        problems.append("validThrough")
    places = data.get("jobLocation")
    places = places if isinstance(places, list) else [places] if places else []
    if data.get("jobLocationType") != "TELECOMMUTE":
        if not places or any(not p["address"].get("addressCountry") for p in places):
            problems.append("jobLocation")
    elif not places and not data.get("applicantLocationRequirements"):
        problems.append("applicantLocationRequirements")
    types = data.get("employmentType")
    allowed = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER",
               "PER_DIEM", "OTHER"}  # fmt: skip
    if not set(types if isinstance(types, list) else [types]) <= allowed:
        problems.append("employmentType")
    return problems


@pytest.mark.django_db
def test_open_until_filled_posting_passes_googles_rules(client, django_capture_on_commit_callbacks):
    import json

    from bs4 import BeautifulSoup

    # wagtail-localize publishes translations on commit, as after a request.
    with django_capture_on_commit_callbacks(execute=True):
        load()
    posting = JobPostingPage.objects.get(
        slug="communications-and-learning-officer", locale__language_code="en"
    )
    assert posting.open_until_filled and posting.closes_at is None
    assert posting.employment_types == ["part_time", "consultancy"]
    assert [link.role for link in posting.hiring_organisations.all()] == ["employer", "supporter"]
    assert posting.language_requirements[1]["languages"] == ["fr", "es", "ar", "sw"]
    assert posting.application_cc and posting.statement is None
    soup = BeautifulSoup(client.get(posting.url).content, "html.parser")
    (script,) = soup.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert google_job_posting_problems(data) == []
    assert "validThrough" not in data
    assert data["employmentType"] == ["PART_TIME", "CONTRACTOR"]
    assert data["hiringOrganization"]["name"] == "Informal Economy Research Network"
    assert soup.select_one(".careers-posting__statement") is None
    assert "Supported by" in soup.select_one(".careers-facts").get_text()
    spanish = JobPostingPage.objects.filter(
        translation_key=posting.translation_key, locale__language_code="es"
    ).first()
    if spanish is not None:
        assert spanish.live and spanish.title == "Responsable de comunicación y aprendizaje"
        assert spanish.employment_types == posting.employment_types
