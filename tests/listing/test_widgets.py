"""The listing's filter menus: the HTML Django's own templates make, written without them."""

from unittest import mock

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from careers.listing.widgets import ListingSelect
from tests.helpers import soup_of

CHOICES = [
    ("", "Any <thing>"),
    ("a&b", 'Quote " and <tag>'),
    (3, "Three"),
    ("safe", mark_safe("<b>bold</b>")),
    ("Group <g>", [("x", "X"), ("y", "Y")]),
]
ATTRS = {"id": "id_<f>", "data-on": True, "hidden": False, "class": 'a"b', "data-n": 2}


@pytest.mark.parametrize("value", [None, "", "a&b", "3", "x", ["x", "y"]])
@pytest.mark.parametrize("attrs", [None, ATTRS])
def test_the_html_of_djangos_templates(value, attrs):
    stock = forms.Select(choices=CHOICES).render("name&", value, attrs)
    with mock.patch.object(DjangoTemplates, "render", side_effect=AssertionError("rendered")):
        written = ListingSelect(choices=CHOICES).render("name&", value, attrs)
    assert written == stock


def test_a_sites_own_form_templates_are_kept(settings):
    settings.FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
    with mock.patch(
        "django.forms.renderers.TemplatesSetting.render", return_value="<select>site</select>"
    ):
        assert ListingSelect(choices=CHOICES).render("name", "") == "<select>site</select>"


@pytest.mark.django_db
def test_the_listing_form_renders_no_option_templates(client, careers_page, make_posting):
    make_posting(title="One", workplace_type="home_based")
    rendered = []
    original = DjangoTemplates.render

    def render(renderer, template_name, *args, **kwargs):
        rendered.append(template_name)
        return original(renderer, template_name, *args, **kwargs)

    with mock.patch.object(DjangoTemplates, "render", render):
        soup = soup_of(client.get(careers_page.url + "?workplace=home_based"))
    assert rendered == ["django/forms/widgets/text.html"]  # the keywords box
    chosen = soup.select_one('select[name="workplace"] option[selected]')
    assert chosen["value"] == "home_based"
