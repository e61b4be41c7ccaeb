"""Syndicated postings as rows of the listing index (:class:`careers.models.ListingEntry`).

**Where a row is.** A listing shows the rows in its scope
(:class:`careers.visibility.PostingQuery`): a listing of its children finds them by
``parent_key``, a listing of its whole site by ``path`` and ``depth``. A syndicated posting gets
one row per listing page its sources name, per locale of this site, placed as if it were a
child of that listing page: its path plus :data:`PATH_SUFFIX` (one level below), and the
listing page's ``translation_key`` as its ``parent_key``. Both kinds of listing find it with no
change to the one query path. The unique constraint of the rows includes the path for that
reason. A site-wide listing on a site where two listing pages take the same source covers both
rows, and keeps the first (``PostingQuery.entries``).

**Which version.** For each locale, the stored version in that locale's language when there is
one; else the posting's first language, shown in the locale's language when the feed names a
version in it (its ``translations``: title, summary, address), else as it is (``is_fallback``:
shown only with ``CAREERS_SHOW_UNTRANSLATED``, as for this site's postings).

**Once.** A posting reached through several sources (the same origin posting id) is indexed
once, from the source fetched most recently; a listing leaves out one that is also a live page
of its own site (its own feed taken back), while another site of the same install shows it.

**Facets.** Countries, regions, workplace, employment and languages as for pages; an
organisation only when it matches a local :class:`careers.models.Organisation` by name or short
name (case-insensitive), since a listing's organisation filter offers local organisations.

Every syndicated row is rewritten at once (:func:`reindex_syndicated`): a network's feeds hold
hundreds of postings, not the tens of thousands a rebuild of the pages' rows must expect.
"""

from django.db import transaction

from .. import cache

#: Appended to a listing page's path to place its syndicated rows below it (not a character of
#: Wagtail's paths, so never a page's path).
PATH_SUFFIX = "~~~~"


def _matches(language, code):
    """Whether a posting version in ``language`` serves a locale of ``code`` ("pt" for "pt-br")."""
    language, code = language.lower(), code.lower()
    return language == code or language.split("-")[0] == code.split("-")[0]


def _organisation_ids():
    """Local organisation ids by case-folded name and short name."""
    from ..models import Organisation

    ids = {}
    for pk, name, short_name in Organisation.objects.order_by("pk").values_list(
        "pk", "name", "short_name"
    ):
        for value in (name, short_name):
            if value:
                ids.setdefault(value.casefold(), set()).add(pk)
    return ids


def _facets(data, organisation_ids):
    facets = set()
    for organisation in data.get("organisations", []):
        for value in (organisation.get("name"), organisation.get("short_name")):
            if value:
                facets.update(
                    ("organisation", str(pk)) for pk in organisation_ids.get(value.casefold(), ())
                )
    facets.update(("country", code) for code in data.get("countries", []))
    facets.update(("region", code) for code in data.get("applicant_regions", []))
    facets.update(("employment", code) for code in data.get("employment_types", []))
    facets.update(("language", code) for code in data.get("languages", []))
    if data.get("workplace_type"):
        facets.add(("workplace", data["workplace_type"]))
    return sorted(facets)


def _first_language(versions):
    """The version a locale without its own shows: the first language the origin lists."""
    order = [translation["language"] for translation in versions[0].data.get("translations", [])]
    rank = {code: index for index, code in enumerate(order)}
    return min(
        versions, key=lambda version: (rank.get(version.language, len(rank)), version.language)
    )


def desired_rows():
    """The rows every enabled source's stored postings should have, as (entry fields, facets)."""
    from wagtail.models import Locale, Page, Site

    from ..models import SyndicatedPosting, SyndicationSource

    sources = SyndicationSource.objects.filter(enabled=True).prefetch_related("listings")
    listing_ids = {source.pk: [page.pk for page in source.listings.all()] for source in sources}
    if not any(listing_ids.values()):
        return []
    pages = {
        pk: (path, depth, key)
        for pk, path, depth, key in Page.objects.filter(
            pk__in={pk for ids in listing_ids.values() for pk in ids}
        ).values_list("pk", "path", "depth", "translation_key")
    }
    locales = list(Locale.objects.order_by("pk").values_list("pk", "language_code"))
    postings = SyndicatedPosting.objects.filter(source_id__in=listing_ids).order_by(
        "-source__last_success_at", "source_id", "pk"
    )
    # This install's own live pages of these postings, and the roots of its sites: a listing
    # leaves out a posting its own site has as a page (its own feed taken back), but another
    # site of the same install takes it as an allied site's.
    local_paths = {}
    for key, path in Page.objects.filter(
        live=True, translation_key__in=postings.values("posting_key")
    ).values_list("translation_key", "path"):
        local_paths.setdefault(key, []).append(path)
    site_roots = sorted(
        Site.objects.values_list("root_page__path", flat=True), key=len, reverse=True
    )

    def on_its_site(key, listing_path):
        root = next((root for root in site_roots if listing_path.startswith(root)), "")
        return any(path.startswith(root) for path in local_paths.get(key, ()))

    # The posting's versions from the first source that has it, and the listings of all.
    chosen, listings = {}, {}
    for posting in postings:
        first_source = chosen.setdefault(
            posting.posting_key, {"source": posting.source_id, "versions": []}
        )
        if first_source["source"] == posting.source_id:
            first_source["versions"].append(posting)
        listings.setdefault(posting.posting_key, set()).update(listing_ids[posting.source_id])
    organisation_ids = _organisation_ids()
    rows = []
    for key, found in chosen.items():
        versions = found["versions"]
        first = _first_language(versions)
        for locale_id, code in locales:
            own = next((v for v in versions if _matches(v.language, code)), None)
            version = own or first
            # A version the feed only names (its ``translations``, with their titles and
            # summaries) is a translation too: the card shows it (SyndicatedPosting.show_in).
            translated = own is not None or any(
                _matches(t.get("language", ""), code) for t in version.data.get("translations", [])
            )
            facets = _facets(version.data, organisation_ids)
            for page_id in sorted(listings[key]):
                if page_id not in pages:
                    continue
                path, depth, listing_key = pages[page_id]
                if on_its_site(key, path):
                    continue
                fields = {
                    "posting_key": key,
                    "locale_id": locale_id,
                    "syndicated_posting_id": version.pk,
                    "origin": version.origin,
                    "origin_id": version.origin_id,
                    "is_fallback": not translated,
                    "path": path + PATH_SUFFIX,
                    "depth": depth + 1,
                    "parent_key": listing_key,
                    "is_public": True,
                    "closes_at": version.closes_at,
                    "is_filled": version.is_filled,
                    "date_posted": version.date_posted,
                    "first_published_at": version.first_published_at,
                    "workplace_type": version.workplace_type,
                    "facets": [list(pair) for pair in facets],
                }
                rows.append((fields, facets))
    return rows


def reindex_syndicated():
    """Rewrite every syndicated row of the listing index, and drop what the app cached."""
    from ..models import ListingEntry, ListingFacet

    with transaction.atomic():
        rows = desired_rows()
        ListingFacet.objects.filter(entry__page__isnull=True).exclude(entry__origin="").delete()
        ListingEntry.objects.filter(page__isnull=True).exclude(origin="").delete()
        entries = ListingEntry.objects.bulk_create([ListingEntry(**fields) for fields, _ in rows])
        if entries and entries[0].pk is None:  # a database that returns no ids from a bulk insert
            saved = {
                (entry.posting_key, entry.locale_id, entry.path): entry.pk
                for entry in ListingEntry.objects.exclude(origin="").only(
                    "pk", "posting_key", "locale_id", "path"
                )
            }
            for entry in entries:
                entry.pk = saved[(entry.posting_key, entry.locale_id, entry.path)]
        ListingFacet.objects.bulk_create(
            [
                ListingFacet(entry_id=entry.pk, facet=facet, value=value)
                for entry, (_fields, facets) in zip(entries, rows, strict=True)
                for facet, value in facets
            ]
        )
    # As careers.signal_handlers does: now, and again on commit, so that nothing cached from the
    # old rows in between outlives them.
    cache.new_generation()
    transaction.on_commit(cache.new_generation)
    return len(rows)


# Receivers: a listing page that moves or goes, and a new locale, change where rows are.


def _reindex_if_sources(**kwargs):
    from ..models import SyndicatedPosting

    if SyndicatedPosting.objects.exists():
        reindex_syndicated()


def _reindex_for_new_locale(sender, instance, created=False, **kwargs):
    if created:
        _reindex_if_sources()


def connect():
    """Attach the receivers (called from ``AppConfig.ready``)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Locale
    from wagtail.signals import post_page_move

    from ..models import listing_models

    for model in listing_models():
        label = model._meta.label_lower
        post_page_move.connect(
            _reindex_if_sources, sender=model, dispatch_uid=f"careers_syndicated_move_{label}"
        )
        post_delete.connect(
            _reindex_if_sources, sender=model, dispatch_uid=f"careers_syndicated_delete_{label}"
        )
    post_save.connect(
        _reindex_for_new_locale, sender=Locale, dispatch_uid="careers_syndicated_locale"
    )
