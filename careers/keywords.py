"""What a visitor typed in a keyword box, as a query every Wagtail search backend accepts.

The backends read a plain string with their own syntax: SQLite's FTS5 fails on a lone ``"``
("unterminated string"), and ``*``, ``(``, ``:``, ``^``, ``NEAR`` or ``AND`` mean something to
one backend or another. Text in double quotes (straight or typographic, closed or not) becomes
a phrase, the rest plain words; punctuation around a word is dropped, as every full-text
backend's tokeniser would (so the plain database search finds "organiser," too); nothing else
has a meaning. Wagtail's ``parse_query_string`` is not used: it takes ``word:value`` as a filter
and drops it from the search.
"""

import re

from wagtail.search.query import Phrase, PlainText
from wagtail.search.utils import AND, OR

QUOTES = str.maketrans(dict.fromkeys("“”„‟«»", '"'))
AROUND_WORD = re.compile(r"^[\W_]+|[\W_]+$")


def _words(text):
    words = (AROUND_WORD.sub("", word) for word in text.split())
    return [word for word in words if word]


def keyword_query(text, operator="and"):
    """A search query for ``text``, or None when it holds no word to search for."""
    parts = []
    for index, part in enumerate(text.translate(QUOTES).split('"')):
        words = _words(part)
        if not words:
            continue
        if index % 2:
            parts.append(Phrase(" ".join(words)))
        else:
            parts.append(PlainText(" ".join(words), operator=operator))
    if not parts:
        return None
    return OR(parts) if operator == "or" else AND(parts)
