"""A visitor finds a position, reads it in Spanish, keeps the deadline and sees a closed one."""

import re
from pathlib import Path

import pytest
from django.utils import translation
from icalendar import Calendar
from playwright.sync_api import expect

from careers.models import JobPostingPage
from careers.templatetags.careers_tags import careers_local_datetime

pytestmark = [
    pytest.mark.browser,
    pytest.mark.i18n,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ORGANISER = "Regional organiser, Latin America and the Caribbean"


def deadline(slug, language):
    """A posting's deadline as its page shows it (the demo's dates follow the day it is loaded)."""
    posting = JobPostingPage.objects.filter(slug=slug, locale__language_code="en").get()
    with translation.override(language):
        return careers_local_datetime(posting.closes_at_local)


def test_from_the_home_page_to_a_posting_in_spanish(page, shot):
    closing = deadline("regional-organiser-latin-america", "es")  # before the server is busy
    page.goto("/")
    block = page.locator(".careers-open-positions")
    expect(block).to_contain_text(ORGANISER)
    shot(page, "1-home")

    page.get_by_role("link", name=re.compile("all open positions", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/careers/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Careers")
    shot(page, "2-listing")

    form = page.get_by_role("search", name="Filter positions")
    form.get_by_label("Workplace").select_option("home_based")
    form.get_by_label("Language").select_option("es")
    form.get_by_role("button", name="Show positions").click()
    # Empty fields are left out of the address, so the filtered view is short to share.
    expect(page).to_have_url(re.compile(r"/careers/\?workplace=home_based&language=es$"))
    # Three home-based postings ask for Spanish; the on-site internship in Bogotá does too but
    # is not home-based, and the closed one is not listed.
    results = page.locator(".careers-results article")
    expect(results).to_have_count(3)
    for card in results.all():
        expect(card).to_contain_text("Home-based")
    expect(page.get_by_role("main")).not_to_contain_text("Research assistant")
    shot(page, "3-filtered")

    results.get_by_role("link", name=ORGANISER).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISER)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shot(page, "4-posting")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add the deadline to my calendar").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert ORGANISER in str(event["SUMMARY"])

    switcher = page.get_by_role("navigation", name="This page in other languages")
    switcher.get_by_role("link", name="español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page).to_have_url(re.compile(r"^[^?]*/es/"))
    expect(page.get_by_text("Fecha de cierre")).to_be_visible()
    expect(page.locator("time", has_text=closing)).to_be_visible()
    shot(page, "5-posting-es")


def test_a_closed_posting_says_so_and_offers_no_way_to_apply(page, shot):
    closing = deadline("research-assistant-internship", "en")  # before the server is busy
    assert "(UTC−05:00)" in closing
    page.goto("/careers/?status=closed")
    expect(page.get_by_role("main")).to_contain_text("1 recently closed position")
    page.get_by_role("link", name="Research assistant (internship)").click()
    expect(page).to_have_url(re.compile(r"/careers/research-assistant-internship/$"))
    notice = page.get_by_role("status")
    expect(notice).to_contain_text("Applications for this position are closed.")
    expect(notice).to_contain_text(f"The closing date was {closing}")
    expect(page.get_by_role("link", name="Add the deadline to my calendar")).to_have_count(0)
    expect(page.locator("a[href^='mailto:'], a[href*='/apply/']")).to_have_count(0)
    robots = page.locator("meta[name=robots]")
    expect(robots).to_have_attribute("content", re.compile("noindex"))
    shot(page, "closed")


def test_the_listing_on_a_phone(phone, shot):
    phone.goto("/careers/")
    expect(phone.locator(".careers-results article").first).to_be_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the page scrolls sideways on a phone"
    form = phone.get_by_role("search", name="Filter positions")
    form.get_by_label("Type of employment").select_option("consultancy")
    form.get_by_role("button", name="Show positions").tap()
    expect(phone).to_have_url(re.compile(r"type=consultancy"))
    expect(phone.locator(".careers-results article")).to_have_count(3)
    for card in phone.locator(".careers-results article").all():
        expect(card).to_contain_text("Consultancy or contract")
    shot(phone, "phone-listing")


def test_filters_and_pagination_work_with_the_keyboard_alone(page, shot):
    from careers.models import CareersIndexPage

    CareersIndexPage.objects.filter(locale__language_code="en").update(page_size=1)
    page.goto("/careers/")

    # Tab from the top of the page to the first filter; every stop shows where focus is.
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.name || ''")
        assert_focus_visible(page)
        if focused == "q":
            break
    else:
        pytest.fail("the keyword field cannot be reached with the Tab key")
    page.keyboard.type("organiser")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=organiser"))
    expect(page.locator(".careers-results article")).to_have_count(1)

    page.goto("/careers/")
    pagination = page.get_by_role("navigation", name="Pages of results")
    expect(pagination.locator("[aria-current=page]")).to_have_text(re.compile("1"))
    next_link = pagination.get_by_role("link", name=re.compile("Next"))
    next_link.focus()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.get_by_role("navigation", name="Pages of results").locator("[aria-current=page]"))
    shot(page, "keyboard-page-2")


def assert_focus_visible(page):
    """The focused element has a visible focus indicator (an outline or a box shadow)."""
    style = page.evaluate(
        """() => {
            const element = document.activeElement;
            if (!element || element === document.body) return null;
            const s = getComputedStyle(element);
            return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                    shadow: s.boxShadow, tag: element.tagName};
        }"""
    )
    if style is None:
        return
    visible = (style["outline"] != "none" and style["width"] > 0) or style["shadow"] != "none"
    assert visible, f"focus is not visible on a {style['tag']}"
