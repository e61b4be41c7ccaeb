"""Browser journeys: Playwright for Python driving Debian's Chromium against a live test server.

Without Chromium, Playwright, Java or the npm tools (axe-core, vnu-jar) the tests are reported
as skipped with a message that says how to install what is missing. CI sets
``CAREERS_BROWSER_TESTS=required``, which turns those skips into failures, so that a CI run
never passes without having run them.

Screenshots of each journey's key screens go to ``screenshots/`` (git-ignored; set
``CAREERS_SCREENSHOTS`` to write them elsewhere).

The pages are served by one live server as one of two host sites (``host_site``): the example
site, with its own templates and stylesheet, or the second host site of ``tests.hostsite``, with
a dark theme, a container layout and a strict Content-Security-Policy. A page that breaks that
policy fails its test.
"""

import copy
import io
import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CAREERS_CHROMIUM", "/usr/bin/chromium")
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


#: How long an expectation or an action waits: a publish renders the whole editor again, which
#: takes seconds on a busy two-core machine running two suites side by side (15 s ran out once,
#: on PostgreSQL, with CI's two browser runs at the same time).
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)


HOST_SITES = {
    "example": {
        "templates": ROOT / "example_site" / "example_site" / "templates",
        "static": ROOT / "example_site" / "example_site" / "static",
        "settings": {},
    },
    "host": {
        "templates": ROOT / "tests" / "hostsite" / "templates",
        "static": ROOT / "tests" / "hostsite" / "static",
        "settings": {"TESTS_STRICT_CSP": True, "CAREERS_CONTAINER_CLASS": "container"},
    },
}
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def unavailable(reason):
    """Skip, or fail where CI asked for the browser tests to run whatever it takes."""
    if os.environ.get("CAREERS_BROWSER_TESTS") == "required":
        pytest.fail(f"browser tests are required here, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed: pip install -e '.[testing]'")
    if not Path(CHROMIUM).exists():
        unavailable(
            f"Chromium is not at {CHROMIUM}: apt-get install chromium (or set CAREERS_CHROMIUM)"
        )
    # Playwright's synchronous API keeps an event loop in this thread, which makes Django refuse
    # database calls from test code; the calls really are synchronous, so allow them meanwhile.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def one_request_at_a_time(make_handler):
    """Wrap the live server's handler so it serves one request at a time.

    With SQLite's in-memory test database the server's request threads share one connection
    (it is the only copy of the database). The editor sends requests side by side (autosave,
    the editing-session ping, a Publish), and two transactions interleaved on one connection
    fail with "no such savepoint" (seen in CI under load). A lock makes them take turns, as they
    would on one connection anyway."""
    lock = threading.Lock()

    def make(*args, **kwargs):
        handler = make_handler(*args, **kwargs)

        def serve(environ, start_response):
            with lock:
                return handler(environ, start_response)

        return serve

    return make


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving one request at a time where the test database is
    SQLite's in-memory one (see :func:`one_request_at_a_time`)."""
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    if server.thread.connections_override:
        server.thread.static_handler = one_request_at_a_time(server.thread.static_handler)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def host_site(request, settings):
    """Which site's templates, stylesheet and settings serve the pages: "example" unless a test
    is parametrised with ``indirect=["host_site"]``."""
    name = getattr(request, "param", "example")
    site = HOST_SITES[name]
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [str(site["templates"])]
    settings.TEMPLATES = templates
    settings.STATICFILES_DIRS = [str(site["static"])]
    for setting, value in site["settings"].items():
        setattr(settings, setting, value)
    return name


@pytest.fixture
def demo(live_server, host_site):
    """The example site's demo content (postings, translations, the home page block)."""
    call_command("load_demo_data", stdout=io.StringIO())
    return live_server


@pytest.fixture
def new_page(browser, demo):
    """``new_page(screen="desktop", color_scheme="light")``: a page in a browser context of its
    own, closed at the end of the test, which fails if the page had JavaScript errors or broke
    the Content-Security-Policy."""
    contexts = []

    def open_page(screen="desktop", color_scheme="light"):
        context = browser.new_context(
            base_url=demo.url, locale="en-GB", color_scheme=color_scheme, **SCREENS[screen]
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.js_errors = []

        def policy_broken(message):
            if "Content Security Policy" in message.text:
                page.js_errors.append(message.text)

        page.on("pageerror", lambda error: page.js_errors.append(str(error)))
        page.on("console", policy_broken)
        contexts.append((context, page))
        return page

    yield open_page
    for context, page in contexts:
        context.close()
        assert page.js_errors == [], "JavaScript errors on the page"


@pytest.fixture
def page(new_page):
    return new_page("desktop")


@pytest.fixture
def phone(new_page):
    return new_page("phone")


@pytest.fixture
def shot(request):
    """``shot(page, "name")`` saves a full-page screenshot for a reviewer."""
    folder = Path(os.environ.get("CAREERS_SCREENSHOTS", ROOT / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    prefix = request.node.name.replace("[", "-").replace("]", "").replace("/", "-")

    def take(page, name):
        page.screenshot(path=folder / f"{prefix}--{name}.png", full_page=True)

    return take


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        unavailable("axe-core is not installed: run `npm ci` in the project folder")
    return AXE_JS.read_text()


@pytest.fixture
def axe(axe_source):
    """``axe(page)`` returns the WCAG 2.2 A and AA violations on the page as it is now."""

    def run(page, context=None):
        # Evaluated rather than added as a <script>, which a strict Content-Security-Policy
        # refuses.
        page.evaluate(axe_source)
        result = page.evaluate(
            """async (context) => await axe.run(context || document, {
                runOnly: {type: "tag", values: [
                    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"
                ]},
                resultTypes: ["violations"],
            })""",
            context,
        )
        return [
            {
                "id": violation["id"],
                "help": violation["help"],
                "nodes": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
        ]

    return run


@pytest.fixture(scope="session")
def vnu():
    """``vnu(paths)`` returns the Nu HTML Checker's errors for the given HTML files."""
    java = shutil.which("java")
    if java is None:
        unavailable("Java is needed for the Nu HTML Checker: apt-get install default-jre-headless")
    if not VNU_JAR.exists():
        unavailable("vnu-jar is not installed: run `npm ci` in the project folder")

    def check(paths):
        import json
        import subprocess

        result = subprocess.run(  # noqa: S603 - fixed arguments, files we wrote
            [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
        return [
            f"{Path(message.get('url', '')).name}:{message.get('lastLine', '?')}: "
            f"{message['message']}"
            for message in messages
            if message.get("type") == "error"
        ]

    return check


# A plain website on another origin, with the embed of the demo's listing.
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
    from careers.models import CareersIndexPage

    page = CareersIndexPage.objects.get(url_path__endswith="/careers/", locale__language_code="en")
    page.embed_allowed_origins = origin
    page.embed_filters = True
    page.save_revision().publish()
    yield origin
    server.shutdown()
    server.server_close()
