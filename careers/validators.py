import re
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


#: An origin as a Content-Security-Policy source: scheme, host (a name, possibly with a leading
#: "*." wildcard, an IPv4 address or a bracketed IPv6 one) and an optional port; nothing else,
#: so that no value can add a directive to the policy it goes into.
ORIGIN_RE = re.compile(
    r"^https?://(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?"
    r"(:[0-9]{1,5})?$|^https?://\[[0-9a-f:.]+\](:[0-9]{1,5})?$",
    re.IGNORECASE,
)
#: Most origins one listing may name.
MAX_ORIGINS = 50


def parse_origins(value):
    """The origins of a text of one per line (blank lines skipped, lower case, no trailing
    slash), in their order, each once."""
    origins = []
    for line in (value or "").splitlines():
        origin = line.strip().rstrip("/").lower()
        if origin and origin not in origins:
            origins.append(origin)
    return origins


def validate_origins(value):
    """One origin per line (``https://www.example.org``, ``http://localhost:8000``): a scheme,
    a host and perhaps a port, without a path, query or anything else."""
    origins = parse_origins(value)
    for origin in origins:
        if not ORIGIN_RE.match(origin):
            raise ValidationError(
                _(
                    "“%(origin)s” is not a website address of the form "
                    "https://www.example.org (a port may follow, as in :8080; no path)."
                ),
                code="invalid_origin",
                params={"origin": origin[:200]},
            )
    if len(origins) > MAX_ORIGINS:
        raise ValidationError(
            _("Name at most %(count)d websites."),
            code="too_many_origins",
            params={"count": MAX_ORIGINS},
        )
