"""Fixtures shared by the listing's tests."""

import pytest

from careers.models import Organisation


@pytest.fixture
def joint(make_posting, organisation):
    organisation.name = "<i>Home</i> Workers"
    organisation.save()
    second = Organisation.objects.create(name="Waste Pickers' Alliance", short_name="WPA")
    posting = make_posting(
        title="Joint organiser",
        organisations=[organisation, second],
        workplace_type="hybrid",
        country="EC",
        employment_types=["consultancy", "part_time"],
        time_commitment='3 "days" a week',
    )
    location = posting.locations.get()
    location.city = "Quito </script>"
    location.save()
    posting.save_revision().publish()
    return posting


@pytest.fixture
def home_based(make_posting):
    """Home-based postings: with regions, countries and a base (closing soon); with regions
    only; with countries only (and no introduction)."""
    return [
        make_posting(
            title="Home-based coordinator",
            workplace_type="home_based",
            applicant_regions=["africa", "latin_america"],
            applicant_countries=["KE", "BR"],
            closes_in_days=2,
        ),
        make_posting(title="Regions only", workplace_type="home_based", country=None),
        make_posting(
            title="Countries only",
            workplace_type="home_based",
            applicant_regions=[],
            applicant_countries=["KE"],
            country=None,
            introduction="",
        ),
    ]
