"""The embed on another website with a strict Content-Security-Policy: embed.js makes the frame,
the frame sizes itself, nothing breaks either policy, and the frame meets WCAG 2.2 A and AA."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from careers.models import CareersIndexPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.i18n,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HOST_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>An allied union</title></head>
<body>
<main>
<h1>Work with our allies</h1>
<div data-careers-embed="{listing}" data-title="Open positions at our allies" data-filters></div>
<p id="after">After the positions.</p>
</main>
<script src="{careers}/static/careers/embed.js" defer></script>
</body>
</html>
"""

# Recorded in every frame before its own scripts run (Playwright's init scripts are not subject
# to the page's policy, which refuses inline scripts).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def other_website(demo):
    """A second origin (127.0.0.1 rather than the live server's localhost) serving one host
    page, with a strict policy that lets in only the careers site's script and frame."""
    careers = demo.url
    listing = careers + "/careers/"
    policy = f"default-src 'none'; script-src {careers}; frame-src {careers}"
    body = HOST_PAGE.format(listing=listing, careers=careers).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", policy)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    page = CareersIndexPage.objects.get(url_path__endswith="/careers/", locale__language_code="en")
    page.embed_allowed_origins = origin
    page.embed_filters = True
    page.save_revision().publish()
    yield origin
    server.shutdown()
    server.server_close()


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
    frame.locator("button[type=submit]").click()
    expect(frame.locator(".careers-embed__more")).to_be_visible()
    (embed,) = [f for f in page.frames if urlsplit(f.url).path.endswith("/embed/")]
    assert "filters=1" in embed.url
    assert embed.evaluate("window.__violations") == []
    assert page.evaluate("window.__violations") == []
