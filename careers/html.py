"""Reducing HTML to a safe set of tags, for JSON-LD descriptions and feeds."""

import re
from html import escape
from html.parser import HTMLParser


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
