"""Wheel smoke test: build, install into a clean virtualenv, migrate and render a posting.

In-tree tests never notice package data left out of the wheel; this does. Run with
``make wheel-check``. Exits non-zero on the first failure.
"""

import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "careers"
CATALOG_LANGUAGES = ("es", "fr", "pt")


def say(status, message):
    print(f"{status}: {message}", flush=True)


def fail(message):
    say("FAIL", message)
    sys.exit(1)


def run(*args, cwd=None):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        print(result.stdout[-4000:], result.stderr[-4000:], sep="\n")
        fail(f"{' '.join(str(a) for a in args[:3])} … exited {result.returncode}")
    return result.stdout


def expected_package_data():
    """Every template, static file and catalog in the source tree, as paths in the wheel."""
    files = []
    for folder in ("templates", "static", "locale"):
        for path in sorted((PACKAGE / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files.append(path.relative_to(ROOT).as_posix())
    for code in CATALOG_LANGUAGES:
        for suffix in ("po", "mo"):
            name = f"careers/locale/{code}/LC_MESSAGES/django.{suffix}"
            if name not in files:
                fail(f"the source tree has no {name}")
    return files


def check_archives(dist):
    expected = expected_package_data()
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    wheel_names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in expected if name not in wheel_names]
    if missing:
        fail(f"the wheel lacks {len(missing)} files, such as {missing[:5]}")
    say("PASS", f"the wheel has all {len(expected)} templates, static files and catalogs")
    with tarfile.open(sdist) as archive:
        prefix = archive.getnames()[0].split("/")[0]
        sdist_names = {name.removeprefix(prefix + "/") for name in archive.getnames()}
    missing = [
        n for n in [*expected, "LICENSE", "README.md", "CHANGELOG.md"] if n not in sdist_names
    ]
    if missing:
        fail(f"the sdist lacks {missing[:5]}")
    say("PASS", "the sdist has the package data, LICENSE, README.md and CHANGELOG.md")
    return wheel


SETTINGS = """
SECRET_KEY = "wheel-smoke-test"
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    "careers", "django_countries",
    "wagtail.sites", "wagtail.users", "wagtail.snippets", "wagtail.documents",
    "wagtail.images", "wagtail.search", "wagtail.admin", "wagtail",
    "modelcluster", "taggit",
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": ["templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}
USE_TZ = True
LANGUAGE_CODE = "es"
STATIC_URL = "/static/"
WAGTAIL_SITE_NAME = "Smoke"
WAGTAILADMIN_BASE_URL = "http://localhost"
"""

URLS = """
from django.urls import include, path
from wagtail import urls as wagtail_urls
urlpatterns = [path("", include(wagtail_urls))]
"""

BASE = """<!DOCTYPE html><html><head><title>{% block title %}{% endblock %}</title></head>
<body>{% block content %}{% endblock %}</body></html>"""

RENDER = """
import datetime
import django
django.setup()
from django.test import Client
from wagtail.models import Page, Site
from careers.models import CareersIndexPage, JobPostingPage

home = Site.objects.get(is_default_site=True).root_page
index = CareersIndexPage(title="Empleos", slug="empleos")
home.add_child(instance=index)
posting = JobPostingPage(
    title="Coordinadora", slug="coordinadora", closing_date=datetime.date(2099, 1, 31),
    application_email="empleo@example.org",
)
index.add_child(instance=posting)
client = Client()
listing = client.get(index.url)
page = client.get(posting.url)
assert listing.status_code == 200, listing.status_code
assert page.status_code == 200, page.status_code
assert "Coordinadora" in listing.content.decode()
# The Spanish catalog shipped and is used: "How to apply" is translated.
assert "How to apply" not in page.content.decode(), "the Spanish catalog was not used"
css = client.get("/static/careers/careers.css")
print("rendered", len(listing.content), len(page.content))
"""


def check_install(wheel, work):
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", str(wheel))
    say("PASS", f"installed {wheel.name} into a clean virtualenv")
    project = work / "project"
    (project / "templates").mkdir(parents=True)
    (project / "settings.py").write_text(SETTINGS)
    (project / "urls.py").write_text(URLS)
    (project / "templates" / "base.html").write_text(BASE)
    env = ["env", "DJANGO_SETTINGS_MODULE=settings", f"PYTHONPATH={project}"]
    run(*env, python, "-m", "django", "check", cwd=project)
    say("PASS", "manage.py check")
    run(*env, python, "-m", "django", "migrate", "--noinput", cwd=project)
    say("PASS", "manage.py migrate")
    (project / "render.py").write_text(textwrap.dedent(RENDER))
    run(*env, python, str(project / "render.py"), cwd=project)
    say("PASS", "a careers listing and a posting render in Spanish from the installed wheel")


def main():
    with tempfile.TemporaryDirectory(prefix="careers-wheel-") as tmp:
        work = Path(tmp)
        dist = work / "dist"
        # Build from a clean copy: a stale *.egg-info in the checkout would hide missing data.
        source = work / "source"
        shutil.copytree(
            ROOT,
            source,
            ignore=shutil.ignore_patterns(
                ".git", ".venv", ".nox", "*.egg-info", "build", "dist", "__pycache__",
                "db.sqlite3", "media", "node_modules", ".ruff_cache", ".pytest_cache",
            ),
        )  # fmt: skip
        run(sys.executable, "-m", "build", "--outdir", str(dist), str(source))
        say("PASS", "built the sdist and the wheel")
        wheel = check_archives(dist)
        check_install(wheel, work)
    say("PASS", "wheel smoke test")


if __name__ == "__main__":
    main()
