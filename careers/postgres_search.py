"""Keyword search on PostgreSQL's database search backend, shaped so its indexes serve it.

Wagtail's PostgreSQL backend matches a query against ``title || body`` of each candidate's
search index entry: the two search vectors are joined for every candidate, no index serves that
expression, and the planner cannot tell how many postings will match (it assumes very few). So
a search read every candidate posting's vectors, however common or rare its words.

For the common case, a query of plain words (:func:`careers.keywords.keyword_query` without a
phrase), :func:`matching` writes the same match as conditions on the two columns, which have GIN
indexes and statistics: a word is in ``title || body`` when it is in the title or in the body.
PostgreSQL then finds a rare word's postings through the indexes, and for a common word walks the
listing index rows in closing order and stops at the limit. The conditions are the backend's match,
not an approximation of it:

- the backend turns each word into a lexeme with ``to_tsquery`` in its text search configuration
  and joins them with AND or OR (stop words dropped); here each word's lexeme is
  ``plainto_tsquery`` of the word in the same configuration, which is the same lexeme for a word
  the parser reads as one token (letters only, or digits only); any other word (with a hyphen,
  an apostrophe, a dot), and any phrase, leaves the search to the backend;
- a stop word has no lexeme: it is left out of an AND (an entry need not hold it) and matches
  nothing in an OR, as the backend's query drops it; a query of stop words only matches nothing.

The lexemes are worked out by PostgreSQL when it plans the query (the functions are immutable
once the configuration is named), so the conditions reach the indexes as constants.
"""

import re

from django.db import connections
from django.db.models import CharField, Exists, Func, IntegerField, OuterRef, Q, Value
from django.db.models.functions import Cast
from django.db.models.lookups import GreaterThan
from wagtail.search.query import And, Or, PlainText

#: A word PostgreSQL's default text search parser reads as one token.
ONE_TOKEN = re.compile(r"[^\W\d_]+|\d+")

_default_configs = {}


def is_postgres_database_backend(backend):
    """Wagtail's (modelsearch's) PostgreSQL database backend, not a subclass of it."""
    backend_class = type(backend)
    return backend_class.__name__ == "PostgresSearchBackend" and (
        ".backends.database.postgres." in backend_class.__module__
    )


def _config(backend, using):
    """The text search configuration the backend searches with: its ``SEARCH_CONFIG``, else the
    database's default (looked up once per process)."""
    if backend.config:
        return backend.config
    if using not in _default_configs:
        with connections[using].cursor() as cursor:
            cursor.execute("SHOW default_text_search_config")
            _default_configs[using] = cursor.fetchone()[0]
    return _default_configs[using]


def _words(query):
    """``(words, all_needed)`` for a query of plain words joined one way, else None."""
    parts = query.subqueries if isinstance(query, (And, Or)) else [query]
    if not all(isinstance(part, PlainText) for part in parts):
        return None  # a phrase: positions, which only the backend's match checks
    operators = {part.operator for part in parts}
    if isinstance(query, And):
        operators.add("and")
    elif isinstance(query, Or):
        operators.add("or")
    if len(operators) != 1 or (operators - {"and", "or"}):
        return None
    # Split as every version of the backend splits (at spaces; Wagtail 7.0's does not split at
    # hyphens, modelsearch's does), so a word with a hyphen is left to the backend.
    words = [word for part in parts for word in part.query_string.split()]
    if not words or not all(ONE_TOKEN.fullmatch(word) for word in words):
        return None
    return words, operators == {"and"}


def serves(backend, query):
    """Whether :func:`matching` searches ``query`` on ``backend`` (rather than the backend)."""
    return is_postgres_database_backend(backend) and _words(query) is not None


def matching(backend, query, entries, models):
    """``entries`` (listing index rows of postings of ``models``) whose postings match ``query`` (a
    :func:`careers.keywords.keyword_query`) as ``backend`` would match them, written on the
    search index's columns; None when ``backend`` is not PostgreSQL's database backend or the
    query is not plain words.

    One statement for every posting table: each row's page has its search index entry under its
    posting type (``object_id`` is the page's id as text, as the backend joins it)."""
    if not serves(backend, query):
        return None
    found = _words(query)
    from django.contrib.postgres.search import SearchQuery
    from wagtail.search.utils import get_descendants_content_types_pks

    words, all_needed = found
    config = _config(backend, entries.db)
    lexemes = [SearchQuery(Value(word), config=config) for word in words]

    def has_lexeme(lexeme):
        return GreaterThan(Func(lexeme, function="numnode", output_field=IntegerField()), 0)

    def holds(lexeme):
        return Q(title=lexeme) | Q(body=lexeme)

    if all_needed:
        condition = Q(has_lexeme(lexemes[0]))
        for lexeme in lexemes[1:]:
            condition |= Q(has_lexeme(lexeme))  # not stop words only
        for lexeme in lexemes:
            condition &= ~Q(has_lexeme(lexeme)) | holds(lexeme)
    else:
        condition = holds(lexemes[0])
        for lexeme in lexemes[1:]:
            condition |= holds(lexeme)
    content_types = sorted(
        {pk for model in models for pk in get_descendants_content_types_pks(model)}
    )
    index_entry = models[0]._meta.get_field("index_entries").related_model
    search_entries = index_entry._default_manager.filter(
        condition,
        content_type_id__in=content_types,
        object_id=Cast(OuterRef("page_id"), CharField(max_length=50)),
    )
    return entries.filter(Exists(search_entries))
