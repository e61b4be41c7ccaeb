"""From what a feed says about a posting to a :class:`~careers.syndication.items.PostingItem`.

Two vocabularies are understood: the careers facts of the peer feed format (``_careers`` on a
JSON Feed item, docs/syndication.md) and a schema.org ``JobPosting``. Every value goes through
:mod:`.sanitise`; a value outside our vocabularies is left out rather than guessed at. An item
that cannot be a posting (no address, no title, a closing date that is not a date) raises
:class:`Skip` with the reason, in words for the editor who added the source.
"""

import functools

from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from ..choices import EmploymentType, OrganisationRole, Region, WorkplaceType
from ..structured_data import EMPLOYMENT_TYPES, REGION_NAMES
from . import sanitise
from .items import OrganisationRef, PostingItem, Translation

#: schema.org employment types as ours; PER_DIEM has no counterpart.
SCHEMA_EMPLOYMENT_TYPES = {schema: code for code, schema in EMPLOYMENT_TYPES.items()}
SCHEMA_EMPLOYMENT_TYPES["PER_DIEM"] = EmploymentType.OTHER
SCHEMA_REGIONS = {name.casefold(): code for code, name in REGION_NAMES.items()}
WORLDWIDE_NAMES = {"worldwide", "anywhere", "anywhere in the world", "earth", "world"}
#: Most organisations, languages or translations read from one item, and most countries.
MAX_LIST = 50
MAX_COUNTRIES = 300
ID_MAX = 200


class Skip(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _list(value, limit=MAX_LIST):
    """``value`` as a list: a feed may give one object where it could give several."""
    if isinstance(value, list):
        return value[:limit]
    return [] if value is None else [value]


def _unique(values):
    return tuple(dict.fromkeys(value for value in values if value))


def _choices(values, allowed):
    return _unique(value for value in _list(values) if isinstance(value, str) and value in allowed)


def _country(value):
    """An ISO 3166 alpha-2 code from a code or an English country name, or ""."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("alternateName")
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return ""
    value = value.strip()
    if len(value) == 2:
        return value.upper() if value.upper() in _country_codes() else ""
    return _country_names().get(value.casefold(), "")


@functools.cache
def _country_names():
    """Country names in English (as schema.org data gives them), case-folded, to their codes."""
    with translation.override("en"):
        return {str(name).casefold(): code for code, name in countries}


@functools.cache
def _country_codes():
    return frozenset(code for code, _name in countries)


def _identifier(value):
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return sanitise.plain_text(value, ID_MAX)


def _closes_at(value, zone):
    if value is None or value == "":
        return None
    try:
        return sanitise.closing_time(value, zone)
    except sanitise.NotADate:
        shown = sanitise.plain_text(value if isinstance(value, str) else repr(value), 40)
        raise Skip(_("its closing date '%(value)s' is not a date.") % {"value": shown}) from None


def _required(url, title, base):
    url = sanitise.http_url(url, base)
    if not url:
        raise Skip(_("it has no web address starting with http:// or https://."))
    title = sanitise.plain_text(title)
    if not title:
        raise Skip(_("it has no title."))
    return url, title


def _translations(values, base, own):
    """The language versions an item names, its own among them."""
    translations = []
    for value in _list(values):
        if not isinstance(value, dict):
            continue
        language = sanitise.language_code(value.get("language"))
        url = sanitise.http_url(value.get("url"), base)
        title = sanitise.plain_text(value.get("title"))
        if language and url and title:
            summary = sanitise.plain_paragraphs(value.get("summary"))
            translations.append(Translation(language, url, title, summary))
    if own.language:
        translations.insert(0, own)
    unique = {}
    for version in translations:
        unique.setdefault(version.language, version)
    return tuple(unique.values())


def _required_languages(values):
    codes = []
    for value in _list(values):
        if isinstance(value, dict):
            codes += _list(value.get("languages")) or [value.get("language")]
        else:
            codes.append(value)
    return _unique(sanitise.language_code(code) for code in codes[:MAX_LIST])


def from_careers_facts(facts, *, item_id, url, title, summary, language, base):
    """A posting from the careers facts of the peer feed format (version 1, or the facts an
    older version of the app published, without ``posting_id``)."""
    url, title = _required(url, title, base)
    language = sanitise.language_code(language) or sanitise.language_code(facts.get("language"))
    zone = sanitise.time_zone_name(facts.get("closing_timezone"))
    organisations = []
    for value in _list(facts.get("organisations")):
        if not isinstance(value, dict) or not sanitise.plain_text(value.get("name")):
            continue
        role = value.get("role")
        organisations.append(
            OrganisationRef(
                name=sanitise.plain_text(value.get("name")),
                role=role if role in OrganisationRole.values else "",
                short_name=sanitise.plain_text(value.get("short_name")),
                website=sanitise.http_url(value.get("website")),
                key=_identifier(value.get("id")),
            )
        )
    summary = sanitise.plain_paragraphs(summary)
    workplace_type = facts.get("workplace_type")
    return PostingItem(
        origin_id=_identifier(facts.get("posting_id")) or _identifier(item_id) or url,
        language=language,
        url=url,
        title=title,
        summary=summary,
        organisations=tuple(organisations),
        closes_at=_closes_at(facts.get("closes_at"), zone),
        closing_timezone=zone,
        is_filled=facts.get("is_filled") is True,
        date_posted=sanitise.calendar_date(facts.get("date_posted")),
        employment_types=_choices(facts.get("employment_types"), EmploymentType.values),
        workplace_type=workplace_type if workplace_type in WorkplaceType.values else "",
        applicant_regions=_choices(facts.get("applicant_regions"), Region.values),
        applicant_countries=_unique(
            _country(code) for code in _list(facts.get("applicant_countries"), MAX_COUNTRIES)
        ),
        countries=_unique(
            _country(location.get("country"))
            for location in _list(facts.get("locations"), MAX_COUNTRIES)
            if isinstance(location, dict)
        ),
        languages=_required_languages(facts.get("languages_required")),
        translations=_translations(
            facts.get("translations"), base, Translation(language, url, title, summary)
        ),
    )


def _employment_types(value):
    types = []
    for name in _list(value):
        if isinstance(name, str):
            key = name.strip().upper().replace("-", "_").replace(" ", "_")
            types.append(SCHEMA_EMPLOYMENT_TYPES.get(key, ""))
    return _unique(types)


def _hiring_organisations(data):
    organisations = []
    for value in _list(data.get("hiringOrganization")) + _list(data.get("hiringOrganizations")):
        if isinstance(value, str):
            value = {"name": value}
        if not isinstance(value, dict) or not sanitise.plain_text(value.get("name")):
            continue
        same_as = [url for url in _list(value.get("sameAs")) if isinstance(url, str)]
        website = sanitise.http_url(value.get("url")) or next(
            filter(None, map(sanitise.http_url, same_as)), ""
        )
        organisations.append(
            OrganisationRef(
                name=sanitise.plain_text(value.get("name")),
                role=OrganisationRole.EMPLOYER,
                website=website,
            )
        )
    return tuple(organisations)


def _applicant_locations(data):
    """Regions and countries home-based applicants may live in. A list of every country, which
    is how Google asks for "anywhere" (and how our own JSON-LD says it), is "worldwide"."""
    regions, codes = [], []
    for value in _list(data.get("applicantLocationRequirements"), MAX_COUNTRIES):
        name = value.get("name") if isinstance(value, dict) else value
        if not isinstance(name, str):
            continue
        folded = name.strip().casefold()
        if folded in WORLDWIDE_NAMES:
            regions.append(Region.WORLDWIDE)
        elif folded in SCHEMA_REGIONS:
            regions.append(SCHEMA_REGIONS[folded])
        else:
            codes.append(_country(name))
    codes = _unique(codes)
    if Region.WORLDWIDE in regions or len(codes) >= len(_country_codes()):
        return (Region.WORLDWIDE,), ()
    return _unique(regions), codes


def _work_countries(data):
    codes = []
    for place in _list(data.get("jobLocation")):
        address = place.get("address") if isinstance(place, dict) else None
        if isinstance(address, dict):
            codes.append(_country(address.get("addressCountry")))
    return _unique(codes)


def _language_of(data):
    value = data.get("inLanguage")
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return sanitise.language_code(value)


def from_job_posting(data, *, item_id, url, title, summary, language, base):
    """A posting from a schema.org JobPosting (and the feed item that carries it)."""
    url, title = _required(data.get("url") or url, data.get("title") or title, base)
    language = _language_of(data) or sanitise.language_code(language)
    summary = sanitise.plain_paragraphs(summary) or sanitise.plain_paragraphs(
        data.get("description")
    )
    location_types = [
        kind.strip().upper() for kind in _list(data.get("jobLocationType")) if isinstance(kind, str)
    ]
    if "TELECOMMUTE" in location_types:
        workplace_type = WorkplaceType.HOME_BASED
        regions, applicant_countries = _applicant_locations(data)
    else:
        workplace_type = WorkplaceType.ON_SITE if data.get("jobLocation") else ""
        regions, applicant_countries = (), ()
    return PostingItem(
        origin_id=_identifier(next(iter(_list(data.get("identifier"))), None))
        or _identifier(item_id)
        or url,
        language=language,
        url=url,
        title=title,
        summary=summary,
        organisations=_hiring_organisations(data),
        closes_at=_closes_at(data.get("validThrough"), ""),
        date_posted=sanitise.calendar_date(data.get("datePosted")),
        employment_types=_employment_types(data.get("employmentType")),
        workplace_type=workplace_type,
        applicant_regions=regions,
        applicant_countries=applicant_countries,
        countries=_work_countries(data),
        translations=(Translation(language, url, title, summary),) if language else (),
    )
