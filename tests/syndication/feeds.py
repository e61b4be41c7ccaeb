"""Feeds as allied sites (and others) write them, for the syndication tests: the peer feed
format version 1 (docs/syndication.md), JSON Feed items carrying a schema.org JobPosting, and
Atom."""

import json
import uuid
from xml.sax.saxutils import escape, quoteattr

POSTING_ID = "5d0c1a8e-8a4c-4c55-9bd6-0f3b8f0e2a11"
ORGANISATION_ID = "0b7f0f53-2a55-4b8e-9d8c-7d6f7a1f9c01"


def v1_item(number=1, language="en", **facts):
    """An item of a version 1 feed; ``facts`` replace its ``_careers`` facts."""
    url = f"https://origin.example.org/{language}/careers/post-{number}/"
    title = facts.pop("title", f"Organiser {number}")
    careers = {
        "status": "open",
        "posting_id": str(uuid.UUID(int=number)) if number != 1 else POSTING_ID,
        "employment_types": ["full_time"],
        "workplace_type": "home_based",
        "applicant_regions": ["latin_america"],
        "applicant_countries": ["MX", "co"],
        "locations": [{"city": "Bogotá", "country": "CO"}],
        "organisations": [
            {
                "name": "Home Workers Federation",
                "short_name": "HWF",
                "website": "https://hwf.example.org/",
                "role": "employer",
                "id": ORGANISATION_ID,
            }
        ],
        "languages_required": [
            {"language": "es", "languages": ["es"], "level": "fluent", "importance": "essential"}
        ],
        "closes_at": "2026-12-31T23:59:00+00:00",
        "closes_at_local": "2026-12-31T18:59:00-05:00",
        "closing_timezone": "America/Bogota",
        "open_until_filled": False,
        "date_posted": "2026-11-01",
        "is_filled": False,
        "language": language,
        "translations": [
            {"language": language, "url": url, "title": title, "summary": "Organise."},
            {
                "language": "es",
                "url": f"https://origin.example.org/es/empleos/post-{number}/",
                "title": f"Organizador {number}",
                "summary": "Organizar.",
            },
        ],
    }
    careers.update(facts)
    return {
        "id": url,
        "url": url,
        "title": title,
        "summary": "Organise home workers.",
        "content_text": "Organise home workers.\n\nCloses 2026-12-31",
        "language": language,
        "_careers": careers,
    }


def v1_feed(items, next_url=None, all_postings=True, version=1):
    careers = {
        "version": version,
        "generated_at": "2026-11-28T04:00:00+00:00",
        "count": len(items),
        "site": {"name": "Origin", "url": "https://origin.example.org/"},
    }
    if all_postings:
        careers["all"] = True
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Open positions: Careers",
        "home_page_url": "https://origin.example.org/careers/",
        "language": "en",
        "_careers": careers,
        "items": items,
    }
    if next_url:
        feed["next_url"] = next_url
    return feed


def job_posting(number=1, **fields):
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": f"Researcher {number}",
        "description": "<p>Research <strong>supply chains</strong>.</p><p>Travel.</p>",
        "url": f"https://jobs.example.net/postings/{number}",
        "identifier": {"@type": "PropertyValue", "name": "Jobs", "value": f"JOB-{number}"},
        "datePosted": "2026-11-02",
        "validThrough": "2026-12-15T17:00:00-05:00",
        "employmentType": ["CONTRACTOR", "PART_TIME"],
        "hiringOrganization": {
            "@type": "Organization",
            "name": "Garment Workers Union",
            "sameAs": "https://gwu.example.net/",
        },
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": [
            {"@type": "Country", "name": "BD"},
            {"@type": "AdministrativeArea", "name": "Asia and the Pacific"},
        ],
        "inLanguage": "en",
    }
    data.update(fields)
    return data


def json_feed_with_job_postings(postings):
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Jobs",
        "items": [
            {
                "id": posting.get("url", f"urn:item:{index}"),
                "url": posting.get("url"),
                "title": posting.get("title"),
                "_jobposting": posting,
            }
            for index, posting in enumerate(postings)
        ],
    }


def atom_entry(posting=None, *, content_type="application/ld+json", title=None, link=None):
    """An Atom entry whose content carries ``posting`` as JSON-LD (``content_type``
    "application/ld+json"), or inside HTML (``content_type`` "html")."""
    posting = posting or job_posting()
    title = title or posting.get("title", "")
    link = link or posting.get("url", "")
    if content_type == "html":
        script = json.dumps(posting).replace("<", "\\u003c")
        content = f'<p>{posting["title"]}</p><script type="application/ld+json">{script}</script>'
    else:
        content = json.dumps(posting)
    return (
        f"<entry><id>{escape(link)}</id><title>{escape(title)}</title>"
        f'<link rel="alternate" href={quoteattr(link)}/>'
        f"<updated>2026-11-02T00:00:00Z</updated>"
        f"<content type={quoteattr(content_type)}>{escape(content)}</content></entry>"
    )


def atom_feed(entries, next_url=""):
    next_link = f'<link rel="next" href={quoteattr(next_url)}/>' if next_url else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
        "<title>Jobs</title><id>urn:jobs</id><updated>2026-11-02T00:00:00Z</updated>"
        f"{next_link}{''.join(entries)}</feed>"
    ).encode()
