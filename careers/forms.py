import zoneinfo
from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .choices import OrganisationRole


@cache
def timezone_choices():
    zones = sorted(
        zone
        for zone in zoneinfo.available_timezones()
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return [("UTC", "UTC (GMT)")] + [(zone, zone.replace("_", " ")) for zone in zones]


class JobPostingPageForm(WagtailAdminPageForm):
    """The admin form for postings: a time zone menu instead of a free text box."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("closing_timezone")
        if field is not None:
            choices = timezone_choices()
            current = self.initial.get("closing_timezone") or field.initial
            if current and current not in dict(choices):
                choices = [(current, current)] + choices
            field.widget = forms.Select(choices=choices)

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("hiring_organisations")
        if formset is not None and formset.is_valid():
            kept = [
                form
                for form in formset.forms
                if form.cleaned_data.get("organisation")
                and form.cleaned_data.get("role") == OrganisationRole.EMPLOYER
                and not form.cleaned_data.get("DELETE")
            ]
            if not kept:
                self.add_error(None, _("Add at least one hiring organisation on the Content tab."))
        return cleaned_data
