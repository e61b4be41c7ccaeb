"""One fetched document (a page of a feed) as postings: JSON Feed, with the careers facts of
the peer feed format or a schema.org JobPosting, or Atom with a JobPosting.

A document that cannot be read at all raises :class:`FeedError`; an item that cannot be a
posting becomes an :class:`Entry` with the reason it was skipped, so the others still count.
"""

import dataclasses
import json
import xml.etree.ElementTree as ET  # noqa: N817
import xml.parsers.expat
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from . import sanitise
from .items import PostingItem
from .mapping import Skip, from_careers_facts, from_job_posting

#: The version of the peer feed format this app reads (docs/syndication.md).
FORMAT_VERSION = 1
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/"
LABEL_MAX = 80


class FeedError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclasses.dataclass
class Entry:
    """One item of a document: its posting, or why it was skipped."""

    item: PostingItem | None
    label: str = ""  # the item's title, to name it in a message
    problem: str = ""


@dataclasses.dataclass
class Document:
    entries: list[Entry]
    next_url: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)


def parse_document(body, content_type, url):
    """The postings in ``body``, fetched from ``url`` (which relative addresses are read
    against). Raises :class:`FeedError`."""
    text = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    start = text[:1]
    if not start:
        raise FeedError(_("The address gave an empty answer instead of a feed."))
    if start in (b"{", b"["):
        return _json_feed(_load_json(body), url)
    if content_type == "text/html" or text[:14].lower().startswith((b"<!doctype html", b"<html")):
        raise FeedError(
            _(
                "The address gives a web page, not a feed. Give the address of the listing's "
                "JSON feed (its address ends in feed/json/?all=1) or of an Atom feed."
            )
        )
    if start == b"<":
        return _atom_feed(_load_xml(body), url)
    if "json" in content_type:
        return _json_feed(_load_json(body), url)
    raise FeedError(
        _("The address gives neither JSON nor XML, so it is not a feed. Check the address.")
    )


def _load_json(body):
    try:
        return json.loads(body)
    except json.JSONDecodeError as error:
        raise FeedError(
            _("The feed is not valid JSON (an error at line %(line)s, column %(column)s).")
            % {"line": error.lineno, "column": error.colno}
        ) from None
    except (ValueError, RecursionError):
        raise FeedError(_("The feed is not valid JSON.")) from None


def _load_xml(body):
    """The document's root element. A document type declaration is refused before anything is
    built: a feed never needs one, and its entities are how XML is made to explode."""

    def refuse(*args):
        raise FeedError(
            _("The feed declares a document type (DTD), which a feed never needs; it was not read.")
        )

    checker = xml.parsers.expat.ParserCreate()
    checker.StartDoctypeDeclHandler = refuse
    checker.EntityDeclHandler = refuse
    try:
        checker.Parse(body, True)
        # Parsed only once the checker found no document type declaration.
        return ET.fromstring(body)  # noqa: S314  # nosec B314
    except (xml.parsers.expat.ExpatError, ET.ParseError) as error:
        line, column = getattr(error, "lineno", 0), getattr(error, "offset", 0)
        raise FeedError(
            _("The feed is not valid XML (an error at line %(line)s, column %(column)s).")
            % {"line": line, "column": column + 1}
        ) from None


def _json_feed(data, url):
    if (
        not isinstance(data, dict)
        or not str(data.get("version", "")).startswith(JSON_FEED_VERSION)
        or not isinstance(data.get("items"), list)
    ):
        raise FeedError(
            _(
                "The address gives JSON, but not a JSON Feed. Give the address of the listing's "
                "JSON feed (its address ends in feed/json/?all=1)."
            )
        )
    careers = data.get("_careers") if isinstance(data.get("_careers"), dict) else {}
    version = careers.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise FeedError(
            _(
                "The feed is in version %(version)s of the careers feed format, which this site "
                "cannot read yet (it reads version %(ours)s). Update wagtail-careers."
            )
            % {"version": version, "ours": FORMAT_VERSION}
        )
    notes = []
    if version == FORMAT_VERSION and careers.get("all") is not True:
        notes.append(
            _(
                "The feed's address has no ?all=1, so it gives only the postings of its first "
                "page. Add ?all=1 to the address to fetch every open posting."
            )
        )
    language = sanitise.language_code(data.get("language"))
    entries = [_json_item(raw, language, url) for raw in data["items"]]
    return Document(entries, _next_url(data.get("next_url"), url), notes)


def _next_url(value, base):
    if value is None or value == "":
        return ""
    next_url = sanitise.http_url(value, base)
    if not next_url:
        raise FeedError(
            _(
                "The feed's address for its next page is not an http or https address, so its "
                "other pages could not be read."
            )
        )
    return next_url


def _json_item(raw, feed_language, base):
    if not isinstance(raw, dict):
        return Entry(None, "", _("it is not a JSON object."))
    label = sanitise.plain_text(raw.get("title"), LABEL_MAX)
    fields = {
        "item_id": raw.get("id"),
        "url": raw.get("url"),
        "title": raw.get("title"),
        "summary": raw.get("summary") or raw.get("content_text"),
        "language": sanitise.language_code(raw.get("language")) or feed_language,
        "base": base,
    }
    try:
        facts = raw.get("_careers")
        if isinstance(facts, dict):
            return Entry(from_careers_facts(facts, **fields), label)
        posting = _extension_job_posting(raw) or _html_job_posting(raw.get("content_html"))
        if posting is None:
            raise Skip(_no_posting_reason())
        return Entry(from_job_posting(posting, **fields), label)
    except Skip as skip:
        return Entry(None, label, skip.reason)


def _no_posting_reason():
    return _("it carries no posting facts (neither the careers facts nor a schema.org JobPosting).")


def _atom_feed(root, url):
    if root.tag in ("rss", "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"):
        raise FeedError(
            _(
                "The address gives an RSS feed, which carries no posting facts. Give the address "
                "of the listing's JSON feed (its address ends in feed/json/?all=1)."
            )
        )
    if root.tag != f"{ATOM}feed":
        raise FeedError(_("The address gives XML, but not an Atom feed. Check the address."))
    language = sanitise.language_code(root.get(XML_LANG))
    next_url = ""
    for link in root.findall(f"{ATOM}link"):
        if link.get("rel") == "next":
            next_url = _next_url(link.get("href"), url)
    entries = [_atom_entry(entry, language, url) for entry in root.findall(f"{ATOM}entry")]
    return Document(entries, next_url)


def _atom_entry(entry, feed_language, base):
    title = entry.findtext(f"{ATOM}title")
    label = sanitise.plain_text(title, LABEL_MAX)
    link = ""
    for element in entry.findall(f"{ATOM}link"):
        if element.get("rel", "alternate") == "alternate":
            link = element.get("href", "")
            break
    content = entry.find(f"{ATOM}content")
    posting = None
    if content is not None and content.text:
        kind = (content.get("type") or "text").strip().lower()
        if kind.endswith("json"):
            posting = _job_posting_in(_json_or_none(content.text))
        elif kind in ("html", "text/html"):
            posting = _html_job_posting(content.text)
    try:
        if posting is None:
            raise Skip(_no_posting_reason())
        item = from_job_posting(
            posting,
            item_id=entry.findtext(f"{ATOM}id"),
            url=link,
            title=title,
            summary=entry.findtext(f"{ATOM}summary"),
            language=sanitise.language_code(entry.get(XML_LANG)) or feed_language,
            base=base,
        )
        return Entry(item, label)
    except Skip as skip:
        return Entry(None, label, skip.reason)


def _is_job_posting(value):
    if not isinstance(value, dict):
        return False
    kind = value.get("@type")
    return kind == "JobPosting" or (isinstance(kind, list) and "JobPosting" in kind)


def _job_posting_in(data):
    """The first JobPosting in JSON-LD: an object, a list of them, or a ``@graph``."""
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        data = data["@graph"]
    for value in data if isinstance(data, list) else [data]:
        if _is_job_posting(value):
            return value
    return None


def _extension_job_posting(raw):
    """A JobPosting carried as a JSON Feed extension (a key starting with "_")."""
    for key, value in raw.items():
        if key.startswith("_") and _is_job_posting(value):
            return value
    return None


def _json_or_none(text):
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


class _JsonLdScripts(HTMLParser):
    """Collects the text of every ``<script type="application/ld+json">``."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts = []
        self._parts = None

    def handle_starttag(self, tag, attrs):
        if tag == "script" and (dict(attrs).get("type") or "").strip().lower() == (
            "application/ld+json"
        ):
            self._parts = []

    def handle_data(self, data):
        if self._parts is not None:
            self._parts.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._parts is not None:
            self.scripts.append("".join(self._parts))
            self._parts = None


def _html_job_posting(html):
    if not isinstance(html, str) or "ld+json" not in html:
        return None
    parser = _JsonLdScripts()
    parser.feed(html)
    parser.close()
    for script in parser.scripts:
        posting = _job_posting_in(_json_or_none(script))
        if posting is not None:
            return posting
    return None
