from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareersAppConfig(AppConfig):
    name = "careers"
    label = "careers"
    verbose_name = _("Careers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the models are: the checks register, the receivers connect.
        from django.test.signals import setting_changed

        from . import checks, page_parts, posting_index, signal_handlers  # noqa: F401
        from .syndication import index as syndication_index

        setting_changed.connect(page_parts.forget_template_checks)

        signal_handlers.connect()
        posting_index.connect()
        syndication_index.connect()
