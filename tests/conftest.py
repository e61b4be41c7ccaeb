import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests, the
    cache is not, and cached listing options keyed by page ids must not outlive their pages."""
    cache.clear()
    yield
    cache.clear()
