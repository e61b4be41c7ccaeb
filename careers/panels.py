from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .conf import i18n_enabled
from .translation_status import snippets_to_translate, translation_status


class TranslationStatusPanel(Panel):
    """The languages this page exists in, live or draft, and how complete each translation is."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Languages"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "careers/admin/translation_status_panel.html"

        def is_shown(self):
            return bool(i18n_enabled() and self.instance is not None and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["versions"] = translation_status(self.instance)
            context["snippets_to_translate"] = snippets_to_translate(self.instance)
            return context
