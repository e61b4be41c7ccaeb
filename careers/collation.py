"""Sorting names as a reader expects in any language, without ICU: “Árabe” between “Alemán”
and “Inglés”, not after “Portugués”."""

import unicodedata


def collation_key(text):
    """Letters without their accents and case first, then accents, then case, so equal names
    under the first key still sort the same way every time."""
    text = str(text)
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return base.casefold(), decomposed.casefold(), text
