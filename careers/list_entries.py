"""One list item per entry when an editor pastes a whole list into one item.

A bulleted list pasted into a duty arrives as one rich text of many paragraphs (the duty's editor
has no list feature), or as lines starting with “•”, “-” or “3.” when copied as plain text. On
save, such an item becomes one item per entry, so each is its own translation segment.
"""

import copy
import re

from bs4 import BeautifulSoup, NavigableString
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.rich_text import RichText

MARKER = re.compile(r"^\s*(?:[•●▪◦‣∙·○■□➢➤►✓✔–—*-]|\(?\d{1,3}[.)]|\(?[A-Za-z]\))\s+")
BLOCKS = ("p", "li", "div", "h2", "h3", "h4", "h5", "h6")


def _strip_marker(element):
    for node in element.descendants:
        if isinstance(node, NavigableString):
            if not node.strip():
                continue
            node.replace_with(MARKER.sub("", str(node), count=1))
            return


def _lines(element):
    """The parts of a paragraph separated by line breaks, as inner HTML."""
    html = element.decode_contents()
    return re.split(r"<br\s*/?>", html)


def split_entries(html):
    """The entries of ``html`` as paragraphs, or None when it holds only one."""
    soup = BeautifulSoup(html or "", "html.parser")
    paragraphs = soup.find_all(BLOCKS)
    leaves = [p for p in paragraphs if not p.find(BLOCKS)] or [soup]
    entries = []
    for leaf in leaves:
        for line in _lines(leaf):
            fragment = BeautifulSoup(line, "html.parser")
            _strip_marker(fragment)
            if fragment.get_text().strip():
                entries.append(f"<p>{fragment.decode().strip()}</p>")
    return entries if len(entries) > 1 else None


class EntryPerItemListBlock(blocks.ListBlock):
    """A list block whose items split into one item per entry of a pasted list.

    The child is a rich text block, or a struct block whose ``text`` is one; the copies keep the
    struct's other values (such as “essential”). Migrations record it as a plain ListBlock.
    """

    text_name = "text"

    @property
    def canonical_module_path(self):
        return "wagtail.blocks.ListBlock"

    def clean(self, value):
        return super().clean(self.split_items(self.normalize(value)))

    def split_items(self, value):
        children = []
        for child in value.bound_blocks:
            entries = split_entries(self._text(child.value))
            if entries is None:
                children.append(child)
                continue
            for index, html in enumerate(entries):
                children.append(
                    ListValue.ListChild(
                        self.child_block,
                        self._with_text(child.value, html),
                        id=child.id if index == 0 else None,
                    )
                )
        return ListValue(self, bound_blocks=children)

    def _text(self, value):
        if isinstance(self.child_block, blocks.StructBlock):
            value = value.get(self.text_name) if value else None
        return value.source if isinstance(value, RichText) else None

    def _with_text(self, value, html):
        if not isinstance(self.child_block, blocks.StructBlock):
            return RichText(html)
        copied = copy.copy(value)
        copied[self.text_name] = RichText(html)
        return copied
