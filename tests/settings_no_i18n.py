"""The same site as ``tests.settings``, without translations: no wagtail-localize, i18n off."""

from .settings import *  # noqa: F403

I18N = False
INSTALLED_APPS = [
    app
    for app in INSTALLED_APPS  # noqa: F405
    if not app.startswith("wagtail_localize") and app != "wagtail.contrib.simple_translation"
]
MIDDLEWARE = [m for m in MIDDLEWARE if m != "django.middleware.locale.LocaleMiddleware"]  # noqa: F405
WAGTAIL_I18N_ENABLED = False
LANGUAGES = [("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
ROOT_URLCONF = "tests.urls_no_i18n"
