import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext_lazy as _

#: Only web addresses a visitor can safely follow: no ``javascript:``, ``data:`` or ``ftp:``.
validate_http_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with http:// or https://."),
)


def split_emails(value):
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


def validate_email_list(value):
    """One or more email addresses separated by commas."""
    for address in split_emails(value):
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                _(
                    "“%(address)s” is not a valid email address. "
                    "Separate several addresses with commas."
                ),
                code="invalid_email",
                params={"address": address},
            ) from None


def validate_timezone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _(
                "“%(value)s” is not a time zone name. "
                "Choose one such as “UTC” or “America/Mexico_City”."
            ),
            code="invalid_timezone",
            params={"value": value},
        ) from None
