"""Every text and address read from another site passes through here before anything keeps it.

A feed is written by someone else: a title may carry ``<script>``, an address ``javascript:``, a
name a megabyte of text. What leaves this module is plain text (no tags, no attributes, no
entities to decode again, no control characters), cut to a length our pages can show, and
addresses that are http or https only. Templates escape it again when they show it; nothing
here relies on that.
"""

import datetime
import html
import re
import unicodedata
import urllib.parse
import zoneinfo

import nh3

#: Longest texts kept: a page title's length in Wagtail, and a card's summary.
TITLE_MAX = 255
SUMMARY_MAX = 1000
URL_MAX = 2048

# C0 and C1 controls other than tab and newline, zero-width and bidirectional controls: they
# do nothing for a reader and can disguise what a text says.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# Where HTML ends a block, a plain text starts a new paragraph or line.
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|ul|ol|blockquote|section|tr)\s*>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[^\S\n]+")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _strip_markup(text):
    """``text`` without any tag, attribute, comment or entity.

    nh3 drops every tag (and the content of ``<script>`` and ``<style>``) and escapes what is
    left; that is unescaped into plain text, which could be markup again if the source escaped
    it twice (``&amp;lt;script&amp;gt;``), so the cleaning repeats until nothing changes.
    """
    for _attempt in range(5):
        cleaned = html.unescape(nh3.clean(text, tags=set(), attributes={}, strip_comments=True))
        if cleaned == text:
            return cleaned
        text = cleaned
    # Still changing after five rounds: markup nested on purpose. Keep no angle bracket at all.
    return text.replace("<", "").replace(">", "")


def _cut(text, max_length):
    if len(text) <= max_length:
        return text
    cut = text[: max_length - 1]
    if " " in cut[max_length // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def plain_text(value, max_length=TITLE_MAX):
    """One line of plain text from ``value`` (text or HTML), or "" for anything not a string."""
    if not isinstance(value, str):
        return ""
    text = _strip_markup(_INVISIBLE.sub("", value))
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return _cut(text, max_length)


def plain_paragraphs(value, max_length=SUMMARY_MAX):
    """Plain text from ``value`` (text or HTML) that keeps its paragraphs, as blank lines."""
    if not isinstance(value, str):
        return ""
    text = _INVISIBLE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = _LINE_BREAK.sub("\n", _BLOCK_END.sub("\n\n", text))
    text = unicodedata.normalize("NFC", _strip_markup(text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs = "\n".join(lines)
    paragraphs = re.sub(r"\n{3,}", "\n\n", paragraphs).strip()
    return _cut(paragraphs, max_length)


_NOT_IN_URLS = re.compile(r'[<>"`{}|\\^]')


def http_url(value, base=""):
    """``value`` as an absolute http or https address (relative to ``base`` if it is relative),
    or "" when it is anything else: ``javascript:``, ``data:``, credentials, spaces, too long."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if not value or len(value) > URL_MAX or _INVISIBLE.search(value) or re.search(r"\s", value):
        return ""
    if base:
        value = urllib.parse.urljoin(base, value)
    try:
        parts = urllib.parse.urlsplit(value)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    if parts.username is not None or parts.password is not None:
        return ""
    url = urllib.parse.urlunsplit(parts._replace(scheme=parts.scheme.lower()))
    # Characters an address may not hold as they are (RFC 3986), percent-encoded as a browser
    # would send them: an address is never a way to carry markup into a page or a feed.
    return _NOT_IN_URLS.sub(lambda match: f"%{ord(match.group()):02X}", url)


def language_code(value):
    """A language code such as "es" or "pt-br" (lower case), or ""."""
    if not isinstance(value, str):
        return ""
    code = value.strip().lower().replace("_", "-")
    return code if len(code) <= 35 and _LANGUAGE_CODE.match(code) else ""


def time_zone_name(value):
    """An IANA time zone name this machine knows, or ""."""
    if not isinstance(value, str) or not value or len(value) > 64 or ".." in value:
        return ""
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return ""
    return value


class NotADate(ValueError):
    """A date or time that cannot be read."""


def closing_time(value, zone_name=""):
    """An aware datetime (in UTC) from an ISO 8601 date or date and time.

    A date alone is the end of that day, and a time without an offset is in ``zone_name`` (the
    posting's own time zone, when the feed names one) or else UTC. Raises :class:`NotADate`.
    """
    if not isinstance(value, str) or len(value) > 64:
        raise NotADate(value)
    text = value.strip()
    zone = zoneinfo.ZoneInfo(zone_name) if zone_name else datetime.UTC
    try:
        if _DATE_ONLY.match(text):
            day = datetime.date.fromisoformat(text)
            moment = datetime.datetime.combine(day, datetime.time(23, 59, 59))
        else:
            moment = datetime.datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        # In UTC: a moment that has none (year 9999 west of Greenwich) is not a date either.
        return moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError) as error:
        raise NotADate(value) from error


def calendar_date(value):
    """The date of an ISO 8601 date or date and time, or None."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    text = value.strip()
    try:
        if _DATE_ONLY.match(text):
            return datetime.date.fromisoformat(text)
        return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        return None


def header_value(value, max_length=256):
    """A header value (an ETag, a date) safe to send back: printable ASCII only, else ""."""
    if not isinstance(value, str) or len(value) > max_length:
        return ""
    return value if all(" " <= char <= "~" for char in value) else ""
