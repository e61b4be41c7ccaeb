"""Reducing HTML to a safe set of tags, for JSON-LD descriptions and feeds, or to plain text."""

import re
from html import escape, unescape
from html.parser import HTMLParser

from django.utils.text import Truncator


class _Limiter(HTMLParser):
    VOID = {"br"}
    DROP_CONTENT = {"script", "style", "template"}

    def __init__(self, allowed):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.out = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.DROP_CONTENT:
            self.dropping += 1
        elif not self.dropping and tag in self.allowed:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag in self.DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
        elif not self.dropping and tag in self.allowed and tag not in self.VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(escape(data, quote=False))


def limit_tags(html, allowed):
    """Keep only ``allowed`` tags, without attributes; text is re-escaped."""
    parser = _Limiter(set(allowed))
    parser.feed(html or "")
    parser.close()
    return re.sub(r"\s+", " ", "".join(parser.out)).replace("> <", "><").strip()


_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|div|blockquote|dd|dt)\s*>|<br\s*/?>)", re.IGNORECASE)


def plain_text(html, words=40):
    """The text of ``html``, unescaped, its blocks parted by spaces, cut to ``words`` words:
    a ``<meta name="description">`` (the template escapes it again)."""
    text = unescape(limit_tags(_BLOCK_END.sub(r"\1 ", str(html or "")), ()))
    return Truncator(text).words(words, truncate="…")
