"""Postings without a deadline: open until filled, closed by hand, everywhere a deadline shows."""

import datetime
import json

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from careers.models import JobPostingPage
from careers.status import PostingStatus
from tests.helpers import json_ld, soup_of

UTC = datetime.UTC


@pytest.fixture
def until_filled(make_posting):
    return make_posting(
        title="Organiser, open until filled",
        open_until_filled=True,
        closing_date=None,
        review_from=datetime.date(2099, 3, 1),
    )


@pytest.mark.django_db
class TestModel:
    def test_no_closing_time_and_open(self, until_filled):
        assert until_filled.closes_at is None
        assert until_filled.status == PostingStatus.OPEN
        assert not until_filled.has_deadline

    def test_a_closing_date_or_open_until_filled_is_needed(self, until_filled):
        until_filled.open_until_filled = False
        with pytest.raises(ValidationError) as error:
            until_filled.full_clean()
        assert "open until filled" in str(error.value.message_dict["closing_date"])

    def test_not_both(self, until_filled):
        until_filled.closing_date = datetime.date(2099, 1, 1)
        with pytest.raises(ValidationError) as error:
            until_filled.full_clean()
        assert "has no closing date" in str(error.value.message_dict["closing_date"])

    def test_closed_by_hand(self, until_filled):
        with time_machine.travel(datetime.datetime(2030, 5, 1, 12, tzinfo=UTC), tick=False):
            until_filled.is_filled = True
            until_filled.save_revision().publish()
            until_filled = JobPostingPage.objects.get(pk=until_filled.pk)
            assert until_filled.closes_at == datetime.datetime(2030, 5, 1, 12, tzinfo=UTC)
            assert until_filled.is_closed and until_filled.closed_by_hand
        # Saving again keeps the moment it was closed.
        until_filled.save()
        assert until_filled.filled_at == datetime.datetime(2030, 5, 1, 12, tzinfo=UTC)
        until_filled.is_filled = False
        until_filled.save()
        assert until_filled.closes_at is None and until_filled.filled_at is None

    def test_closing_by_hand_before_the_deadline(self, make_posting):
        posting = make_posting(closes_in_days=30)
        deadline = posting.closes_at
        posting.is_filled = True
        posting.save()
        assert posting.closes_at < deadline
        assert posting.is_closed and not posting.has_deadline


@pytest.mark.django_db
class TestPage:
    def test_open_until_filled(self, client, until_filled):
        response = client.get(until_filled.url)
        html = soup_of(response)
        assert html.select_one(".careers-status").get_text(strip=True) == "Open until filled"
        facts = html.select_one(".careers-facts").get_text(" ", strip=True)
        assert "Closing date Open until filled" in facts
        assert "Applications reviewed from March 1, 2099" in facts
        apply = html.select_one(".careers-apply__deadline").get_text(" ", strip=True)
        assert "open until filled" in apply and "reviewed from March 1, 2099" in apply
        assert "Apply by" not in apply
        assert not html.select('a[href$="calendar/"]')
        assert client.get(until_filled.url + "calendar/").status_code == 404

    def test_json_ld_has_no_valid_through(self, client, until_filled):
        (data,) = json_ld(client.get(until_filled.url))
        assert "validThrough" not in data
        for name in ("title", "description", "datePosted", "hiringOrganization"):
            assert data[name], name

    def test_closed_by_hand(self, client, until_filled):
        until_filled.is_filled = True
        until_filled.save_revision().publish()
        response = client.get(until_filled.url)
        html = soup_of(response)
        assert "Applications were closed on" in html.select_one(".careers-notice").get_text()
        assert "Closed on" in html.select_one(".careers-facts").get_text()
        assert json_ld(response) == []
        assert response["X-Robots-Tag"] == "noindex"
        assert client.get(until_filled.url + "calendar/").status_code == 404


@pytest.mark.django_db
class TestListing:
    def test_listed_as_open_after_the_dated_ones(self, client, careers_page, make_posting):
        make_posting(title="Until filled", open_until_filled=True, closing_date=None)
        make_posting(title="Later", closes_in_days=40)
        make_posting(title="Sooner", closes_in_days=5)
        make_posting(title="Closed", closes_in_days=-1)
        html = soup_of(client.get(careers_page.url))
        titles = [a.get_text(strip=True) for a in html.select(".careers-card__title a")]
        assert titles == ["Sooner", "Later", "Until filled"]
        card = html.select(".careers-card")[-1]
        assert "Open until filled" in card.select_one(".careers-card__deadline").get_text()
        closed = soup_of(client.get(careers_page.url + "?status=closed"))
        assert [a.get_text(strip=True) for a in closed.select(".careers-card__title a")] == [
            "Closed"
        ]

    def test_newest_first_and_keyword_search(self, client, careers_page, make_posting):
        make_posting(title="Organiser until filled", open_until_filled=True, closing_date=None)
        make_posting(title="Dated organiser", closes_in_days=5)
        html = soup_of(client.get(careers_page.url + "?q=organiser"))
        titles = {a.get_text(strip=True) for a in html.select(".careers-card__title a")}
        assert titles == {"Organiser until filled", "Dated organiser"}
        html = soup_of(client.get(careers_page.url + "?sort=newest"))
        assert len(html.select(".careers-card")) == 2

    def test_closed_by_hand_moves_to_recently_closed(self, client, careers_page, until_filled):
        until_filled.is_filled = True
        until_filled.save_revision().publish()
        assert not soup_of(client.get(careers_page.url)).select(".careers-card")
        closed = soup_of(client.get(careers_page.url + "?status=closed"))
        assert len(closed.select(".careers-card")) == 1

    def test_feeds(self, client, careers_page, until_filled):
        data = json.loads(client.get(careers_page.url + "feed/json/").content)
        (item,) = data["items"]
        facts = item["_careers"]
        assert facts["open_until_filled"] is True
        assert facts["closes_at"] is None and facts["closes_at_local"] is None
        assert facts["review_from"] == "2099-03-01"
        assert facts["calendar_url"] is None
        assert "Open until filled" in item["content_text"]
        rss = feedparser.parse(client.get(careers_page.url + "feed/rss/").content)
        assert "Open until filled" in rss.entries[0].description

    def test_open_positions_tag(self, rf, careers_page, until_filled, make_posting):
        from django.template import Context, Template

        make_posting(title="Dated", closes_in_days=5)
        request = rf.get("/")
        html = Template("{% load careers_tags %}{% careers_open_positions %}").render(
            Context({"request": request})
        )
        assert html.index("Dated") < html.index(until_filled.title)


@pytest.mark.django_db
@pytest.mark.urls("tests.listing.urls_api")
def test_api(client, until_filled, make_posting):
    make_posting(title="Dated", closes_in_days=5)
    response = client.get(
        "/api/v2/postings/", {"fields": "closes_at,open_until_filled,review_from,status"}
    )
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Dated", until_filled.title]
    assert items[1]["closes_at"] is None and items[1]["open_until_filled"] is True
    assert items[1]["review_from"] == "2099-03-01" and items[1]["status"] == "open"


@pytest.mark.django_db
def test_admin_listing(client, django_user_model, until_filled, make_posting):
    from django.urls import reverse

    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    make_posting(title="Closed one", closes_in_days=-5)
    url = reverse("careers_postings:index")
    text = " ".join(BeautifulSoup(client.get(url).content, "html.parser").get_text(" ").split())
    assert "Open until filled" in text
    text = BeautifulSoup(client.get(url + "?closing=open").content, "html.parser").get_text(" ")
    assert until_filled.title in text and "Closed one" not in text


@pytest.mark.django_db
def test_admin_listing_says_nothing_of_a_draft_without_a_deadline_yet(
    client, django_user_model, make_posting
):
    from django.urls import reverse

    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    draft = make_posting(title="Draft with no date yet", publish=False)
    JobPostingPage.objects.filter(pk=draft.pk).update(closing_date=None, closes_at=None)
    html = BeautifulSoup(client.get(reverse("careers_postings:index")).content, "html.parser")
    (row,) = [row for row in html.select("tbody tr") if draft.title in row.get_text()]
    text = " ".join(row.get_text(" ").split())
    assert "Open until filled" not in text and "Open" not in text.replace(draft.title, "")
    listed = client.get(reverse("careers_postings:index") + "?closing=open").content
    assert draft.title not in BeautifulSoup(listed, "html.parser").get_text(" ")
