"""``{% careers_card posting %}``: with the app's own card templates, the card is written in
Python, and its HTML is the templates' HTML byte for byte; a site's own card template, plain
text and allied postings are rendered from templates."""

import contextlib

import pytest
from django.template import engines
from django.test.signals import template_rendered
from django.utils.translation import override
from wagtail.models import Locale

pytestmark = pytest.mark.django_db

WRITTEN = (
    "{% load careers_tags %}{% for posting in postings %}{% careers_card posting %}{% endfor %}"
)
INCLUDED = (
    '{% for posting in postings %}{% include "careers/includes/posting_card.html" %}{% endfor %}'
)


@pytest.fixture
def postings(make_posting, careers_page, joint, home_based):
    """Cards of every shape: joint, hybrid, home-based with and without places, nowhere, open
    until filled, closing soon, closed, without an introduction, in two languages; with what
    editors type (quotes, angle brackets) in names, places and titles."""
    joint.title = 'Joint "organiser" </script>'
    joint.introduction = "Organise <b>with</b> us & others."
    joint.save_revision().publish()
    make_posting(title="Nowhere", country=None)
    make_posting(title="Until filled", open_until_filled=True, closing_date=None)
    make_posting(title="Closed", closes_in_days=-3)
    translated = make_posting(title="In two languages", closing_timezone="America/Mexico_City")
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    careers_page.get_parent().copy_for_translation(spanish).save_revision().publish()
    careers_page.copy_for_translation(spanish).save_revision().publish()
    translated.copy_for_translation(spanish).save_revision().publish()


def cards(rf, page, query=""):
    request = rf.get(page.url + query)
    return request, list(page.get_listing(request).page.object_list)


@pytest.mark.parametrize("query", ["", "?status=closed"])
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("heading_level", [2, 3])
@pytest.mark.parametrize("from_index", [True, False], ids=["from-index", "from-pages"])
def test_a_written_card_is_its_templates_html_byte_for_byte(
    rf, careers_page, postings, query, language, heading_level, from_index, settings
):
    """Cards made from the listing index, and (``CAREERS_CARDS_FROM_INDEX = False``) postings
    read from their tables."""
    settings.CAREERS_CARDS_FROM_INDEX = from_index
    with override(language):
        request, shown = cards(rf, careers_page, query)
        assert shown
        context = {"postings": shown, "request": request, "heading_level": heading_level}
        written, rendered = render_collecting(WRITTEN, context)
        included, _rendered = render_collecting(INCLUDED, context)
    assert written == included
    assert "careers/includes/posting_card.html" not in rendered  # written in Python
    assert "Quito &lt;/script&gt;" in written or query


@contextlib.contextmanager
def templates_rendered():
    """The names of the templates rendered inside the block, as a list filled as they are."""
    names = []

    def collect(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(collect)
    try:
        yield names
    finally:
        template_rendered.disconnect(collect)


def render_collecting(source, context):
    """``source`` rendered with ``context``, and the names of the templates it rendered."""
    with templates_rendered() as names:
        return engines["django"].from_string(source).render(context), names


def rendered_templates(client, url):
    with templates_rendered() as names:
        response = client.get(url)
    assert response.status_code == 200
    return response, names


def test_the_stock_card_is_written_without_rendering_its_templates(client, careers_page, postings):
    response, names = rendered_templates(client, careers_page.url)
    assert "careers/includes/results.html" in names
    assert "careers/includes/posting_card.html" not in names
    assert "careers/includes/location.html" not in names
    assert response.content.decode().count('<article class="careers-card"') == 7


@pytest.fixture
def site_location_template(settings, tmp_path):
    folder = tmp_path / "careers" / "includes"
    folder.mkdir(parents=True)
    (folder / "location.html").write_text("Somewhere of the site's own")
    first = settings.TEMPLATES[0]
    templates = [{**first, "DIRS": [str(tmp_path), *first.get("DIRS", [])]}]
    templates += settings.TEMPLATES[1:]
    settings.TEMPLATES = templates


def test_a_sites_own_card_template_is_rendered(
    client, careers_page, postings, site_location_template
):
    response, names = rendered_templates(client, careers_page.url)
    assert "careers/includes/posting_card.html" in names
    html = response.content.decode()
    assert html.count("Somewhere of the site&#x27;s own") == 0
    assert html.count("Somewhere of the site's own") == 7


def test_a_card_in_plain_text_is_rendered_from_its_templates(rf, careers_page, postings):
    request, shown = cards(rf, careers_page)
    context = {"postings": shown, "request": request}
    plain = "{% autoescape off %}" + WRITTEN + "{% endautoescape %}"
    written = engines["django"].from_string(plain).render(context)
    included = (
        engines["django"]
        .from_string("{% autoescape off %}" + INCLUDED + "{% endautoescape %}")
        .render(context)
    )
    assert written == included
    assert "Quito </script>" in written


def test_the_card_tag_says_how_it_is_used():
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match="takes a posting"):
        engines["django"].from_string("{% load careers_tags %}{% careers_card %}")
    with pytest.raises(TemplateSyntaxError, match="name=value"):
        engines["django"].from_string("{% load careers_tags %}{% careers_card posting 3 %}")
    with pytest.raises(TemplateSyntaxError, match="other than posting="):
        engines["django"].from_string("{% load careers_tags %}{% careers_card p posting=q %}")


def test_anything_but_a_posting_page_is_rendered_from_the_templates(rf, careers_page):
    """A page that is not a posting (a site's own list may hold one) gets the templates, which
    show what it has, as ``{% include %}`` does."""
    context = {"postings": [careers_page], "request": rf.get("/")}
    html, rendered = render_collecting(WRITTEN, context)
    assert "careers/includes/posting_card.html" in rendered
    assert html == render_collecting(INCLUDED, context)[0]
    assert ">Careers</a>" in html
