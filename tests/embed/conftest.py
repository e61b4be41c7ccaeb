import pytest
from wagtail.models import Locale

ALLOWED = "https://allies.example.org\nhttp://localhost:8001"


@pytest.fixture
def embeddable(careers_page):
    """The careers page, embeddable on two other websites."""
    careers_page.embed_allowed_origins = ALLOWED
    careers_page.save_revision().publish()
    careers_page.refresh_from_db()
    return careers_page


@pytest.fixture
def spanish(embeddable):
    locale = Locale.objects.get_or_create(language_code="es")[0]
    embeddable.get_parent().copy_for_translation(locale).save_revision().publish()
    translation = embeddable.copy_for_translation(locale)
    translation.title = "Empleos"
    translation.save_revision().publish()
    return translation


@pytest.fixture
def clickjacking_protection(settings):
    """Django's X-Frame-Options middleware, as every real site has it (the test settings leave
    it out)."""
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    settings.X_FRAME_OPTIONS = "DENY"
