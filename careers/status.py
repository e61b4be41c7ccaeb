"""Open, closing soon or closed: derived from a posting's closing time at request time."""

import datetime
import zoneinfo

from django.db import models
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext_lazy as _

from .conf import get_setting


class PostingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSING_SOON = "closing_soon", _("Closing soon")
    CLOSED = "closed", _("Closed")


class ListingStatus(models.TextChoices):
    """Which postings a listing shows: the open ones, or those closed in the last
    ``CAREERS_RECENTLY_CLOSED_DAYS``."""

    OPEN = PostingStatus.OPEN.value, _("Open")
    CLOSED = PostingStatus.CLOSED.value, _("Recently closed")


def closing_soon_delta():
    return datetime.timedelta(days=get_setting("CAREERS_CLOSING_SOON_DAYS"))


def status_at(closes_at, now=None):
    now = now or timezone.now()
    if closes_at is None:
        return PostingStatus.OPEN
    if closes_at <= now:
        return PostingStatus.CLOSED
    if closes_at - now <= closing_soon_delta():
        return PostingStatus.CLOSING_SOON
    return PostingStatus.OPEN


def status_changes(closes_at, now):
    """The moments after ``now`` at which a posting closing at ``closes_at`` changes status."""
    if closes_at is None:
        return []
    return [moment for moment in (closes_at, closes_at - closing_soon_delta()) if moment > now]


def time_left(closes_at):
    """“3 days” until ``closes_at``, to one unit, in the active language ("" without one)."""
    if not closes_at:
        return ""
    return timeuntil(closes_at, timezone.now(), depth=1)


def combine_closing(date, time, tz_name):
    """The aware instant a posting closes, from the wall-clock date and time in its zone."""
    if date is None:
        return None
    if time is None:
        hours, minutes = get_setting("CAREERS_DEFAULT_CLOSING_TIME").split(":")
        time = datetime.time(int(hours), int(minutes))
    try:
        tz = zoneinfo.ZoneInfo(tz_name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = datetime.UTC
    return datetime.datetime.combine(date, time).replace(tzinfo=tz)


def in_zone(moment, tz_name):
    """An aware instant shown in the time zone ``tz_name`` (UTC for a zone that does not exist)."""
    try:
        tz = zoneinfo.ZoneInfo(tz_name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = datetime.UTC
    return moment.astimezone(tz)


def utc_offset_label(dt):
    """“UTC”, “UTC+05:30” or “UTC−06:00” for an aware datetime."""
    offset = dt.utcoffset() or datetime.timedelta(0)
    if not offset:
        return "UTC"
    total = int(offset.total_seconds())
    sign = "+" if total > 0 else "\u2212"
    hours, minutes = divmod(abs(total) // 60, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"
