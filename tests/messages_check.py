"""Catalog freshness check: every translatable string in the source is in the shipped catalogs.

``tests/test_catalogs.py`` checks that the catalogs are complete; this checks that they are not
stale, i.e. that nobody added a string to the code without running ``make messages``. It
extracts the strings from a copy of the package with Django's ``makemessages`` (GNU gettext
needed) and compares them with ``careers/locale``. Run with ``make check-messages``.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

import django
import polib
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("es", "fr", "pt")


def keys(po):
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def main():
    if not shutil.which("xgettext"):
        print("FAIL: GNU gettext (xgettext) is needed: apt-get install gettext")
        return 1
    sys.path[:0] = [str(ROOT), str(ROOT / "example_site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "careers"
        shutil.copytree(ROOT / "careers", copy, ignore=shutil.ignore_patterns("__pycache__"))
        os.chdir(copy)
        call_command("makemessages", locale=list(LANGUAGES), no_obsolete=True, verbosity=0)
        for code in LANGUAGES:
            relative = Path("locale") / code / "LC_MESSAGES" / "django.po"
            fresh = keys(polib.pofile(str(copy / relative)))
            shipped = keys(polib.pofile(str(ROOT / "careers" / relative)))
            for _context, msgid in sorted(fresh - shipped, key=str):
                problems.append(f"{code}: not in the catalog: {msgid!r}")
            for _context, msgid in sorted(shipped - fresh, key=str):
                problems.append(f"{code}: no longer in the code: {msgid!r}")
    for problem in problems:
        print(problem)
    if problems:
        print("FAIL: the catalogs are stale; run `make messages` and translate the new entries.")
        return 1
    print("ok: the es, fr and pt catalogs match the strings in the code.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
