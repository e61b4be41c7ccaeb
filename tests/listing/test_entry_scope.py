"""``EntryScope``, the listing's part of the page tree written as SQL, gives the rows that the
same condition written as Django lookups gives: every combination of tree, allied twins,
privacy and language, alone and nested in other queries."""

import itertools
import uuid

import pytest
from django.db.models import Exists, OuterRef, Q, Subquery
from wagtail.models import Locale, Page

from careers.models import ListingEntry
from careers.visibility import EntryScope, PostingQuery, _tree_filter

#: Two listing pages' (path, depth), and a third one's translation elsewhere in the tree.
LISTINGS = [("00010001", 2), ("00010002", 2), ("000100030001", 3)]
#: Their ``translation_key``: the first and the third are versions of one page.
LISTING_KEYS = [uuid.UUID(int=1), uuid.UUID(int=2), uuid.UUID(int=1)]


def reference(pages, children_only):
    """The condition as Django lookups (what ``PostingQuery`` filtered on before)."""
    tree = Q() if pages is None else _tree_filter(pages, children_only)
    twins = ListingEntry.objects.filter(
        tree,
        page__isnull=True,
        is_public=True,
        posting_key=OuterRef("posting_key"),
        locale_id=OuterRef("locale_id"),
        path__lt=OuterRef("path"),
    )
    return ListingEntry.objects.filter(tree).filter(Q(page__isnull=False) | ~Exists(twins))


@pytest.fixture
def rows(db):
    """Rows below each listing, directly and deeper, and elsewhere: this site's pages and
    allied postings (some with a twin below another listing, some private), in two
    languages."""
    page = Page.objects.get(depth=1)
    english = Locale.objects.get_or_create(language_code="en")[0]
    french = Locale.objects.get_or_create(language_code="fr")[0]
    allied = [uuid.uuid4() for _ in range(3)]
    made = []
    # Each place with the translation_key of the page it is below: a listing's, or another's.
    places = [
        *(
            (path + "0001", depth + 1, key)
            for (path, depth), key in zip(LISTINGS, LISTING_KEYS, strict=True)
        ),
        *((path + "00010001", depth + 2, uuid.uuid4()) for path, depth in LISTINGS),
        ("00020001", 2, uuid.uuid4()),
    ]
    for (path, depth, parent_key), locale in itertools.product(places, (english, french)):
        made.append(
            ListingEntry(
                page=page,
                posting_key=uuid.uuid4(),
                locale=locale,
                path=path + "P",
                depth=depth,
                parent_key=parent_key,
            )
        )
        for number, key in enumerate(allied):
            made.append(
                ListingEntry(
                    posting_key=key,
                    locale=locale,
                    origin="https://allied.example.org",
                    origin_id=str(number),
                    path=path,
                    depth=depth,
                    parent_key=parent_key,
                    is_public=not (number == 2 and path.startswith("00010001")),
                )
            )
    ListingEntry.objects.bulk_create(made)
    return made


#: (pages, children only, whether some allied rows in the tree are twins to drop).
SCOPES = [
    (None, False, True),
    ([], True, False),
    (LISTINGS[:1], True, False),
    (LISTINGS[:1], False, True),
    (LISTINGS, True, True),
    (LISTINGS, False, True),
    ([("0001", 1)], False, True),
]
PAIRS = [(pages, children_only) for pages, children_only, _twins in SCOPES]


@pytest.mark.parametrize(("pages", "children_only", "twins"), SCOPES)
def test_the_rows_are_those_of_the_lookups(rows, pages, children_only, twins):
    expected = set(reference(pages, children_only).values_list("pk", flat=True))
    scoped = ListingEntry.objects.filter(EntryScope(pages, children_only))
    assert set(scoped.values_list("pk", flat=True)) == expected
    # The comparison means something: rows in the tree are kept, and twins dropped.
    in_tree = ListingEntry.objects.filter(
        Q() if pages is None else _tree_filter(pages, children_only)
    )
    assert bool(expected) == (pages != [])
    assert (in_tree.count() > len(expected)) == twins


@pytest.mark.parametrize(("pages", "children_only"), PAIRS)
def test_nested_in_other_queries_it_follows_the_rows_alias(rows, pages, children_only):
    expected = reference(pages, children_only)
    scoped = ListingEntry.objects.filter(
        EntryScope(pages, children_only), locale__language_code="fr"
    )
    expected = expected.filter(locale__language_code="fr")
    ordered = ("path", "pk")
    nested = ListingEntry.objects.filter(
        pk__in=Subquery(scoped.order_by(*ordered).values("pk")[:7])
    )
    assert list(nested.order_by(*ordered).values_list("pk", flat=True)) == list(
        expected.order_by(*ordered).values_list("pk", flat=True)[:7]
    )
    pages_of_rows = Page.objects.filter(pk__in=scoped.values("page_id"))
    assert pages_of_rows.exists() == expected.filter(page__isnull=False).exists()


def versions_of(key):
    """The listings (path, depth) that are versions of the page ``key``."""
    return [listing for listing, other in zip(LISTINGS, LISTING_KEYS, strict=True) if other == key]


@pytest.mark.parametrize("key", sorted(set(LISTING_KEYS)))
def test_children_by_their_parent_are_the_children_of_every_version(rows, key):
    """A listing of its children finds by their ``parent_key`` the rows that the paths of
    all its versions find, allied twins dropped alike, alone and nested in another query."""
    pages = versions_of(key)
    expected = reference(pages, True)
    scoped = ListingEntry.objects.filter(EntryScope.children_of(key))
    assert set(scoped.values_list("pk", flat=True)) == set(expected.values_list("pk", flat=True))
    twins = ListingEntry.objects.filter(_tree_filter(pages, True)).count() - expected.count()
    assert (twins > 0) == (len(pages) > 1)  # allied postings below both versions
    ordered = ("path", "pk")
    nested = ListingEntry.objects.filter(
        pk__in=Subquery(
            scoped.filter(locale__language_code="fr").order_by(*ordered).values("pk")[:5]
        )
    )
    assert list(nested.order_by(*ordered).values_list("pk", flat=True)) == list(
        expected.filter(locale__language_code="fr")
        .order_by(*ordered)
        .values_list("pk", flat=True)[:5]
    )


def test_it_filters_rows_of_the_listing_index_only(db):
    with pytest.raises(TypeError):
        list(Page.objects.filter(EntryScope(LISTINGS, True)))


def test_the_posting_query_scopes_its_rows_with_it(careers_page):
    query = PostingQuery.for_index_page(careers_page)
    assert "EntryScope" in repr(query.entries().query.where)


@pytest.mark.django_db
@pytest.mark.parametrize("i18n", [True, False])
def test_a_listing_of_its_children_shows_its_versions_children_only_with_i18n(
    careers_page, make_posting, settings, i18n
):
    """With i18n, the children of every version of the listing page (found by their parent's
    translation_key); without, its own children only: a page that was its translation is
    another page (its children's rows, in their language, are not shown in every language)."""
    french = Locale.objects.get_or_create(language_code="fr")[0]
    careers_page.get_parent().copy_for_translation(french).save_revision().publish()
    version = careers_page.copy_for_translation(french)
    version.save_revision().publish()
    make_posting(title="Organiser")
    make_posting(title="Organisatrice", parent=version)
    settings.WAGTAIL_I18N_ENABLED = i18n
    query = PostingQuery.for_index_page(careers_page, all_locales=True)
    titles = sorted(posting.title for posting in query.pages_for(query.open_entries()))
    assert titles == (["Organisatrice", "Organiser"] if i18n else ["Organiser"])
