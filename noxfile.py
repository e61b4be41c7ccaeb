"""The version matrix: Wagtail 7.0 LTS on the oldest Python, the newest Wagtail on the others.

    nox                                      # all three
    nox -s "tests(python='3.11', wagtail='7.0')"

Python versions come from pyenv (``pyenv install 3.13`` if one is missing).

``make test`` already runs everything on Python 3.11 with the newest Wagtail, on SQLite and on
PostgreSQL. So the Wagtail 7.0 cell runs everything again (its admin and search differ), and
the newer Pythons, with the same Wagtail as ``make test``, run the suite without the browser
journeys and without the configuration that has no translations.
"""

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True

WAGTAIL = {"7.0": "wagtail>=7.0,<7.1", "8": "wagtail>=8.0,<9.0"}
EVERYTHING = {"7.0": True, "8": False}


@nox.session
@nox.parametrize(["python", "wagtail"], [("3.11", "7.0"), ("3.12", "8"), ("3.13", "8")])
def tests(session, wagtail):
    session.install("-e", ".[testing]", WAGTAIL[wagtail])
    session.run("python", "-c", "import wagtail; print('Wagtail', wagtail.__version__)")
    if not EVERYTHING[wagtail]:
        session.run("pytest", "-p", "no:cacheprovider", "-m", "not browser", *session.posargs)
        return
    session.run("pytest", "-p", "no:cacheprovider", *session.posargs)
    session.run(
        "pytest", "--ds=tests.settings_no_i18n", "-m", "not i18n", "-p", "no:cacheprovider",
        *session.posargs,
    )  # fmt: skip
