"""The public pages meet WCAG 2.2 A and AA (axe-core) and are valid HTML (Nu HTML Checker), on
the example site and on a second host site with a dark theme and a strict
Content-Security-Policy, in light and dark colour schemes, on a desktop and a phone."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.i18n,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OPEN = "regional-organiser-latin-america"
CLOSED = "research-assistant-internship"
UNTIL_FILLED = "communications-and-learning-officer"

# Every kind of public page the app renders, in English and in Spanish.
PAGES = {
    "home-with-open-positions-block": "/",
    "listing": "/careers/",
    "listing-filtered": "/careers/?workplace=home_based&language=es&sort=newest",
    "listing-empty": "/careers/?q=nothing-matches-this",
    "listing-garbage-query": "/careers/?page=abc&workplace=moon&organisation=%00",
    "posting-open": f"/careers/{OPEN}/",
    "posting-closed": f"/careers/{CLOSED}/",
    "posting-open-until-filled": f"/careers/{UNTIL_FILLED}/",
    "listing-es": "/es/careers/",
    "listing-filtered-es": "/es/careers/?workplace=home_based",
    "posting-open-es": f"/es/careers/{OPEN}/",
    "posting-closed-es": f"/es/careers/{CLOSED}/",
    "posting-open-until-filled-es": f"/es/careers/{UNTIL_FILLED}/",
    "home-es": "/es/",
}


# One test per site and colour scheme, each visiting every page at both widths: the demo content
# is loaded four times, not once per page.
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("host_site", ["example", "host"], indirect=True)
def test_no_wcag_violations(new_page, axe, shot, host_site, scheme):
    found = {}
    for screen in ("desktop", "phone"):
        page = new_page(screen, color_scheme=scheme)
        for name, url in PAGES.items():
            response = page.goto(url)
            assert response.status == 200, url
            violations = axe(page)
            shot(page, f"{screen}-{name}")
            if violations:
                found[f"{screen} {name}"] = violations
    assert found == {}


def test_the_pages_are_valid_html(page, vnu, tmp_path):
    files = []
    for name, url in PAGES.items():
        response = page.request.get(url)
        assert response.status == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.body())
        files.append(path)
    assert vnu(files) == []
