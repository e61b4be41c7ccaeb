import pytest

from careers.models import Organisation


@pytest.fixture
def two_organisations(db):
    return [
        Organisation.objects.create(name="Home-Based Workers International"),
        Organisation.objects.create(name="Regional Coordination"),
    ]
