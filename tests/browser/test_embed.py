"""The embed on another website with a strict Content-Security-Policy: embed.js makes the frame,
the frame sizes itself, nothing breaks either policy, and the frame meets WCAG 2.2 A and AA."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.i18n,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Recorded in every frame before its own scripts run (Playwright's init scripts are not subject
# to the page's policy, which refuses inline scripts).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_embed_on_a_strict_host_page(new_page, other_website, axe, shot, scheme):
    page = new_page("desktop", color_scheme=scheme)
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(other_website + "/")
    frame_element = page.locator("iframe")
    expect(frame_element).to_have_attribute("title", "Open positions at our allies")
    frame = page.frame_locator("iframe")
    expect(frame.locator(".careers-embed__item").first).to_be_visible()

    # The frame grows to its content: the height the frame posted, not the fallback 600 px.
    page.wait_for_function(
        "() => document.querySelector('iframe').style.height !== ''", timeout=15_000
    )
    (embed,) = [f for f in page.frames if urlsplit(f.url).path.endswith("/embed/")]
    content_height = embed.evaluate("document.documentElement.getBoundingClientRect().height")
    frame_height = frame_element.evaluate("element => element.getBoundingClientRect().height")
    assert abs(frame_height - content_height) <= 2
    assert frame_height != 600
    # Nothing scrolls inside the frame.
    assert embed.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
    shot(page, f"host-page-{scheme}")

    # A link opens the posting in the top window.
    links = frame.locator("a.careers-embed__title")
    assert links.first.get_attribute("target") == "_top"

    assert page.evaluate("window.__violations") == []
    assert embed.evaluate("window.__violations") == []
    assert axe(embed) == []

    # Filtering inside the frame keeps the frame sized and the policies intact.
    # Wait for the frame's new document: reading the old one while it is replaced fails.
    with embed.expect_navigation():
        frame.locator("button[type=submit]").click()
    expect(frame.locator(".careers-embed__more")).to_be_visible()
    (embed,) = [f for f in page.frames if urlsplit(f.url).path.endswith("/embed/")]
    assert "filters=1" in embed.url
    assert embed.evaluate("window.__violations") == []
    assert page.evaluate("window.__violations") == []
