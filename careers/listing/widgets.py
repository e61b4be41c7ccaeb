"""The listing's filter menus, rendered without a template per option.

Django renders a ``<select>`` through its form renderer: the menu's template, then one
included template per option, each in a context of its own. The listing has eight menus, with
up to a few dozen options each, on every request, and without a cache that was a good share of
the listing's time. :class:`ListingSelect` writes the same HTML in Python, byte for byte, when
Django's own templates would be used (the stock renderer and template names); a site that
renders forms with templates of its own (``FORM_RENDERER``) keeps them.
"""

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs):
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {conditional_escape(name)}"
        + ("" if value is True else f'="{conditional_escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class ListingSelect(forms.Select):
    """A ``Select`` whose stock HTML is written without rendering templates."""

    def render(self, name, value, attrs=None, renderer=None):
        if not self._writes_stock_html(renderer):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        # Every value above is escaped.
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703

    def _writes_stock_html(self, renderer):
        renderer = renderer or get_default_renderer()
        return (
            type(renderer) is DjangoTemplates
            and self.template_name == SELECT_TEMPLATE
            and self.option_template_name == OPTION_TEMPLATE
        )
