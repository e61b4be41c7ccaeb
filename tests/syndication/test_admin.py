"""Editors add a source in the admin, see how its fetches went, and fetch it now."""

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from careers.models import ListingEntry, SyndicationSource
from careers.syndication.items import FetchResult
from tests.helpers import FakeFetcher, fetched, posting_item, soup_of

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_careers_syndicationsource:list"


@pytest.fixture
def fake_fetcher(monkeypatch):
    fetcher = FakeFetcher(fetched(posting_item(title="Allied organiser")))
    monkeypatch.setattr("careers.syndication.sync.default_fetcher", lambda: fetcher)
    return fetcher


class TestSourceAdmin(WagtailTestUtils):
    @pytest.mark.i18n
    def test_add_a_source_see_its_status_and_fetch_now(
        self, admin_client, careers_page, fake_fetcher
    ):
        add_url = reverse("wagtailsnippets_careers_syndicationsource:add")
        form = soup_of(admin_client.get(add_url))
        assert form.select_one('input[name="languages"][value="es"]') is not None
        assert form.select_one(f'input[name="listings"][value="{careers_page.pk}"]') is not None
        response = admin_client.post(
            add_url,
            {
                "name": "Allies",
                "feed_url": "https://allies.example.org/careers/feed/json/",
                "organisations": "",
                "languages": ["en", "es"],
                "listings": [careers_page.pk],
                "enabled": "on",
            },
        )
        assert response.status_code == 302
        source = SyndicationSource.objects.get()
        assert source.languages == ["en", "es"]
        assert list(source.listings.all()) == [careers_page.page_ptr]

        # Fetch now: a confirmation, then a POST.
        fetch_url = reverse("wagtailsnippets_careers_syndicationsource:fetch", args=[source.pk])
        listing = admin_client.get(reverse(LIST))
        assert fetch_url in listing.content.decode()
        confirm = admin_client.get(fetch_url)
        assert confirm.status_code == 200
        assert not fake_fetcher.calls
        response = admin_client.post(fetch_url, follow=True)
        assert fake_fetcher.calls[0][0] == source.feed_url
        assert "was fetched. 1 posting taken." in response.content.decode()
        assert ListingEntry.objects.filter(origin="allies.example.org").exists()

        cells = [
            td.get_text(" ", strip=True)
            for td in soup_of(admin_client.get(reverse(LIST))).select("td")
        ]
        assert "Fetched" in cells
        assert "1 posting taken." in cells

    def test_a_failed_fetch_is_shown_in_words(self, admin_client, source, monkeypatch):
        failure = FetchResult(FetchResult.FAILED, messages=["The feed answered 503."])
        monkeypatch.setattr(
            "careers.syndication.sync.default_fetcher", lambda: FakeFetcher(failure)
        )
        fetch_url = reverse("wagtailsnippets_careers_syndicationsource:fetch", args=[source.pk])
        response = admin_client.post(fetch_url, follow=True)
        assert "could not be fetched. The feed answered 503." in response.content.decode()
        text = soup_of(admin_client.get(reverse(LIST))).get_text(" ", strip=True)
        assert "Failed" in text and "The feed answered 503." in text

    def test_refused_without_permission(self, client, source, django_user_model, fake_fetcher):
        from django.contrib.auth.models import Permission

        user = django_user_model.objects.create_user("viewer", password="pw")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
        fetch_url = reverse("wagtailsnippets_careers_syndicationsource:fetch", args=[source.pk])
        response = client.post(fetch_url)
        assert response.status_code in (302, 403)
        assert not fake_fetcher.calls

    def test_an_address_that_is_not_http_is_refused(self, admin_client, careers_page):
        response = admin_client.post(
            reverse("wagtailsnippets_careers_syndicationsource:add"),
            {"name": "Bad", "feed_url": "ftp://allies.example.org/feed", "enabled": "on"},
        )
        assert response.status_code == 200
        assert not SyndicationSource.objects.exists()
        assert soup_of(response).select(".error-message, .w-field__errors")
