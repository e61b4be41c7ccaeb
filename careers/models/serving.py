"""A posting read to be served, in one statement written out.

``PostingQuerySet.for_serving()`` says what a posting page reads with it: its locale, its
equal-opportunity statement (its own, or its language's default) and its stored page parts
(:mod:`careers.page_parts`). Django took longer to build that statement, with its posting's
seventy columns and three subqueries (about 1.2 ms), than the database took to answer it, on
every request for a posting; as :func:`careers.languages.read_versions` is, it is written out
here once per posting table and database, and run with the parent's path and the slug.
Only table and column names, quoted and taken from the models, are put into its text.
"""

import functools
import json

from django.db import connections, router
from wagtail.models import Locale, Page

from ..instances import partial_instance

#: What the statement's extra columns are set as on the posting.
LANGUAGE_CODE = "careers_language_code"
STATEMENT_ID = "careers_statement_id"
STATEMENT_TEXT = "careers_statement_text"
PAGE_PARTS = "careers_page_parts"


def writable(table):
    """Whether :func:`child` can read postings of ``table``: a table whose parent is
    Wagtail's ``Page`` alone."""
    return list(table._meta.parents) == [Page]


def child(table, parent, slug):
    """The child of ``parent`` called ``slug`` in posting table ``table``, as
    ``PostingQuerySet.for_serving()`` gives it (its locale, ``careers_statement`` and
    ``careers_page_parts``), or None. The caller checks :func:`writable` first."""
    alias = router.db_for_read(table)
    params = [
        False,  # the own row of the posting's index rows
        "",  # of this site
        True,  # the default statement, for its id
        True,  # and for its text
        parent.path + "%",  # tree paths are digits and letters: no LIKE wildcard in them
        parent.depth + 1,
        slug,
    ]
    found = list(table._default_manager.raw(_sql(table, alias), params).using(alias))
    if not found:
        return None
    posting = found[0]
    values = posting.__dict__
    posting.locale = partial_instance(
        Locale, {"id": posting.locale_id, "language_code": values.pop(LANGUAGE_CODE)}, alias
    )
    statement_id, text = values.pop(STATEMENT_ID), values.pop(STATEMENT_TEXT)
    values["careers_statement"] = {"id": statement_id, "text": text} if statement_id else None
    parts = values.pop(PAGE_PARTS)
    values[PAGE_PARTS] = json.loads(parts) if isinstance(parts, str | bytes) else parts
    return posting


@functools.cache
def _sql(table, alias):
    from .listing_index import ListingEntry  # cycle: the models' package imports this module
    from .snippets import EqualOpportunityStatement

    connection = connections[alias]
    quote = connection.ops.quote_name
    page, posting = quote(Page._meta.db_table), quote(table._meta.db_table)
    locale = quote(Locale._meta.db_table)
    entries, statements = (
        quote(model._meta.db_table) for model in (ListingEntry, EqualOpportunityStatement)
    )
    columns = ", ".join(
        f"{'p' if field.model is Page else 'j'}.{quote(field.column)}"
        for field in table._meta.concrete_fields
    )
    own = f"j.{quote(table._meta.get_field('equal_opportunity_statement').column)}"
    default = (
        f"(SELECT d.id FROM {statements} d WHERE d.is_default = %s "  # noqa: S608  # nosec B608
        "AND d.locale_id = p.locale_id ORDER BY d.id LIMIT 1)"
    )
    statement = f"COALESCE({own}, {default})"
    # The text of the statement that the id above names, found again by the same rule.
    text = f"(SELECT s.text FROM {statements} s WHERE s.id = {statement})"  # noqa: S608  # nosec B608
    ptr = quote(table._meta.pk.column)
    return (
        f"SELECT {columns}, l.language_code AS {LANGUAGE_CODE}, "  # noqa: S608  # nosec B608
        f"(SELECT e.page_parts FROM {entries} e WHERE e.page_id = p.id AND e.is_fallback = %s "
        f"AND e.origin = %s LIMIT 1) AS {PAGE_PARTS}, "
        f"{statement} AS {STATEMENT_ID}, {text} AS {STATEMENT_TEXT} "
        f"FROM {page} p JOIN {posting} j ON j.{ptr} = p.id JOIN {locale} l ON l.id = p.locale_id "
        "WHERE p.path LIKE %s AND p.depth = %s AND p.slug = %s"
    )
