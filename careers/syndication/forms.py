"""The admin form of a syndication source."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


def content_languages():
    """The site's languages (``WAGTAIL_CONTENT_LANGUAGES``), read when a form is made."""
    return list(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None) or settings.LANGUAGES)


class SyndicationSourceForm(WagtailAdminModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=content_languages,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only these language versions. Leave empty for every language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        listings = self.fields.get("listings")
        if listings is not None:
            listings.widget = forms.CheckboxSelectMultiple(choices=listings.choices)
            listings.queryset = listings.queryset.select_related("locale").order_by("path")
            listings.label_from_instance = self.listing_label

    @staticmethod
    def listing_label(page):
        return (
            f"{page.get_admin_display_title()} ({page.locale.get_display_name()}, {page.url_path})"
        )
