"""The demo's second site: an allied organisation's own site, with its own database,
organisation and languages, whose careers listing also shows the first site's postings
(syndicated from its JSON feed). ``make demo`` serves it on http://127.0.0.1:8001."""

import os

import dj_database_url

from .dev import *  # noqa: F403
from .dev import BASE_DIR

DATABASES = {
    "default": dj_database_url.config(
        env="ALLIED_DATABASE_URL",
        default="sqlite:///" + os.path.join(BASE_DIR, "db_allied.sqlite3"),
        conn_max_age=60,
    )
}

LANGUAGE_CODE = "pt"
LANGUAGES = [("pt", "Português"), ("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

WAGTAIL_SITE_NAME = "Aliança de Catadoras do Sul"
# The name in the demo base template's header and window title (the network's otherwise).
DEMO_SITE_NAME = WAGTAIL_SITE_NAME
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8001"

# Both demo sites are on 127.0.0.1, and a browser keeps cookies per host, not per port: without
# names of their own, signing in to one admin would sign you out of the other.
SESSION_COOKIE_NAME = "allied_sessionid"
CSRF_COOKIE_NAME = "allied_csrftoken"
LANGUAGE_COOKIE_NAME = "allied_language"

# The first site is on a loopback address, which a source may reach only when this says so.
CAREERS_SYNDICATION_ALLOW_PRIVATE = True

# make demo fetches the network's feed every 30 s (example_site/run_demo.py), so that a posting
# published there shows here at once; a real site fetches every 15 minutes (the default).
CAREERS_SYNDICATION_INTERVAL = 30
