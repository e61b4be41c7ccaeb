"""schema.org JobPosting JSON-LD, built from a posting's facts.

Built as Python data and serialised with :func:`dumps_for_script`, never assembled in a template.
"""

import json

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.models import Site

from .addresses import absolute_url
from .choices import EmploymentType, PayPeriod, Region
from .html import limit_tags

EMPLOYMENT_TYPES = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.CONSULTANCY: "CONTRACTOR",
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.INTERNSHIP: "INTERN",
    EmploymentType.VOLUNTEER: "VOLUNTEER",
    EmploymentType.OTHER: "OTHER",
}

PAY_UNITS = {
    PayPeriod.HOUR: "HOUR",
    PayPeriod.DAY: "DAY",
    PayPeriod.WEEK: "WEEK",
    PayPeriod.MONTH: "MONTH",
    PayPeriod.YEAR: "YEAR",
}

# Regions as schema.org names; "worldwide" is every country (see _applicant_locations).
REGION_NAMES = {
    Region.AFRICA: "Africa",
    Region.ASIA_PACIFIC: "Asia and the Pacific",
    Region.EUROPE: "Europe",
    Region.LATIN_AMERICA: "Latin America and the Caribbean",
    Region.MIDDLE_EAST: "Middle East and North Africa",
    Region.NORTH_AMERICA: "North America",
}

# Tags Google accepts in a JobPosting description.
ALLOWED_DESCRIPTION_TAGS = {
    "p", "ul", "ol", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i",
}  # fmt: skip


def schema_employment_types(posting):
    """schema.org's names for a posting's types of employment: one, or a list of several."""
    types = []
    for code in posting.employment_types:
        name = EMPLOYMENT_TYPES.get(code, "OTHER")
        if name not in types:
            types.append(name)
    types = types or ["OTHER"]
    return types[0] if len(types) == 1 else types


def description_html(posting, body_html=None):
    """The posting's text as HTML limited to the tags Google accepts.

    ``body_html`` is the body already rendered for the page, so it is not rendered twice.
    """
    parts = []
    if posting.introduction:
        parts.append(f"<p>{escape(posting.introduction)}</p>")
    if body_html is None and posting.body:
        body_html = posting.body.render_as_block()
    if body_html:
        parts.append(str(body_html))
    return limit_tags("".join(parts), ALLOWED_DESCRIPTION_TAGS)


def _organisation(organisation, posting, request):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.logo_id:
        rendition = organisation.logo.get_rendition("max-400x400")
        data["logo"] = absolute_url(posting, rendition.url, request)
    return data


def _employer_overview(organisations):
    """Google documents one ``hiringOrganization``: the first (lead) organisation goes there, and
    a joint posting names all of them in ``employerOverview``, schema.org's text about the
    employer."""
    if len(organisations) < 2:
        return None
    names = get_text_list([organisation.name for organisation in organisations], _("and"))
    return _("A joint position of %(organisations)s.") % {"organisations": names}


def _identifier(posting, organisation, request):
    """The reference entered by an editor, or else the posting's own stable id: its
    translation key, the same in every language, named after the site."""
    if posting.reference_code:
        return {
            "@type": "PropertyValue",
            "name": organisation.name if organisation else "",
            "value": posting.reference_code,
        }
    site = Site.find_for_request(request) if request is not None else posting.get_site()
    return {
        "@type": "PropertyValue",
        "name": (site.site_name or site.hostname) if site else "",
        "value": str(posting.translation_key),
    }


def _place(location):
    address = {"@type": "PostalAddress", "addressCountry": location.country.code}
    if location.city:
        address["addressLocality"] = location.city
    return {"@type": "Place", "address": address}


def _applicant_locations(posting):
    """Google needs at least one place for a remote posting, a Country or an AdministrativeArea,
    and documents no value for "anywhere": that is every country."""
    if Region.WORLDWIDE in posting.applicant_regions:
        return [{"@type": "Country", "name": code} for code, _name in countries]
    requirements = [
        {"@type": "Country", "name": country.code} for country in posting.applicant_countries
    ]
    requirements += [
        {"@type": "AdministrativeArea", "name": REGION_NAMES[code]}
        for code in posting.applicant_regions
        if code in REGION_NAMES
    ]
    return requirements


def job_posting_json_ld(posting, request=None, body_html=None, description=None):
    """The JobPosting for an open posting, as a dict ready for :func:`dumps_for_script`;
    ``description``: its :func:`description_html`, when already worked out."""
    if description is None:
        description = description_html(posting, body_html)
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": description,
        "employmentType": schema_employment_types(posting),
        "url": posting.get_full_url(request),
    }
    if posting.date_posted:
        data["datePosted"] = posting.date_posted.isoformat()
    if posting.has_deadline:
        data["validThrough"] = posting.closes_at_local.isoformat()
    # Organisations that support, partner in or host the position do not hire.
    organisations = posting.employers
    if organisations:
        data["hiringOrganization"] = _organisation(organisations[0], posting, request)
    overview = _employer_overview(organisations)
    if overview:
        data["employerOverview"] = overview
    data["identifier"] = _identifier(posting, organisations[0] if organisations else None, request)
    locations = [_place(location) for location in posting.location_list]
    if locations:
        data["jobLocation"] = locations[0] if len(locations) == 1 else locations
    if posting.is_home_based:
        data["jobLocationType"] = "TELECOMMUTE"
        requirements = _applicant_locations(posting)
        if requirements:
            data["applicantLocationRequirements"] = requirements
    if posting.has_structured_pay:
        value = {"@type": "QuantitativeValue", "unitText": PAY_UNITS[posting.salary_period]}
        if posting.salary_min is not None and posting.salary_max is not None:
            value["minValue"] = float(posting.salary_min)
            value["maxValue"] = float(posting.salary_max)
        else:
            value["value"] = float(
                posting.salary_min if posting.salary_min is not None else posting.salary_max
            )
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": posting.salary_currency,
            "value": value,
        }
    if posting.start_date:
        data["jobStartDate"] = posting.start_date.isoformat()
    data["directApply"] = bool(posting.applies_directly())
    return data


_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def dumps_for_script(data):
    """JSON safe to place inside ``<script type="application/ld+json">``: no text can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, default=str)
    text = text.translate(_SCRIPT_ESCAPES).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # Every <, > and & is escaped above, so no text can close the script element.
    return mark_safe(text)  # noqa: S308  # nosec B308 B703


def plain_text(html):
    return strip_tags(html or "").strip()
