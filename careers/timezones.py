"""Time zones by name in the visitor's language: “Central Standard Time (Mexico City)”.

Python's zoneinfo knows offsets, not names. The names come from CLDR, as the ICU in Node.js has
them, written once into ``data/timezone_names.json`` by ``scripts/timezone_names.mjs`` for the
languages the app is translated into; other languages get the English name.
"""

import datetime
import json
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
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
