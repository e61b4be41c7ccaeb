"""A realistic data set at any size: postings like the demo's, in four languages, built in bulk.

Pages are written with ``bulk_create`` (tree paths computed as treebeard does) because saving
tens of thousands of pages one by one through Wagtail would take hours; every field that
``JobPostingPage.save`` derives (closing instant, language and country codes) is derived here by
the same functions, the search index is filled through the search backend and the listing
index (:mod:`careers.posting_index`) by its own bulk builder, a chunk of postings at a time.
"""

import contextlib
import datetime
import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from home import demo_content
from home.models import HomePage
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from bench.models import BarePage
from careers import cache, posting_index
from careers.models import (
    CareersIndexPage,
    HiringOrganisation,
    JobPostingPage,
    Organisation,
    PostingLocation,
)
from careers.status import combine_closing

LANGUAGES = ["en", "es", "fr", "pt"]
CHUNK = 500

EMPLOYMENT_TYPES = ["full_time", "part_time", "consultancy", "temporary", "internship"]
WORKPLACES = ["home_based", "on_site", "hybrid", "home_based"]
REGIONS = [["latin_america"], ["africa"], ["asia_pacific"], ["africa", "latin_america"], []]
CITIES = [
    ("Mexico City", "MX"),
    ("Bogotá", "CO"),
    ("Lima", "PE"),
    ("Accra", "GH"),
    ("Durban", "ZA"),
    ("Ahmedabad", "IN"),
    ("Bangkok", "TH"),
    ("Santo Domingo", "DO"),
    ("Dakar", "SN"),
    ("São Paulo", "BR"),
]
ZONES = ["UTC", "America/Lima", "America/Bogota", "Africa/Johannesburg", "Asia/Kolkata"]


def locales():
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}


def _translate(page, locales):
    """Live copies of ``page`` in every other locale, as wagtail-localize's sync would make."""
    for code, locale in locales.items():
        if code == "en" or page.get_translations().filter(locale=locale).exists():
            continue
        copy = page.copy_for_translation(locale, copy_parents=True)
        copy.title = f"{page.title} ({code})"
        copy.save_revision().publish()


@transaction.atomic
def site(locales):
    """Home (with the open positions block), careers and the bare baseline page, in 4 languages."""
    en = locales["en"]
    home = HomePage.objects.filter(locale=en, slug="bench-home").first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title="Bench network", slug="bench-home", locale=en)
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    careers = CareersIndexPage.objects.child_of(home).first()
    if careers is None:
        careers = CareersIndexPage(title="Careers", slug="careers", locale=en)
        home.add_child(instance=careers)
        careers.save_revision().publish()
        home.careers_page = careers
        home.body = [
            demo_content.block(
                "open_positions",
                {
                    "heading": "",
                    "listing_page": careers.pk,
                    "organisations": [],
                    "limit": 3,
                    "show_all_link": True,
                },
            )
        ]
        home.save_revision().publish()
    if not BarePage.objects.child_of(home).exists():
        bare = BarePage(title="About us", slug="about", locale=en)
        home.add_child(instance=bare)
        bare.save_revision().publish()
    for page in (home, careers):
        _translate(page.specific, locales)
    return home


@transaction.atomic
def organisations(locales, count=12):
    """``count`` organisations (the demo's first), each in every locale."""
    by_locale = {code: [] for code in LANGUAGES}
    templates = list(demo_content.ORGANISATIONS.values())
    for index in range(count):
        key = uuid.UUID(int=index + 1)
        source = templates[index % len(templates)]
        for code, locale in locales.items():
            organisation = Organisation.objects.filter(translation_key=key, locale=locale).first()
            if organisation is None:
                number = f" {index // len(templates) + 1}" if index >= len(templates) else ""
                organisation = Organisation.objects.create(
                    translation_key=key,
                    locale=locale,
                    name=f"{source['name']}{number}",
                    short_name=f"{source['short_name']}{number}",
                    website=source["website"],
                    about=source["about"],
                )
            by_locale[code].append(organisation)
    return by_locale


def _body(template, organisation):
    body = template["body"]()
    for child in body:
        if child["type"] == "about_organisation":
            child["value"]["organisation"] = organisation.pk
    return body


def _facts(index, today):
    """Closing date, type and place for posting ``index``: a steady mix, the same for any N."""
    kind = index % 20
    if kind < 12:  # 60 % open, closing within six months
        closing = today + datetime.timedelta(days=1 + index % 180)
    elif kind < 17:  # 25 % recently closed
        closing = today - datetime.timedelta(days=1 + index % 55)
    else:  # 15 % closed long ago
        closing = today - datetime.timedelta(days=90 + index % 700)
    workplace = WORKPLACES[index % len(WORKPLACES)]
    return {
        "closing_date": closing,
        "closing_time": datetime.time(23, 59),
        "closing_timezone": ZONES[index % len(ZONES)],
        "date_posted": closing - datetime.timedelta(days=30),
        "employment_types": [EMPLOYMENT_TYPES[index % len(EMPLOYMENT_TYPES)]],
        "workplace_type": workplace,
        "applicant_regions": REGIONS[index % len(REGIONS)] if workplace == "home_based" else [],
    }


def _derived(posting, locations):
    """What ``JobPostingPage.save`` works out, by the same rules."""
    posting.closes_at = combine_closing(
        posting.closing_date, posting.closing_time, posting.closing_timezone
    )
    codes = posting._language_codes_from_body()
    posting.language_codes = f",{','.join(codes)}," if codes else ""
    countries = sorted({country for _city, country in locations})
    posting.country_codes = f",{','.join(countries)}," if countries else ""


def postings(home, locales, organisations, target):
    """Add postings until there are ``target`` of them (each in 4 languages). Returns how many."""
    careers = {
        page.locale.language_code: page
        for page in CareersIndexPage.objects.filter(
            translation_key=CareersIndexPage.objects.child_of(home).get().translation_key
        ).select_related("locale")
    }
    existing = JobPostingPage.objects.filter(locale=locales["en"]).count()
    for start in range(existing, target, CHUNK):
        _chunk(careers, locales, organisations, range(start, min(start + CHUNK, target)))
    return target - existing if target > existing else 0


@transaction.atomic
def _chunk(careers, locales, organisations, indexes):
    content_type = ContentType.objects.get_for_model(JobPostingPage)
    today = timezone.localdate()
    now = timezone.now()
    templates = demo_content.POSTINGS
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    postings, links, places = [], [], []
    for code, parent in careers.items():
        parent = Page.objects.get(pk=parent.pk)  # fresh numchild and path
        step = parent.numchild
        for index in indexes:
            template = templates[index % len(templates)]
            facts = _facts(index, today)
            first = index % len(organisations[code])
            chosen = [organisations[code][first]]
            if index % 3 == 0:  # a third are joint postings
                chosen.append(organisations[code][(first + 1) % len(organisations[code])])
            locations = template.get("locations") or [CITIES[index % len(CITIES)]]
            step += 1
            slug = f"{template['slug']}-{index}"
            title = template["title"] if code == "en" else f"{template['title']} ({code})"
            posting = JobPostingPage(
                title=f"{title} {index}",
                draft_title=f"{title} {index}",
                slug=slug,
                content_type=content_type,
                path=JobPostingPage._get_path(parent.path, parent.depth + 1, step),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale=locales[code],
                translation_key=uuid.UUID(int=(1 << 64) + index),
                introduction=template["introduction"],
                body=_body(template, chosen[-1]),
                application_documents=template["documents"],
                **{**template["fields"], **facts},
            )
            _derived(posting, locations)
            postings.append(posting)
            links.append([(org, uuid.UUID(int=(2 << 64) + index * 4 + n)) for n, org in
                          enumerate(chosen)])  # fmt: skip
            places.append([(city, country, uuid.UUID(int=(3 << 64) + index * 4 + n)) for
                           n, (city, country) in enumerate(locations)])  # fmt: skip
        Page.objects.filter(pk=parent.pk).update(numchild=step)
    pages = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in postings]
    )
    for posting, page in zip(postings, pages, strict=True):
        posting.pk = posting.page_ptr_id = page.pk
    JobPostingPage._base_manager._insert(
        postings, fields=JobPostingPage._meta.local_concrete_fields
    )
    HiringOrganisation.objects.bulk_create(
        HiringOrganisation(
            page_id=posting.pk,
            organisation=organisation,
            sort_order=n,
            locale_id=posting.locale_id,
            translation_key=key,
        )
        for posting, chosen in zip(postings, links, strict=True)
        for n, (organisation, key) in enumerate(chosen)
    )
    PostingLocation.objects.bulk_create(
        PostingLocation(
            page_id=posting.pk,
            city=city,
            country=country,
            sort_order=n,
            locale_id=posting.locale_id,
            translation_key=key,
        )
        for posting, located in zip(postings, places, strict=True)
        for n, (city, country, key) in enumerate(located)
    )
    backend = get_search_backend()
    saved = JobPostingPage.objects.filter(pk__in=[p.pk for p in postings])
    with _searchable_body_memo():
        backend.add_bulk(JobPostingPage, list(saved.prefetch_related("locations")))
    # The listing index, as publishing would keep it, in bulk for the chunk's postings.
    posting_index.reindex({posting.translation_key for posting in postings})


def _without_ids(raw):
    if isinstance(raw, dict):
        return {key: _without_ids(value) for key, value in raw.items() if key != "id"}
    if isinstance(raw, list):
        return [_without_ids(value) for value in raw]
    return raw


@contextlib.contextmanager
def _searchable_body_memo():
    """Work out the search text of each distinct body once.

    The search backend asks a StreamField for its text five times per page, and a body's text
    (rich text to plain text, every language choice normalised) was most of the data build's
    time; the postings share a few dozen distinct bodies, so the text is kept per body content
    (block ids aside) while the build indexes them. The indexed text is the same.
    """
    field = JobPostingPage._meta.get_field("body")
    original = field.get_searchable_content
    memo = {}

    def searchable_content(value):
        try:
            key = json.dumps(_without_ids(list(value.raw_data)), sort_keys=True, default=str)
        except (AttributeError, KeyError, TypeError):
            return original(value)
        if key not in memo:
            memo[key] = original(value)
        return memo[key]

    field.get_searchable_content = searchable_content
    try:
        yield
    finally:
        del field.get_searchable_content


def build(target):
    """The whole data set with ``target`` postings per language; safe to run again to grow it."""
    codes = locales()
    home = site(codes)
    orgs = organisations(codes)
    added = postings(home, codes, orgs, target)
    # Rows written in bulk send no publish signals: forget cached listing options, and give
    # PostgreSQL's planner statistics and visibility map for the new rows as autovacuum would,
    # later (without the map, index-only scans read the table too).
    cache.new_generation()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {"postings": target, "added": added, "pages": Page.objects.count()}
