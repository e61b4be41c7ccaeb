import pytest

from careers.models import Organisation
from tests.fixtures import *  # noqa: F403


@pytest.fixture
def two_organisations(db):
    return [
        Organisation.objects.create(name="Home-Based Workers International"),
        Organisation.objects.create(name="Regional Coordination"),
    ]
