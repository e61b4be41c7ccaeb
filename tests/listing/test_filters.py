import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careers.models import Organisation

from .test_listing_page import titles


def options(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    return [o["value"] for o in soup.select(f'select[name="{name}"] option') if o["value"]]


@pytest.fixture
def postings(make_posting, organisation):
    alliance = Organisation.objects.create(name="Waste Pickers Alliance")
    return {
        "home_es": make_posting(
            title="Home-based, Spanish",
            workplace_type="home_based",
            languages=("es", "en"),
            country=None,
            employment_type="consultancy",
            closes_in_days=10,
        ),
        "onsite_pt": make_posting(
            title="On-site, Portuguese",
            languages=("pt",),
            country="BR",
            organisations=[alliance],
            closes_in_days=5,
        ),
        "hybrid_en": make_posting(
            title="Hybrid, English",
            workplace_type="hybrid",
            languages=("en",),
            country="GH",
            employment_type="part_time",
            closes_in_days=20,
        ),
        "closed_fr": make_posting(
            title="Closed, French", languages=("fr",), country="SN", closes_in_days=-3
        ),
        "alliance": alliance,
    }


@pytest.mark.django_db
class TestEachFilter:
    @pytest.mark.parametrize(
        "query, expected",
        [
            ("workplace=home_based", ["Home-based, Spanish"]),
            ("workplace=hybrid", ["Hybrid, English"]),
            ("type=part_time", ["Hybrid, English"]),
            ("language=es", ["Home-based, Spanish"]),
            ("language=en", ["Home-based, Spanish", "Hybrid, English"]),
            ("country=BR", ["On-site, Portuguese"]),
            ("region=latin_america", ["Home-based, Spanish"]),
            ("q=Portuguese", ["On-site, Portuguese"]),
            ("sort=newest&language=en", ["Home-based, Spanish", "Hybrid, English"]),
            ("status=closed", ["Closed, French"]),
            ("status=closed&language=fr", ["Closed, French"]),
        ],
    )
    def test_filter(self, client, careers_page, postings, query, expected):
        response = client.get(f"{careers_page.url}?{query}")
        assert response.status_code == 200
        assert sorted(titles(response)) == sorted(expected)

    def test_organisation(self, client, careers_page, postings):
        url = f"{careers_page.url}?organisation={postings['alliance'].pk}"
        assert titles(client.get(url)) == ["On-site, Portuguese"]

    def test_combination_home_based_spanish(self, client, careers_page, postings):
        response = client.get(careers_page.url + "?workplace=home_based&language=es")
        assert titles(response) == ["Home-based, Spanish"]
        response = client.get(careers_page.url + "?workplace=on_site&language=es")
        assert titles(response) == []
        assert b"No positions match these filters." in response.content

    def test_sort_newest_uses_date_posted(self, client, careers_page, make_posting):
        import datetime

        make_posting(title="Old", date_posted=datetime.date(2026, 1, 1), closes_in_days=2)
        make_posting(title="New", date_posted=datetime.date(2026, 6, 1), closes_in_days=9)
        assert titles(client.get(careers_page.url + "?sort=newest")) == ["New", "Old"]
        assert titles(client.get(careers_page.url)) == ["Old", "New"]


@pytest.mark.django_db
class TestKeywordSearch:
    """The search runs inside the listing's status and language, cut in the listing's order."""

    def test_closed_matches_do_not_use_up_the_limit(
        self, client, careers_page, make_posting, settings
    ):
        settings.CAREERS_SEARCH_LIMIT = 1
        make_posting(title="Closed coordinator", closes_in_days=-3)
        make_posting(title="Open coordinator", closes_in_days=9)
        assert titles(client.get(careers_page.url + "?q=coordinator")) == ["Open coordinator"]
        response = client.get(careers_page.url + "?q=coordinator&status=closed")
        assert titles(response) == ["Closed coordinator"]

    def test_the_limit_keeps_the_postings_closing_soonest(
        self, client, careers_page, make_posting, settings
    ):
        settings.CAREERS_SEARCH_LIMIT = 2
        # The most relevant match closes last: relevance would keep it.
        make_posting(
            title="Organiser closing last",
            introduction="Organiser wanted: an organiser to support organisers.",
            closes_in_days=30,
        )
        make_posting(title="Organiser closing first", closes_in_days=5)
        make_posting(title="Organiser closing second", closes_in_days=10)
        make_posting(title="Treasurer", closes_in_days=1)
        response = client.get(careers_page.url + "?q=organiser")
        assert titles(response) == ["Organiser closing first", "Organiser closing second"]
        assert b"Only the first 2 matches, closing soonest first, are shown." in response.content
        settings.CAREERS_SEARCH_LIMIT = 3
        response = client.get(careers_page.url + "?q=organiser")
        assert len(titles(response)) == 3
        assert b"Only the first" not in response.content

    def test_other_listings_matches_do_not_use_up_the_limit(
        self, client, careers_page, make_posting, site_root, settings
    ):
        from careers.models import CareersIndexPage

        settings.CAREERS_SEARCH_LIMIT = 1

        other = site_root.add_child(instance=CareersIndexPage(title="Other", slug="other"))
        make_posting(title="Researcher here", closes_in_days=5)
        make_posting(title="Researcher elsewhere", parent=other, closes_in_days=3)
        assert titles(client.get(careers_page.url + "?q=researcher")) == ["Researcher here"]

    def test_matches_the_listing_does_not_show_do_not_use_up_the_limit(
        self, client, careers_page, make_posting, organisation, settings
    ):
        """Other organisations' postings and private ones are not searched: the limit counts
        only matches the listing shows."""
        from wagtail.models import PageViewRestriction

        from careers.models import ListingOrganisation, Organisation

        settings.CAREERS_SEARCH_LIMIT = 1
        alliance = Organisation.objects.create(name="Waste Pickers Alliance")
        careers_page.listed_organisations = [ListingOrganisation(organisation=alliance)]
        careers_page.save_revision().publish()
        make_posting(title="Researcher, federation", closes_in_days=2)
        private = make_posting(
            title="Researcher, staff only", organisations=[alliance], closes_in_days=3
        )
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        make_posting(title="Researcher, alliance", organisations=[alliance], closes_in_days=5)
        careers_page.refresh_from_db()
        response = client.get(careers_page.url + "?q=researcher")
        assert titles(response) == ["Researcher, alliance"]
        assert b"Only the first" not in response.content


@pytest.mark.django_db
class TestOptions:
    def test_only_options_with_postings_are_offered(self, client, careers_page, postings):
        response = client.get(careers_page.url)
        assert options(response, "workplace") == ["on_site", "hybrid", "home_based"]
        assert options(response, "type") == ["full_time", "part_time", "consultancy"]
        assert sorted(options(response, "language")) == ["en", "es", "pt"]
        assert sorted(options(response, "country")) == ["BR", "GH"]
        assert options(response, "region") == ["latin_america"]
        names = BeautifulSoup(response.content, "html.parser").select(
            'select[name="organisation"] option'
        )
        assert [o.get_text() for o in names][1:] == [
            "Home Workers Federation (HWF)",
            "Waste Pickers Alliance",
        ]

    def test_closed_status_offers_closed_options(self, client, careers_page, postings):
        response = client.get(careers_page.url + "?status=closed")
        assert options(response, "language") == ["fr"]

    def test_every_filter_has_a_label(self, client, careers_page, postings):
        soup = BeautifulSoup(client.get(careers_page.url).content, "html.parser")
        form = soup.select_one("form.careers-filters")
        for control in form.select("input, select"):
            assert form.select_one(f'label[for="{control["id"]}"]') is not None


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        "query",
        [
            "language=zz",
            "workplace=moon",
            "organisation=999999",
            "organisation=abc",
            "country=%00",
            "status=everything",
            "sort=random",
            "q=" + "x" * 5000,
        ],
    )
    def test_unknown_values_are_ignored_and_reported(self, client, careers_page, postings, query):
        response = client.get(f"{careers_page.url}?{query}")
        assert response.status_code == 200
        assert len(titles(response)) == 3
        assert b"were not understood and were ignored" in response.content

    def test_unknown_parameters_are_ignored_silently(self, client, careers_page, postings):
        response = client.get(careers_page.url + "?utm_source=x&fbclid=y")
        assert response.status_code == 200
        assert len(titles(response)) == 3
        assert b"were not understood" not in response.content

    def test_unknown_parameters_are_dropped_from_page_links(
        self, client, careers_page, make_posting
    ):
        careers_page.page_size = 1
        careers_page.save()
        make_posting()
        make_posting()
        soup = BeautifulSoup(
            client.get(careers_page.url + "?utm_source=x&language=en").content, "html.parser"
        )
        hrefs = [a["href"] for a in soup.select("nav.careers-pagination a")]
        assert hrefs and all("utm_source" not in h and "language=en" in h for h in hrefs)


KEYS = st.sampled_from(
    ["q", "organisation", "country", "region", "workplace", "type", "language", "status",
     "sort", "page", "x", "page_size"]
)  # fmt: skip
VALUES = st.one_of(
    st.text(max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["home_based", "es", "closed", "newest", "MX", "latin_america", "%", "\\"]),
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=st.lists(st.tuples(KEYS, VALUES), max_size=8))
def test_random_query_strings_never_give_a_server_error(client, careers_page, postings, params):
    from urllib.parse import urlencode

    query = urlencode(params)
    for url in (careers_page.url, careers_page.url + "feed/rss/", careers_page.url + "feed/json/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, (url, query)


@pytest.mark.django_db
@pytest.mark.i18n
def test_language_and_country_names_sort_by_letter_in_the_visitors_language(
    client, careers_page, make_posting
):
    make_posting(languages=("pt",), country="AT")
    make_posting(languages=("ar",), country="IS")
    make_posting(languages=("en",), country="EC")
    response = client.get("/es" + careers_page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    names = [o.get_text() for o in soup.select('select[name="language"] option') if o["value"]]
    countries = [o.get_text() for o in soup.select('select[name="country"] option') if o["value"]]
    assert names == ["Árabe", "Inglés", "Portugués"]
    assert countries == ["Austria", "Ecuador", "Islandia"]


FACET_CHOICES = {
    "country": ["BR", "GH", "MX", "SN"],
    "region": ["latin_america", "africa", "worldwide"],
    "workplace": ["home_based", "hybrid", "on_site"],
    "type": ["consultancy", "part_time", "full_time"],
    "language": ["en", "es", "pt", "fr"],
    "status": ["open", "closed"],
}


@pytest.fixture
def more_postings(postings, make_posting):
    make_posting(
        title="Worldwide consultancy", workplace_type="home_based", applicant_regions=["worldwide"],
        employment_type="consultancy", languages=("fr", "en"), country=None, closes_in_days=7,
    )  # fmt: skip
    make_posting(
        title="Africa home-based", workplace_type="home_based", applicant_regions=["africa"],
        languages=("en",), country=None, organisations=[postings["alliance"]], closes_in_days=12,
    )  # fmt: skip
    return postings


def expected_titles(careers_page, chosen):
    """What the facet table (the semi-joins the API filters with) says the listing holds."""
    from careers.listing.filters import PostingFilterSet
    from careers.models import Facet
    from careers.visibility import PostingQuery, facet_filter, organisation_filter

    query = PostingQuery.for_index_page(careers_page)
    if chosen.get("status") == "closed":
        entries = query.recently_closed_entries()
    else:
        entries = query.open_entries()
    for name, value in chosen.items():
        if name == "organisation":
            key = Organisation.objects.get(pk=value).translation_key
            entries = entries.filter(organisation_filter([key]))
        elif name == "region":
            values = [value] if value == "worldwide" else [value, "worldwide"]
            entries = entries.filter(facet_filter(Facet.REGION, values))
        elif name in PostingFilterSet.FACETS:
            entries = entries.filter(facet_filter(PostingFilterSet.FACETS[name], [value]))
    pages = query.pages_for(entries.order_by("closes_at", "pk"))
    return sorted(page.title for page in pages)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_facet_filters_show_and_count_what_the_facet_table_says(
    client, careers_page, more_postings, data
):
    """Filters on facet values keep the rows whose ``facets_key`` is among the combinations
    of values that match (from the options), and take their count from there: the same
    postings, and the same number, as the semi-joins on the facet table."""
    names = data.draw(st.sets(st.sampled_from([*FACET_CHOICES, "organisation"]), max_size=4))
    chosen = {}
    for name in sorted(names):
        if name == "organisation":
            chosen[name] = data.draw(
                st.sampled_from([more_postings["alliance"].pk, *Organisation.objects.values_list(
                    "pk", flat=True)])
            )  # fmt: skip
        else:
            chosen[name] = data.draw(st.sampled_from(FACET_CHOICES[name]))
    from urllib.parse import urlencode

    response = client.get(f"{careers_page.url}?{urlencode(chosen)}")
    listing = response.context["listing"]
    offered = set(listing.ignored)
    understood = {name: value for name, value in chosen.items() if name not in offered}
    expected = expected_titles(careers_page, understood)
    assert sorted(titles(response)) == expected
    assert listing.count == len(expected)


@pytest.mark.django_db
def test_facet_filters_read_neither_the_facet_table_nor_a_count(
    client, careers_page, more_postings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = careers_page.url + "?workplace=home_based&region=africa&language=en"
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert titles(response) == ["Worldwide consultancy", "Africa home-based"]
    sql = " ".join(query["sql"] for query in context.captured_queries)
    assert "careers_listingfacet" not in sql
    assert "COUNT(*)" not in sql


@pytest.mark.django_db
def test_a_filter_set_that_overrides_a_facet_filter_keeps_its_own(rf, careers_page, more_postings):
    """A site's filter set that redefines how a stock filter filters is not bypassed."""
    from careers.listing.filters import PostingFilterSet
    from careers.listing.request import PostingListing

    class EverywhereCountry(PostingFilterSet):
        def filter_country(self, queryset, name, value):
            return queryset  # the site's own idea: any country

    request = rf.get("/", {"country": "BR"})
    assert PostingListing(careers_page, request).count == 1
    careers_page.get_filterset_class = lambda: EverywhereCountry
    listing = PostingListing(careers_page, request)
    assert listing.count == 5
    assert len(listing.page.object_list) == 5


@pytest.mark.django_db
def test_a_filter_set_that_redefines_a_facet_filter_keeps_its_own(rf, careers_page, more_postings):
    """A stock filter redefined with settings of its own (here: everything but the chosen
    workplace) is not answered from the options' facet groups as the stock one would be."""
    import django_filters

    from careers.listing.filters import PostingFilterSet
    from careers.listing.request import PostingListing
    from careers.listing.widgets import ListingSelect

    class AnyOtherWorkplace(PostingFilterSet):
        workplace = django_filters.ChoiceFilter(
            field_name="workplace_type", exclude=True, empty_label="", widget=ListingSelect
        )

    def titles_of(listing):
        return {page.title for page in listing.page.object_list}

    everything = titles_of(PostingListing(careers_page, rf.get("/")))
    request = rf.get("/", {"workplace": "home_based"})
    home_based = titles_of(PostingListing(careers_page, request))
    assert {"Worldwide consultancy", "Africa home-based"} <= home_based < everything
    careers_page.get_filterset_class = lambda: AnyOtherWorkplace
    listing = PostingListing(careers_page, request)
    assert titles_of(listing) == everything - home_based
    assert listing.count == len(everything - home_based)


#: What visitors, old links and robots send, for every filter.
SENT = [
    "", " ", "  \t", "x", "  spaced out  ", "\x00", "a\x00b", "x" * 200, f" {'x' * 200} ",
    "x" * 201, "null", "None", "0", "1", "-1", "1.0", " 1", "é", "Ω", "<script>", "'", '"',
    "open", "closed", " open", "newest", "closing", "home_based", "HOME_BASED", "hybrid",
    "africa", "worldwide", "BR", "br", "GH", "es", "pt", "consultancy", "part_time",
]  # fmt: skip


def checked_by_the_form(filterset):
    filterset.errors  # noqa: B018
    return filterset.form.cleaned_data, set(filterset.form.errors)


@pytest.mark.django_db
def test_values_are_checked_as_the_form_checks_them(rf, careers_page, postings):
    """The listing checks the values of its stock filters without making django-filter's form
    (``PostingFilterSet.checked``): it must accept, clean and refuse exactly what the form
    does, for every filter and every value sent."""
    from careers.listing.request import PostingListing

    alliance = str(postings["alliance"].pk)
    names = PostingListing(careers_page, rf.get("/")).filterset.filters
    for name in names:
        for value in [*SENT, alliance, f"{alliance} ", str(int(alliance) + 1000)]:
            for status in (None, "closed"):
                params = {name: value, **({"status": status} if status else {})}
                filterset = PostingListing(careers_page, rf.get("/", params)).filterset
                assert filterset._checks_like_its_form()
                assert filterset.checked == checked_by_the_form(filterset), params


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "organisation", "country", "region", "workplace", "type",
                         "language", "status", "sort"]),
        st.text(max_size=210),
        max_size=4,
    )
)  # fmt: skip
def test_any_values_are_checked_as_the_form_checks_them(rf, careers_page, postings, params):
    from careers.listing.request import PostingListing

    filterset = PostingListing(careers_page, rf.get("/", params)).filterset
    assert filterset.checked == checked_by_the_form(filterset)


@pytest.mark.django_db
def test_a_filter_set_with_a_form_of_its_own_is_checked_by_its_form(rf, careers_page, postings):
    """A site's form class (``Meta.form``) may clean values its own way: the form checks them."""
    from django import forms

    from careers.listing.filters import PostingFilterSet
    from careers.listing.request import PostingListing

    class LenientForm(forms.Form):
        def clean(self):
            cleaned = super().clean()
            self.errors.pop("workplace", None)
            cleaned["workplace"] = ""
            return cleaned

    class Lenient(PostingFilterSet):
        class Meta(PostingFilterSet.Meta):
            form = LenientForm

    careers_page.get_filterset_class = lambda: Lenient
    listing = PostingListing(careers_page, rf.get("/", {"workplace": "nowhere"}))
    assert not listing.filterset._checks_like_its_form()
    assert listing.ignored == []
