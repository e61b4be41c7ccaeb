"""The embed: a listing's open positions in a frame on the websites its editors allow."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.embed import content_security_policy
from careers.validators import parse_origins, validate_origins

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "frame-ancestors https://allies.example.org http://localhost:8001; base-uri 'none'; "
    "form-action 'self'"
)


def embed(client, page, query="", **headers):
    return client.get(page.url + "embed/" + query, **headers)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
class TestRoute:
    def test_lists_open_positions_with_organisations_and_deadline(
        self, client, embeddable, make_posting
    ):
        make_posting(title="Organiser", closes_in_days=5, closing_timezone="America/Mexico_City")
        make_posting(title="Closed", closes_in_days=-1)
        html = soup(embed(client, embeddable))
        assert html.html["lang"] == "en"
        assert html.title.string == "Open positions: Careers"
        (item,) = html.select(".careers-embed__item")
        link = item.select_one("a")
        assert link.string == "Organiser"
        assert link["href"].startswith("http://testserver/careers/posting-")
        assert link["target"] == "_top"
        assert "Home Workers Federation" in item.get_text()
        time = item.select_one("time")
        assert time["datetime"].endswith("-06:00")
        assert "UTC" in time.get_text()  # the time zone is shown

    def test_a_document_of_its_own(self, client, embeddable, make_posting):
        """Not the host's base template; its own stylesheet and script, nothing inline, nothing
        from elsewhere."""
        make_posting()
        html = soup(embed(client, embeddable))
        assert [link["href"] for link in html.select("link[rel=stylesheet]")] == [
            "/static/careers/embed.css"
        ]
        scripts = html.select("script")
        assert [script.get("src") for script in scripts] == ["/static/careers/embed-frame.js"]
        assert all(not script.string for script in scripts)
        assert not html.select("[style]")
        assert not [
            tag for tag in html.find_all(True) if any(a.startswith("on") for a in tag.attrs)
        ]
        for tag in html.select("[src], [href]"):
            url = tag.get("src") or tag.get("href")
            assert url.startswith(("/", "http://testserver/")), url
        # Not the site's page template: no header, navigation or footer of the host.
        assert not html.select("header, nav, footer")

    def test_empty(self, client, embeddable):
        assert "No open positions right now." in soup(embed(client, embeddable)).get_text()

    def test_disabled_without_allowed_origins(self, client, careers_page, make_posting):
        make_posting()
        assert embed(client, careers_page).status_code == 404
        careers_page.embed_allowed_origins = "https://allies.example.org"
        careers_page.save_revision().publish()
        assert embed(client, careers_page).status_code == 200
        careers_page.embed_allowed_origins = ""
        careers_page.save_revision().publish()
        assert embed(client, careers_page).status_code == 404

    def test_hostile_title_is_escaped(self, client, embeddable, make_posting):
        make_posting(title="</script><script>alert(1)</script>")
        response = embed(client, embeddable)
        assert b"<script>alert(1)" not in response.content
        assert soup(response).select_one(".careers-embed__title").string == (
            "</script><script>alert(1)</script>"
        )


@pytest.mark.i18n
@pytest.mark.django_db
class TestLanguages:
    def test_lang_picks_the_listings_translation(self, client, embeddable, spanish, make_posting):
        make_posting(title="Organiser")
        html = soup(embed(client, embeddable, "?lang=es"))
        assert html.html["lang"] == "es"
        assert "Empleos" in html.title.string
        assert html.select_one(".careers-embed__more a")["href"] == "http://testserver/es/careers/"

    @pytest.mark.parametrize("lang", ["es-MX", "ES", "es_419"])
    def test_a_regional_language_takes_its_languages_translation(
        self, client, embeddable, spanish, make_posting, lang
    ):
        """embed.js passes the host page's own ``<html lang>``, which is often regional."""
        make_posting(title="Organiser")
        html = soup(embed(client, embeddable, f"?lang={lang}"))
        assert html.html["lang"] == "es"

    def test_the_translations_own_route(self, client, embeddable, spanish, make_posting):
        make_posting()
        html = soup(embed(client, spanish))
        assert html.html["lang"] == "es"

    def test_unknown_language_falls_back_to_the_listings_own(self, client, embeddable):
        for lang in ("de", "xx", "<b>", "e" * 500):
            html = soup(embed(client, embeddable, f"?lang={lang}"))
            assert html.html["lang"] == "en"


@pytest.mark.django_db
class TestFilters:
    def test_no_filters_unless_offered_and_asked(self, client, embeddable, make_posting):
        make_posting(title="Home", workplace_type="home_based")
        make_posting(title="Office")
        html = soup(embed(client, embeddable, "?filters=1&workplace=home_based"))
        assert not html.select("form")
        # The parameters are ignored as well: both positions are shown.
        assert len(html.select(".careers-embed__item")) == 2

    def test_filters_when_offered_and_asked(self, client, embeddable, make_posting):
        embeddable.embed_filters = True
        embeddable.save_revision().publish()
        make_posting(title="Home", workplace_type="home_based")
        make_posting(title="Office")
        assert not soup(embed(client, embeddable)).select("form")
        html = soup(embed(client, embeddable, "?filters=1&lang=es&workplace=home_based"))
        form = html.select_one("form")
        assert form["method"] == "get"
        assert not form.get("action")  # the frame's own address
        hidden = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
        assert hidden == {"lang": "es", "filters": "1"}
        assert form.select("select, input[type=checkbox]")
        assert [a.string for a in html.select(".careers-embed__title")] == ["Home"]


@pytest.mark.django_db
class TestHeaders:
    def test_csp_frame_ancestors_exact(self, client, embeddable):
        response = embed(client, embeddable)
        assert response["Content-Security-Policy"] == POLICY

    def test_x_frame_options_only_off_on_the_embed(
        self, client, embeddable, clickjacking_protection
    ):
        assert "X-Frame-Options" not in embed(client, embeddable)
        assert client.get(embeddable.url)["X-Frame-Options"] == "DENY"
        assert client.get(embeddable.url + "feed/rss/")["X-Frame-Options"] == "DENY"

    def test_no_cookies(self, client, embeddable, make_posting, settings):
        embeddable.embed_filters = True
        embeddable.save_revision().publish()
        make_posting()
        settings.LANGUAGE_COOKIE_NAME = "django_language"
        for query in ("", "?filters=1", "?lang=es&filters=1&workplace=home_based"):
            response = embed(client, embeddable, query)
            assert response.status_code == 200
            assert not response.cookies
            assert "Set-Cookie" not in str(response.serialize_headers())

    def test_cache_control(self, client, embeddable, make_posting, settings):
        settings.CAREERS_CACHE_MAX_AGE = 300
        make_posting(closes_in_days=30)
        response = embed(client, embeddable)
        assert "public" in response["Cache-Control"]
        assert "max-age=300" in response["Cache-Control"]

    def test_static_files_on_another_host(self, settings):
        settings.STATIC_URL = "https://static.example.net/assets/"
        policy = content_security_policy(["https://a.example"])
        assert "style-src 'self' https://static.example.net;" in policy
        assert "script-src 'self' https://static.example.net;" in policy


@pytest.mark.django_db
@pytest.mark.parametrize("caches", ["shared", "none"])
def test_queries_do_not_grow_with_positions(
    client, embeddable, make_posting, organisation, settings, caches, request
):
    if caches == "none":
        settings.CACHES = NO_CACHE
    else:
        request.getfixturevalue("shared_cache")
    counts = []
    for added in (2, 8):
        for _ in range(added):
            make_posting()
        embed(client, embeddable)  # warm per-process caches
        if caches == "shared":
            from django.core.cache import cache

            cache.clear()
        with CaptureQueriesContext(connection) as context:
            response = embed(client, embeddable)
        assert response.status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]


class TestAllowedOrigins:
    @pytest.mark.parametrize(
        "value",
        [
            "https://allies.example.org",
            "http://localhost:8001",
            "https://allies.example.org/\n\nhttps://*.union.example",
            "http://[::1]:8000",
            "",
        ],
    )
    def test_valid(self, value):
        validate_origins(value)

    @pytest.mark.parametrize(
        "value",
        [
            "allies.example.org",
            "https://allies.example.org/jobs",
            "https://allies.example.org?x=1",
            "ftp://allies.example.org",
            "https://allies.example.org; script-src *",
            "https://user@allies.example.org",
            "javascript:alert(1)",
            "*",
            "'self'",
        ],
    )
    def test_invalid(self, value):
        with pytest.raises(ValidationError):
            validate_origins(value)

    def test_parsed_once_each_in_lower_case(self):
        assert parse_origins(" HTTPS://A.example/\nhttps://a.example\n\n") == ["https://a.example"]
