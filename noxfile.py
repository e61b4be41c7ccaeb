"""The version matrix: Wagtail 7.0 LTS on the oldest Python, the newest Wagtail on the others.

    nox                                      # all three
    nox -s "tests(python='3.11', wagtail='7.0')"

Python versions come from pyenv (``pyenv install 3.13`` if one is missing).

``make test`` already runs everything on Python 3.11 with the newest Wagtail, on SQLite and on
PostgreSQL, in both configurations (with translations, and the site without them). So the
Wagtail 7.0 cell runs the whole suite again, browser journeys included (its admin and search
differ), and the newer Pythons, with the same Wagtail as ``make test``, run it without the
browser journeys. Neither repeats the configuration without translations, whose differences do
not depend on the Wagtail or Python version. CI runs the two ends, 3.11 with 7.0 and 3.13 with
8 (``.ci/run``).
"""

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True

WAGTAIL = {"7.0": "wagtail>=7.0,<7.1", "8": "wagtail>=8.0,<9.0"}
BROWSER = {"7.0": True, "8": False}


@nox.session
@nox.parametrize(["python", "wagtail"], [("3.11", "7.0"), ("3.12", "8"), ("3.13", "8")])
def tests(session, wagtail):
    session.install("-e", ".[testing]", WAGTAIL[wagtail])
    session.run("python", "-c", "import wagtail; print('Wagtail', wagtail.__version__)")
    markers = [] if BROWSER[wagtail] else ["-m", "not browser"]
    session.run("pytest", "-p", "no:cacheprovider", *markers, *session.posargs)
