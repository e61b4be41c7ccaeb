"""schema.org JobPosting JSON-LD, built from a posting's facts.

Built as Python data and serialised with :func:`dumps_for_script`, never assembled in a template.
"""

import json

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

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

# Regions as schema.org names; "worldwide" has no applicant location requirement.
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


def _absolute(request, url):
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return url


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


def _organisation(organisation, request):
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.logo_id:
        rendition = organisation.logo.get_rendition("max-400x400")
        data["logo"] = _absolute(request, rendition.url)
    return data


def _place(location):
    address = {"@type": "PostalAddress", "addressCountry": location.country.code}
    if location.city:
        address["addressLocality"] = location.city
    return {"@type": "Place", "address": address}


def _applicant_locations(posting):
    requirements = [
        {"@type": "Country", "name": country.code} for country in posting.applicant_countries
    ]
    requirements += [
        {"@type": "AdministrativeArea", "name": REGION_NAMES[code]}
        for code in posting.applicant_regions
        if code in REGION_NAMES
    ]
    return requirements


def job_posting_json_ld(posting, request=None, body_html=None):
    """The JobPosting for an open posting, as a dict ready for :func:`dumps_for_script`."""
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": description_html(posting, body_html),
        "employmentType": schema_employment_types(posting),
        "url": _absolute(request, posting.get_url(request)),
        "inLanguage": posting.locale.language_code,
    }
    if posting.date_posted:
        data["datePosted"] = posting.date_posted.isoformat()
    if posting.has_deadline:
        data["validThrough"] = posting.closes_at_local.isoformat()
    # Organisations that support, partner in or host the position do not hire.
    organisations = [_organisation(org, request) for org in posting.employers]
    if organisations:
        data["hiringOrganization"] = organisations[0] if len(organisations) == 1 else organisations
    if posting.reference_code:
        org_name = organisations[0]["name"] if organisations else ""
        data["identifier"] = {
            "@type": "PropertyValue",
            "name": org_name,
            "value": posting.reference_code,
        }
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
    data["directApply"] = posting.direct_apply
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
