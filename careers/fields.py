from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .validators import validate_http_url


class MultipleChoiceField(models.CharField):
    """A set of choices stored as a comma-separated string, edited as checkboxes.

    Stored values never contain commas, and no value is a substring of another, so
    ``field__contains=value`` finds rows that include a value on every database.
    """

    description = _("Comma-separated choices")

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, list | tuple):
            return [v for v in value if v]
        return [v for v in str(value).split(",") if v]

    def get_prep_value(self, value):
        if isinstance(value, list | tuple):
            return ",".join(value)
        return value or ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        valid = {str(key) for key, _label in self.flatchoices}
        for item in value or []:
            if item not in valid:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def get_default(self):
        if self.has_default():
            return self.to_python(super().get_default())
        return []

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.choices,
            "required": not self.blank,
            "label": capfirst(self.verbose_name),
            "help_text": self.help_text,
            "widget": forms.CheckboxSelectMultiple,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        defaults.pop("choices_form_class", None)
        for key in ("max_length", "empty_value", "coerce"):
            defaults.pop(key, None)
        return form_class(**defaults)


class HttpURLField(models.URLField):
    """A web address a visitor can safely follow: http or https only, and a message saying so."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_http_url])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        kwargs.setdefault("error_messages", {"invalid": validate_http_url.message})
        kwargs.setdefault("assume_scheme", "https")  # "example.org/jobs" becomes https://...
        field = super().formfield(**kwargs)
        # Refuse ftp: and the like in the form too, next to the field, not only at model level.
        field.validators.append(validate_http_url)
        return field
