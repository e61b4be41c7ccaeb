import pytest

from careers.models import Organisation
from tests.fixtures import *  # noqa: F403


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def two_organisations(db):
    return [
        Organisation.objects.create(name="Home-Based Workers International"),
        Organisation.objects.create(name="Regional Coordination"),
    ]
