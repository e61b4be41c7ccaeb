"""What a posting card says, word for word: its organisations, where the work is, its types of
employment and its languages, with what editors type (quotes, angle brackets) escaped."""

import re

from django.template import Context, Template
from django.utils.translation import override


def card_parts(client, careers_page, title):
    """The card of the posting ``title`` on the listing: ``{class: inner HTML}`` of its
    paragraphs, spaces collapsed."""
    html = client.get(careers_page.url).content.decode()
    start = html.index(f">{title}</a>")
    card = html[start : html.index("</article>", start)]
    return {
        name: " ".join(text.split())
        for name, text in re.findall(r'<p class="careers-card__(\w+)">(.*?)</p>', card, re.S)
    }


def test_a_card_names_its_organisations_place_and_types_escaped(client, careers_page, joint):
    parts = card_parts(client, careers_page, "Joint organiser")
    assert (
        parts["organisations"] == "&lt;i&gt;Home&lt;/i&gt; Workers · Waste Pickers&#x27; Alliance"
    )
    assert parts["facts"] == (
        "Quito &lt;/script&gt;, Ecuador (hybrid) "
        "<br>Consultancy or contract · Part-time, 3 &quot;days&quot; a week"
    )


def test_a_home_based_card_names_its_regions_countries_and_base(client, careers_page, home_based):
    assert card_parts(client, careers_page, "Home-based coordinator")["facts"] == (
        "Home-based: Africa, Latin America and the Caribbean, Brazil, Kenya <br>Based in or near "
        "City, Mexico "
        "<br>Full-time"
    )
    assert card_parts(client, careers_page, "Regions only")["facts"] == (
        "Home-based: Latin America and the Caribbean <br>Full-time"
    )
    assert card_parts(client, careers_page, "Countries only")["facts"] == (
        "Home-based: Kenya <br>Full-time"
    )


def test_a_card_without_a_place_says_so(client, careers_page, make_posting):
    make_posting(title="Nowhere", country=None)
    assert card_parts(client, careers_page, "Nowhere")["facts"] == "Not given <br>Full-time"


def test_the_languages_a_card_offers_are_named_in_the_visitors_language():
    template = Template("{% load careers_tags %}{{ codes|careers_language_list }}")
    with override("es"):
        html = template.render(Context({"codes": ["en", "pt", '"><b>']}))
    assert html == (
        '<span lang="en">Inglés</span>, <span lang="pt">Portugués</span>, '
        '<span lang="&quot;&gt;&lt;b&gt;">&quot;&gt;&lt;b&gt;</span>'
    )


def test_a_cards_lists_read_as_text_where_autoescaping_is_off(careers_page, joint):
    """A site's plain-text template (an email, say) may include the card's parts."""
    from django.template import engines

    template = engines["django"].from_string(
        "{% autoescape off %}"
        '{% include "careers/includes/location.html" %}|'
        '{% include "careers/includes/employment_types.html" %}'
        "{% endautoescape %}"
    )
    text = " ".join(template.render({"posting": joint.specific}).split())
    assert text == (
        'Quito </script>, Ecuador (hybrid) |Consultancy or contract · Part-time, 3 "days" a week'
    )


def test_the_cards_of_a_listing_take_their_heading_level_from_around_them(rf, careers_page, joint):
    from django.template.loader import render_to_string

    request = rf.get(careers_page.url)
    listing = careers_page.get_listing(request)
    context = {"listing": listing, "page": careers_page, "request": request}
    assert '<h2 class="careers-card__title">' in render_to_string(
        "careers/includes/results.html", context
    )
    html = render_to_string("careers/includes/results.html", {**context, "heading_level": 3})
    assert '<h3 class="careers-card__title">' in html
    assert "<h2" not in html
