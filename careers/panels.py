from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import HelpPanel, Panel

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


class EmbedCodePanel(HelpPanel):
    """What a webmaster pastes into another website to show this listing's open positions, with
    the page's real address and the line their Content-Security-Policy needs (see
    :mod:`careers.embed`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("template", "careers/admin/embed_code_panel.html")
        kwargs.setdefault("heading", _("Code to paste on the other website"))
        super().__init__(*args, **kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            from .embed import embed_code  # cycle: careers.embed reads the models

            context = super().get_context_data(parent_context)
            page = self.instance
            context["embed"] = embed_code(page) if page is not None and page.pk else None
            return context
