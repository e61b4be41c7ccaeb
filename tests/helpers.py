"""Helpers the tests share: stream data with block ids, the tree root, the default site, parsed
responses. The fixtures built from them are in ``tests/conftest.py``."""

import itertools
import json
import uuid

from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from careers.models import JobPostingPage, Organisation

#: Numbers for unique titles and slugs.
counter = itertools.count(1)


def block(block_type, value):
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def languages_block(*codes):
    return block(
        "languages",
        {
            "heading": "",
            "items": [
                item({"language": code, "level": "fluent", "importance": "essential"})
                for code in codes
            ],
        },
    )


def tree_root():
    """Wagtail's tree root, made again when a flush has removed it.

    Transactional tests (the browser's live server) end with a flush that empties every table,
    including the root page and default locale that Wagtail's migrations created.
    """
    root = Page.get_first_root_node()
    if root is None:
        code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        locale, _ = Locale.objects.get_or_create(language_code=code)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


def move_site(**fields):
    """Change the default Site (its address, its name) as an administrator would."""
    site = Site.objects.get(is_default_site=True)
    for name, value in fields.items():
        setattr(site, name, value)
    site.save()
    return site


def soup_of(response):
    """The parsed HTML of a response that must have answered 200."""
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(response):
    """Every JSON-LD object a page carries, parsed."""
    scripts = soup_of(response).select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


def item_list(values):
    return {"count": len(values), **{str(i): {"value": v, "deleted": "", "order": str(i)}
                                      for i, v in enumerate(values)}}  # fmt: skip


def form_data(organisations=None, **overrides):
    """The admin form of a complete posting by ``organisations`` (employers, or pairs of an
    organisation and its role); with None, the one empty row the editor starts with. An
    override of None leaves that field out of the form."""
    duties = lambda heading, entries: (  # noqa: E731
        "duties",
        {"heading": heading, "intro": rich_text(""), "list_style": "numbered",
         "items": item_list([rich_text(e) for e in entries])},
    )  # fmt: skip
    data = {
        "title": "Regional organiser",
        "slug": "regional-organiser",
        "introduction": "Strengthen member organisations across the region.",
        "hiring_organisations": inline_formset([
            {"organisation": o.pk, "role": "employer"} if isinstance(o, Organisation)
            else {"organisation": o[0].pk, "role": o[1]}
            for o in organisations
        ] if organisations is not None else [{"id": "", "organisation": "", "role": "employer"}]),
        "body": streamfield(
            [
                duties("Coordination", ["Coordinate affiliates", "Recruit new members"]),
                duties("Reporting", ["Write annual reports"]),
                ("requirements", {
                    "heading": "Profile", "intro": rich_text(""), "list_style": "bulleted",
                    "items": item_list([
                        {"text": rich_text("Five years in organising"), "importance": "essential"},
                        {"text": rich_text("A social sciences degree"), "importance": "desirable"},
                    ]),
                }),
                ("languages", {"heading": "", "items": item_list([
                    {"language": "es", "alternatives": item_list([]), "level": "fluent",
                     "importance": "essential"},
                ])}),
            ]
        ),
        "reference_code": "RO-1",
        "contract_length": "",
        "time_commitment": "Full time",
        "start_date": "",
        "workplace_type": "home_based",
        "locations": inline_formset([]),
        "travel_required": "on",
        "remuneration": "Based on experience",
        "salary_currency": "",
        "salary_min": "",
        "salary_max": "",
        "salary_period": "",
        "closing_date": "2099-02-15",
        "closing_time": "23:59",
        "closing_timezone": "UTC",
        "date_posted": "",
        "application_email": "jobs@example.org, hr@example.org",
        "application_cc": "",
        "application_url": "",
        "application_reference": "",
        "application_documents": streamfield([]),
        "application_instructions": rich_text(""),
        "contact_name": "",
        "contact_role": "",
        "contact_email": "",
        "equal_opportunity_statement": "",
        "show_statement": "on",
    }  # fmt: skip
    multiple = {
        "applicant_regions": ["latin_america"],
        "applicant_countries": [],
        "employment_types": ["full_time"],
    }
    for name in multiple:
        if name in overrides:
            multiple[name] = overrides.pop(name)
    data.update(overrides)
    data = {name: value for name, value in data.items() if value is not None}
    multiple = {name: value for name, value in multiple.items() if value is not None}
    return {**nested_form_data(data), **multiple}


def add_url(parent, model=JobPostingPage):
    """The admin's address for adding a ``model`` page under ``parent``."""
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def field_errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    errors = {}
    for wrapper in soup.select("[data-field-wrapper]"):
        message = wrapper.select_one(".error-message")
        field = wrapper.select_one("[name]")
        if message and field:
            errors[field["name"]] = message.get_text(" ", strip=True)
    return errors


def posting_item(origin_id=None, language="en", closes_in_days=30, **fields):
    """Another site's posting as a fetch gives it (``careers.syndication.items.PostingItem``)."""
    import datetime as _datetime

    from django.utils import timezone

    from careers.syndication.items import OrganisationRef, PostingItem, Translation

    origin_id = origin_id or str(uuid.uuid4())
    url = fields.pop("url", f"https://allies.example.org/{language}/jobs/{origin_id}/")
    title = fields.pop("title", f"Allied posting {next(counter)}")
    fields.setdefault(
        "closes_at",
        timezone.now() + _datetime.timedelta(days=closes_in_days)
        if closes_in_days is not None
        else None,
    )
    fields.setdefault("organisations", (OrganisationRef(name="Allied Union", role="employer"),))
    fields.setdefault("employment_types", ("full_time",))
    fields.setdefault("workplace_type", "on_site")
    fields.setdefault("countries", ("BR",))
    fields.setdefault("translations", (Translation(language=language, url=url, title=title),))
    return PostingItem(origin_id=origin_id, language=language, url=url, title=title, **fields)


class FakeFetcher:
    """Stands in for ``careers.syndication.fetch.fetch_source``: answers each call with the next
    of ``results`` (the last one again when they run out), and remembers the calls."""

    def __init__(self, *results):
        self.results = list(results)
        self.calls = []

    def __call__(self, url, **kwargs):
        self.calls.append((url, kwargs))
        result = self.results.pop(0) if len(self.results) > 1 else self.results[0]
        if isinstance(result, Exception):
            raise result
        return result


def fetched(*items, **fields):
    from careers.syndication.items import FetchResult

    return FetchResult(FetchResult.OK, items=list(items), **fields)
