"""The example site's production settings pass ``check --deploy`` with nothing left to explain."""

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE_SITE = Path(__file__).resolve().parents[2] / "example_site"

# Deploy warnings the production settings accept on purpose, each with its reason. Empty: the
# settings answer every one (HSTS, SSL redirect, secure cookies, X-Frame-Options DENY, which
# Wagtail's preview views override for themselves with SAMEORIGIN).
EXPLAINED = {}


def check_deploy(**env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process (async.E001 in a deploy
    # check); the settings under test are the production ones, not this test run's environment.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "example_site.settings.production",
        "DJANGO_SECRET_KEY": "a-long-random-secret-for-this-test-only-0123456789abcdefghijkl",
        "DJANGO_ALLOWED_HOSTS": "careers.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/1",
        **env,
    }
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=EXAMPLE_SITE,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    result = check_deploy()
    silenced = [f"--silence {name}" for name in EXPLAINED]
    assert result.returncode == 0, result.stderr + result.stdout + " ".join(silenced)
    assert "no issues" in result.stdout


def test_a_weak_secret_key_is_reported():
    """The check is live: production settings with a short key fail it."""
    result = check_deploy(DJANGO_SECRET_KEY="short")
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout


def test_a_per_process_cache_is_mentioned():
    """Without REDIS_URL the production settings keep Django's local-memory cache: the app then
    caches nothing between requests, and ``check --deploy`` says so (an info, not a warning)."""
    result = check_deploy(REDIS_URL="")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "careers.I001" in result.stderr + result.stdout
