"""The time zones an editor chooses from: the canonical ones, grouped by region, with offsets.

IANA's ``zone.tab`` lists the zones meant for people to choose (one or more per country); the
old names kept as links for compatibility (Asia/Calcutta, Europe/Kiev, Mexico/General, US/…) are
not in it. It comes with the ``tzdata`` package and with the system's zone files; where neither
has it, the names of the known regions stand in (without the old names' other regions).
"""

import zoneinfo
from functools import cache
from importlib import resources
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .status import utc_offset_label

AREAS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}


def _zone_tab_text():
    try:
        return resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        pass
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / "zone.tab"
        if path.is_file():
            return path.read_text("utf-8")
    return None


def parse_zone_tab(text):
    names = set()
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            names.add(fields[2].strip())
    return names


@cache
def canonical_timezones():
    """The names of the zones to offer, without legacy aliases, sorted."""
    available = zoneinfo.available_timezones()
    text = _zone_tab_text()
    if text:
        names = parse_zone_tab(text) & available
    else:
        names = {name for name in available if name.split("/", 1)[0] in AREAS and "/" in name}
    return sorted(names)


def zone_label(name, now=None):
    """“(UTC−06:00) America/Mexico City”: the zone's offset now, and its name."""
    now = now or timezone.now()
    try:
        offset = utc_offset_label(now.astimezone(zoneinfo.ZoneInfo(name)))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return name
    offset = offset if offset != "UTC" else "UTC+00:00"
    return f"({offset}) {name.replace('_', ' ')}"


def timezone_choices(current=None, now=None):
    """Grouped choices for a select: UTC first, then each region's zones.

    ``current``, a stored value that is not offered (an old alias such as Asia/Calcutta), is
    kept as a choice of its own so that the posting shows and keeps it.
    """
    now = now or timezone.now()
    groups = {}
    for name in canonical_timezones():
        area = name.split("/", 1)[0]
        groups.setdefault(area, []).append((name, zone_label(name, now)))
    choices = [("UTC", _("(UTC+00:00) UTC, the same as GMT"))]
    if current and current != "UTC" and current not in canonical_timezones():
        choices.append((current, zone_label(current, now)))
    for area, label in AREAS.items():
        if area in groups:
            choices.append((label, groups[area]))
    return choices
