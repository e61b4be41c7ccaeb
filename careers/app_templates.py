"""Whether the templates a site's template engine finds are this app's own.

The app writes some HTML without rendering its template: a card from the listing index
(``{% careers_card %}``), and a posting's body stored when it is indexed
(:mod:`careers.page_parts`). It does so only while the templates they stand for are the ones
it ships: a site that overrides one of them (a template of the same name in its own
directories or an app before ``careers``) gets its own, rendered as usual.
"""

import os

from django.template import TemplateDoesNotExist

#: This app's own templates.
APP_TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")


def stock_templates(engine, names):
    """Whether the Django template ``engine`` (a ``django.template.Engine``, or None: not a
    Django engine) finds each of ``names`` among this app's own templates, and shows nothing
    of its own for a missing variable (``string_if_invalid``)."""
    if engine is None or engine.string_if_invalid:
        return False
    for name in names:
        try:
            found = engine.get_template(name).origin.name
        except TemplateDoesNotExist:  # another engine renders it
            return False
        if _comparable(found) != _comparable(os.path.join(APP_TEMPLATES, name)):
            return False
    return True


def _comparable(path):
    return os.path.normcase(os.path.normpath(path))
