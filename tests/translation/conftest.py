from django.apps import apps

from tests.fixtures import *  # noqa: F403

# These tests drive wagtail-localize itself; a site without it (tests.settings_no_i18n) skips
# collecting them, as `-m "not i18n"` would deselect them anyway.
collect_ignore_glob = [] if apps.is_installed("wagtail_localize") else ["test_*.py"]
