"""A posting's facts as the JSON Feed gives them under ``_careers`` (the peer feed format that
allied sites read, docs/syndication.md).

Most facts depend on the posting alone: :func:`stored_facts` works them out when the posting is
indexed, and :mod:`careers.posting_index` keeps them in its listing rows
(:attr:`careers.models.ListingEntry.facts`), so a feed of fifty postings is made from fifty
rows instead of fifty whole pages with their organisations and locations. The rest depend on
the time (the status), the request (addresses) or the other language versions, and
:func:`posting_facts` adds them when a feed is made.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder

from .page_parts import stored_parts
from .specific import fetch
from .structured_data import EMPLOYMENT_TYPES

#: Columns the facts do not read, left unread when their pages are.
DEFERRED = ("application_documents",)

#: How many pages the index builder reads at a time to work out their facts.
CHUNK_SIZE = 500


def stored_facts(posting):
    """What the feed says of ``posting`` that depends on the posting alone, as plain JSON
    values (what a database's JSON column gives back, so that a row's facts compare equal to
    what they should be)."""
    facts = {
        "posting_id": str(posting.translation_key),
        "reference_code": posting.reference_code,
        "employment_types": list(posting.employment_types),
        "schema_employment_types": [
            EMPLOYMENT_TYPES.get(code, "OTHER") for code in posting.employment_types
        ],
        "employment_type": posting.employment_type,
        "schema_employment_type": EMPLOYMENT_TYPES.get(posting.employment_type, "OTHER"),
        "contract_length": posting.contract_length,
        "time_commitment": posting.time_commitment,
        "reports_to": posting.reports_to,
        "reports_to_organisation": (
            posting.reports_to_organisation.name if posting.reports_to_organisation_id else None
        ),
        "workplace_type": posting.workplace_type,
        "locations": [
            {"city": location.city, "country": location.country.code}
            for location in posting.location_list
        ],
        "applicant_regions": list(posting.applicant_regions),
        "applicant_countries": [country.code for country in posting.applicant_countries],
        "organisations": [
            {
                "name": link.organisation.name,
                "short_name": link.organisation.short_name,
                "website": link.organisation.website,
                "role": link.role,
                "id": str(link.organisation.translation_key),
            }
            for link in posting.organisation_links
        ],
        "languages_required": posting.language_requirements,
        "open_until_filled": posting.open_until_filled,
        "is_filled": posting.is_filled,
        "closes_at": posting.closes_at.isoformat() if posting.closes_at else None,
        "closes_at_local": posting.closes_at_local.isoformat() if posting.closes_at else None,
        "closing_timezone": posting.closing_timezone,
        "review_from": posting.review_from.isoformat() if posting.review_from else None,
        "date_posted": posting.date_posted.isoformat() if posting.date_posted else None,
        "start_date": posting.start_date.isoformat() if posting.start_date else None,
        "remuneration": posting.remuneration,
        "pay": (
            {
                "currency": posting.salary_currency,
                "minimum": str(posting.salary_min) if posting.salary_min is not None else None,
                "maximum": str(posting.salary_max) if posting.salary_max is not None else None,
                "period": posting.salary_period,
            }
            if posting.has_structured_pay
            else None
        ),
        "language": posting.locale.language_code,
        "apply_url": posting.application_url or None,
        "apply_email": posting.application_emails,
        "apply_email_cc": posting.application_cc_emails,
        "apply_subject": posting.subject_line or None,
        "direct_apply": posting.direct_apply,
    }
    # Lazy translations, tuples and the like become what the JSON column gives back.
    return json.loads(json.dumps(facts, cls=DjangoJSONEncoder))


def posting_facts(posting, url):
    """Everything the feed says of ``posting`` under ``_careers``: its stored facts (those of
    its index row, ``posting.index_facts``, when it was made from one; else worked out now),
    with its status, its calendar file's address (``url`` is the posting's absolute address),
    the languages it is available in and its language versions (``available_languages`` and
    ``translations``, when the caller set them)."""
    facts = getattr(posting, "index_facts", None)
    if facts is None:
        facts = stored_facts(posting)
    return {
        **facts,
        "status": str(posting.status.value),
        "available_languages": getattr(posting, "available_languages", []),
        "calendar_url": (
            url + posting.reverse_subpage("deadline_ics") if url and posting.has_deadline else None
        ),
        "translations": getattr(posting, "translations", []),
    }


def facts_by_page(pages, parts_of=()):
    """``({page id: stored facts}, {page id: stored page parts})`` of the pages ``pages``
    names as ``(id, content type id)`` pairs, read a chunk at a time with what their facts
    show; page parts (:mod:`careers.page_parts`) only for the ids in ``parts_of``."""
    pages = list(pages)
    parts_of = set(parts_of)
    facts, parts, rendered = {}, {}, {}
    for start in range(0, len(pages), CHUNK_SIZE):
        for page in fetch(pages[start : start + CHUNK_SIZE], defer=DEFERRED):
            facts[page.pk] = stored_facts(page)
            if page.pk in parts_of:
                parts[page.pk] = stored_parts(page, rendered)
    return facts, parts
