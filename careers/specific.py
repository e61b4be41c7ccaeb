"""Posting pages of every type, each as its specific class, with what their cards show.

A listing's rows (:class:`careers.models.ListingEntry`) point at pages of any posting type:
``JobPostingPage``, its multi-table subclasses and the types a site made from
``AbstractJobPostingPage``. As Wagtail's ``PageQuerySet.specific()`` does, the pages are read
one type at a time, each with its own organisation and location rows: the number of queries
depends on how many posting types are shown, not on how many postings. Cards, and RSS and
Atom entries, are made from the rows alone (:func:`from_index`), without reading the pages.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from django.db.models.query import ModelIterable
from wagtail.models import Locale

from . import posting_index
from .conf import i18n_enabled
from .instances import partial_instance
from .models import AbstractJobPostingPage, Organisation


def _rows_of(model, name):
    try:
        return model._meta.get_field(name).related_model
    except FieldDoesNotExist:  # reported by the system check careers.E005
        return None


def _posting_model(content_type_id):
    """The posting class of a content type, or None when it is not one (a model since removed,
    or a page type that is not a posting)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not issubclass(model, AbstractJobPostingPage):
        return None
    return model


class PostingModels(dict):
    """:func:`_posting_model` of each content type, looked up once for a list of rows (a
    feed's 200 language versions are of one or two types)."""

    def __missing__(self, content_type_id):
        model = self[content_type_id] = _posting_model(content_type_id)
        return model


def with_related(qs):
    """What a posting card shows, fetched in a fixed number of queries, for a QuerySet of one
    posting model (its own organisation and location rows)."""
    qs = qs.select_related("locale", "reports_to_organisation")
    organisations = _rows_of(qs.model, "hiring_organisations")
    if organisations is not None:
        qs = qs.prefetch_related(
            Prefetch(
                "hiring_organisations",
                # No logos: no card or feed shows one (the posting page reads its own).
                queryset=organisations.objects.select_related("organisation"),
            )
        )
    locations = _rows_of(qs.model, "locations")
    if locations is not None:
        qs = qs.prefetch_related(Prefetch("locations", queryset=locations.objects.all()))
    return qs


def fetch(pages, defer=(), related=True, only=None):
    """The pages ``pages`` names as ``(id, content type id)`` pairs, in that order, each as its
    specific class, with :func:`with_related` (or only their locale, when not ``related``);
    ``defer`` names columns left unread (those a type does not have are ignored). ``only``, if
    given, names the only columns read besides the id and locale: for a list of many pages of
    which little is shown (a column left out costs a query per page if something reads it)."""
    pages = list(pages)
    ids_by_type = defaultdict(list)
    for pk, content_type_id in pages:
        ids_by_type[content_type_id].append(pk)
    found = {}
    for content_type_id, ids in ids_by_type.items():
        model = _posting_model(content_type_id)
        if model is None:
            continue
        qs = model.objects.filter(pk__in=ids)
        qs = with_related(qs) if related else qs.select_related("locale")
        if only is not None:
            qs = qs.only("locale", *(name for name in only if _has_field(model, name)))
        else:
            names = [name for name in defer if _has_field(model, name)]
            if names:
                qs = qs.defer(*names)
        found.update((page.pk, page) for page in qs)
    return [found[pk] for pk, _type in pages if pk in found]


#: What a card made from the index reads of its page, with the row (see :func:`from_index`):
#: always the page's current values, so a page moved or renamed, or a parent's new slug, needs
#: no reindexing for its cards to link to it.
CARD_PAGE_COLUMNS = {
    "page_type": "page__content_type_id",
    "page_title": "page__title",
    "page_url_path": "page__url_path",
    "page_locale_id": "page__locale_id",
    "page_language_code": "page__locale__language_code",
    "page_last_published_at": "page__last_published_at",
}


def from_index(rows, facts=False):
    """Postings made from index rows with a ``card`` (:attr:`careers.models.ListingEntry.card`),
    read with :data:`CARD_PAGE_COLUMNS`: ``{page id: posting}``, each an instance of its
    specific class, without a query. With ``facts``, only rows that have their feed facts
    (:attr:`~careers.models.ListingEntry.facts`) are made, each with them as ``index_facts``.

    Only what a card or a feed entry shows is set: the page's title, address, language and
    last publication, the row's columns, the card's values, the employers, the locations and
    the languages. Any other column is deferred, and reading one costs a query, as on a page
    read with ``defer()``. Rows whose card is empty (written before the index had cards) are
    left to :func:`fetch`.
    """
    postings = {}
    # A list names the same few languages and organisations again and again: one instance each.
    locales, organisations, models = {}, {}, PostingModels()
    for row in rows:
        card = row.card
        if row.page_id is None or not card or (facts and row.facts is None):
            continue
        model = models[row.page_type]
        if model is None:
            continue
        db = row._state.db
        locale_id = row.page_locale_id
        values = {
            "id": row.page_id,
            "title": row.page_title,
            "url_path": row.page_url_path,
            "translation_key": row.posting_key,
            "locale_id": locale_id,
            "live": True,
            "path": row.path,
            "depth": row.depth,
            "content_type_id": row.page_type,
            "closes_at": row.closes_at,
            "is_filled": row.is_filled,
            "date_posted": row.date_posted,
            "first_published_at": row.first_published_at,
            "last_published_at": row.page_last_published_at,
            "workplace_type": row.workplace_type,
            **{name: card.get(name, "") for name in posting_index.CARD_TEXT},
            **{name: card.get(name, []) for name in posting_index.CARD_LISTS},
        }
        posting = partial_instance(model, values, db)
        if locale_id not in locales:
            locales[locale_id] = partial_instance(
                Locale, {"id": locale_id, "language_code": row.page_language_code}, db
            )
        posting.locale = locales[locale_id]
        employers = []
        for pk, name, short_name in card.get("employers", []):
            key = (pk, name, short_name)
            if key not in organisations:
                # As read with only these columns: a template reading an organisation's other
                # fields (its logo, say) gets them, at a query each.
                columns = {"id": pk, "name": name, "short_name": short_name, "locale_id": locale_id}
                organisations[key] = partial_instance(Organisation, columns, db)
            employers.append(organisations[key])
        posting.employers = employers
        locations = _rows_of(model, "locations")
        # Made as read (a location's ``__init__`` draws a translation key for it, unread).
        posting.location_list = (
            [
                partial_instance(
                    locations,
                    {
                        "id": None,
                        "page_id": row.page_id,
                        "sort_order": None,
                        "translation_key": None,
                        "locale_id": locale_id,
                        "city": city,
                        "country": country,
                    },
                    db,
                )
                for city, country in card.get("locations", [])
            ]
            if locations is not None
            else []
        )
        if "languages" in card:  # else (written before migration 0013) read by the caller
            posting.available_languages = card["languages"] if i18n_enabled() else []
        if facts:
            posting.index_facts = row.facts
        postings[row.page_id] = posting
    return postings


#: What :func:`language_version` reads of each index row, in this order.
VERSION_COLUMNS = (
    "page_id",
    "page__content_type_id",
    "page__title",
    "page__url_path",
    "page__locale_id",
    "page__locale__language_code",
    "posting_key",
)


def language_version(model, row, db, locales=None):
    """A posting's language version made from an index row read as ``VERSION_COLUMNS`` and its
    card's introduction: an instance of ``model`` (its specific class) with only its title,
    address, language, translation key and introduction (the rest deferred), without a query.
    ``locales``: a dict of the locales made so far, shared by the versions of one list."""
    page_id, page_type, title, url_path, locale_id, code, key, introduction = row
    values = {
        "id": page_id,
        "title": title,
        "url_path": url_path,
        "locale_id": locale_id,
        "translation_key": key,
        "content_type_id": page_type,
        "live": True,
        "introduction": introduction,
    }
    version = partial_instance(model, values, db)
    locales = {} if locales is None else locales
    if locale_id not in locales:
        locales[locale_id] = partial_instance(Locale, {"id": locale_id, "language_code": code}, db)
    version.locale = locales[locale_id]
    return version


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class SpecificPostingIterable(ModelIterable):
    """Iterates a ``Page`` QuerySet of postings as :func:`fetch` reads them: its ids and types
    in one query, then each type's pages, in the QuerySet's order."""

    def __iter__(self):
        qs = self.queryset
        yield from fetch(qs.values_list("pk", "content_type_id"))


def specific_postings(qs):
    """``qs`` (a ``Page`` QuerySet of postings) iterated as :class:`SpecificPostingIterable`:
    filter, order and slice it as any QuerySet; its items are the specific pages."""
    qs = qs.all()
    qs._iterable_class = SpecificPostingIterable
    return qs
