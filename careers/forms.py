from django.forms.formsets import ORDERING_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .choices import OrganisationRole
from .timezones import timezone_choices
from .widgets import FilteredCheckboxSelectMultiple, FilteredSelect


def _skip_if_blank(form):
    """Let a new inline row the editor left empty be skipped (a required inline panel starts
    with one): its position alone does not count as content."""
    order = form.fields.get(ORDERING_FIELD_NAME)
    if order is not None:
        order.disabled = True
    if form.has_changed():
        if order is not None:
            order.disabled = False
        form.__dict__.pop("changed_data", None)
    else:
        form.empty_permitted = True


class JobPostingPageForm(WagtailAdminPageForm):
    """The admin form for postings: time zones and countries chosen from filtered lists, and
    drafts that save with whatever is filled in."""

    #: True while a draft is validated: the publishing rules wait.
    drafting = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("closing_timezone")
        if field is not None:
            current = self["closing_timezone"].value()
            field.widget = FilteredSelect(choices=timezone_choices(current))
        field = self.fields.get("applicant_countries")
        if field is not None:
            field.widget = FilteredCheckboxSelectMultiple(choices=field.choices)

    def defer_required_fields(self):
        """Saving a draft: required fields and the publishing rules wait till publishing."""
        super().defer_required_fields()
        self.drafting = True
        for formset in self.formsets.values():
            for form in formset.forms:
                # A row with no id was never saved, even where Wagtail's autosave has since
                # counted it among the formset's initial forms.
                if not form.data.get(form.add_prefix(formset.model._meta.pk.name)):
                    _skip_if_blank(form)

    def is_valid(self):
        valid = super().is_valid()
        for formset in self.formsets.values():
            for form in formset.forms:
                # Wagtail re-renders rows in their order, which a skipped row has not got.
                if getattr(form, "cleaned_data", None) == {}:
                    form.cleaned_data[ORDERING_FIELD_NAME] = None
        return valid

    def restore_required_fields(self):
        super().restore_required_fields()
        self.drafting = False

    def _post_clean(self):
        self.instance.publishing_rules_deferred = self.drafting
        try:
            super()._post_clean()
        finally:
            self.instance.publishing_rules_deferred = False

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("hiring_organisations")
        if not self.drafting and formset is not None:
            formset.is_valid()
            kept = [
                form
                for form in formset.forms
                if getattr(form, "cleaned_data", None)
                and form.cleaned_data.get("organisation")
                and form.cleaned_data.get("role") == OrganisationRole.EMPLOYER
                and not form.cleaned_data.get("DELETE")
            ]
            if not kept:
                self.add_error(None, _("Add at least one hiring organisation on the Content tab."))
        return cleaned_data
