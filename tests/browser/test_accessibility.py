"""The public pages meet WCAG 2.2 A and AA (axe-core) and are valid HTML (Nu HTML Checker)."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.i18n,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OPEN = "regional-organiser-latin-america"
CLOSED = "research-assistant-internship"

# Every kind of public page the app renders, in English and in Spanish.
PAGES = {
    "home-with-open-positions-block": "/",
    "listing": "/careers/",
    "listing-filtered": "/careers/?workplace=home_based&language=es&sort=newest",
    "listing-empty": "/careers/?q=nothing-matches-this",
    "listing-garbage-query": "/careers/?page=abc&workplace=moon&organisation=%00",
    "posting-open": f"/careers/{OPEN}/",
    "posting-closed": f"/careers/{CLOSED}/",
    "listing-es": "/es/careers/",
    "listing-filtered-es": "/es/careers/?workplace=home_based",
    "posting-open-es": f"/es/careers/{OPEN}/",
    "home-es": "/es/",
}


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations(page, axe, shot, name):
    response = page.goto(PAGES[name])
    assert response.status == 200
    violations = axe(page)
    shot(page, name)
    assert violations == []


def test_the_pages_are_valid_html(page, vnu, tmp_path):
    files = []
    for name, url in PAGES.items():
        response = page.request.get(url)
        assert response.status == 200, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.body())
        files.append(path)
    assert vnu(files) == []
