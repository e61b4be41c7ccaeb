"""An iCalendar file with a posting's closing deadline, for visitors' calendars."""

import datetime

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import cache

#: How long the deadline's event lasts in a calendar. RFC 5545 (3.8.2.2) wants DTEND later than
#: DTSTART; an event with no end at all is shown by some calendars as a whole day.
EVENT_LENGTH = datetime.timedelta(minutes=30)


def _escape_text(value):
    """RFC 5545 TEXT escaping: no line break or separator can start a new property."""
    value = str(value)
    for old, new in (
        ("\\", "\\\\"),
        (";", "\\;"),
        (",", "\\,"),
        ("\r\n", "\\n"),
        ("\n", "\\n"),
        ("\r", "\\n"),
    ):
        value = value.replace(old, new)
    return value


def _fold(line):
    """Fold a content line at 75 octets, as RFC 5545 requires."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(encoded) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(dt):
    return dt.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def deadline_calendar(posting, request=None):
    closes = posting.closes_at
    url = posting.get_full_url(request) or ""
    summary = _("Application deadline: %(title)s") % {"title": posting.title}
    description = _("Applications for “%(title)s” close at %(time)s.") % {
        "title": posting.title,
        "time": f"{posting.closes_at_local:%Y-%m-%d %H:%M} {posting.closing_timezone}",
    }
    if url:
        description += "\n" + url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//wagtail-careers//deadline//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:careers-posting-{posting.translation_key}@wagtail-careers",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(closes)}",
        f"DTEND:{_utc(closes + EVENT_LENGTH)}",
        "TRANSP:TRANSPARENT",
        f"SUMMARY:{_escape_text(summary)}",
        f"DESCRIPTION:{_escape_text(description)}",
    ]
    if url:
        lines.append(f"URL:{_escape_text(url)}")
    lines += [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape_text(summary)}",
        "TRIGGER:-P1D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def deadline_response(posting, request):
    if not posting.has_deadline:
        raise Http404
    response = HttpResponse(
        deadline_calendar(posting, request), content_type="text/calendar; charset=utf-8"
    )
    filename = f"{slugify(posting.slug) or 'posting'}-deadline.ics"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The file changes when the posting is published again (which purges it); kept no longer
    # than until the deadline it announces.
    return cache.set_cache_control(response, request, lambda: closing_in_future(posting))


def closing_in_future(posting):
    closes_at = posting.closes_at
    return closes_at if closes_at is not None and closes_at > timezone.now() else None
