"""Admin widgets with a filter box: type part of a name to narrow a long list.

The filter box is hidden until careers/static/careers/editor.js shows it; without JavaScript the
list works as a plain one.
"""

from django import forms


class FilteredSelect(forms.Select):
    """A menu of many choices (time zones), with a filter box above it."""

    template_name = "careers/widgets/filtered_select.html"


class FilteredCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes for many choices (countries), with a filter box and what is chosen so far."""

    template_name = "careers/widgets/filtered_checkboxes.html"
