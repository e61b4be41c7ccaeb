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
