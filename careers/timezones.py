"""Time zones: the ones an editor chooses from, and their names in the visitor's language.

Editors choose among the canonical zones, grouped by region, with their offsets. IANA's
``zone.tab`` lists the zones meant for people to choose (one or more per country); the old names
kept as links for compatibility (Asia/Calcutta, Europe/Kiev, Mexico/General, US/…) are not in it.
It comes with the ``tzdata`` package and with the system's zone files; where neither has it, the
names of the known regions stand in.

Visitors read a zone by name: “Central Standard Time (Mexico City)”. Python's zoneinfo knows
offsets, not names. The names come from CLDR, as the ICU in Node.js has them, written once into
``data/timezone_names.json`` by ``scripts/timezone_names.mjs`` for the languages the app is
translated into; other languages get the English name.
"""

import datetime
import json
import zoneinfo
from functools import cache
from importlib import resources
from pathlib import Path

from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .status import utc_offset_label

NAMES_FILE = Path(__file__).with_name("data") / "timezone_names.json"


@cache
def _names():
    with NAMES_FILE.open(encoding="utf-8") as names:
        return json.load(names)


def _names_for_language(code):
    names = _names()
    code = (code or "en").lower()
    return names.get(code) or names.get(code.split("-")[0]) or names["en"]


def zone_city(zone):
    """“Mexico City” for ``America/Mexico_City``: the place that names the zone."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def zone_name(dt):
    """The name of an aware datetime's time zone at that moment, with the city the zone is named
    after: “hora estándar central (Mexico City)”; “” for UTC or a zone without a name."""
    zone = getattr(dt.tzinfo, "key", None)
    if not zone or "/" not in zone:
        return ""
    names = _names_for_language(get_language()).get(zone)
    if not names:
        return zone_city(zone)
    summer = bool(dt.dst()) and dt.dst() != datetime.timedelta(0)
    name = names[1] if summer and len(names) > 1 else names[0]
    return _("%(name)s (%(city)s)") % {"name": name, "city": zone_city(zone)}


def zone_label(dt):
    """“Central Standard Time (Mexico City), UTC−06:00”, or the offset alone."""
    name = zone_name(dt)
    offset = utc_offset_label(dt)
    return _("%(zone)s, %(offset)s") % {"zone": name, "offset": offset} if name else offset


AREAS = {
    "Africa": gettext_lazy("Africa"),
    "America": gettext_lazy("Americas"),
    "Antarctica": gettext_lazy("Antarctica"),
    "Arctic": gettext_lazy("Arctic"),
    "Asia": gettext_lazy("Asia"),
    "Atlantic": gettext_lazy("Atlantic"),
    "Australia": gettext_lazy("Australia"),
    "Europe": gettext_lazy("Europe"),
    "Indian": gettext_lazy("Indian Ocean"),
    "Pacific": gettext_lazy("Pacific"),
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


def choice_label(name, now=None):
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
        groups.setdefault(area, []).append((name, choice_label(name, now)))
    choices = [("UTC", gettext_lazy("(UTC+00:00) UTC, the same as GMT"))]
    if current and current != "UTC" and current not in canonical_timezones():
        choices.append((current, choice_label(current, now)))
    for area, label in AREAS.items():
        if area in groups:
            choices.append((label, groups[area]))
    return choices
