"""What a fetch of another site's feed yields: plain, sanitised values, one :class:`PostingItem`
per posting, whatever the feed's format. Everything that reads a feed produces these, and
everything that stores or shows syndicated postings reads them."""

import dataclasses
import datetime


@dataclasses.dataclass(frozen=True)
class Translation:
    """One language version of a posting at its origin."""

    language: str  # a language code, such as "es" or "pt-br", lower case
    url: str  # the version's page at the origin (http or https only)
    title: str  # plain text
    summary: str = ""  # plain text


@dataclasses.dataclass(frozen=True)
class OrganisationRef:
    """An organisation a posting names, as the origin describes it."""

    name: str  # plain text
    role: str = ""  # a careers.choices.OrganisationRole value, or "" when unknown
    short_name: str = ""
    website: str = ""  # http or https only, else ""
    key: str = ""  # the origin's identifier for it (its translation key), when it gives one


@dataclasses.dataclass(frozen=True)
class PostingItem:
    """One posting of another site, in the language it was fetched in."""

    origin_id: str  # stable at the origin across languages and fetches (its posting id)
    language: str  # the language of ``title`` and ``summary``
    url: str
    title: str
    summary: str = ""
    organisations: tuple[OrganisationRef, ...] = ()
    closes_at: datetime.datetime | None = None  # aware; None: open until filled
    closing_timezone: str = ""  # an IANA zone name, or ""
    is_filled: bool = False
    date_posted: datetime.date | None = None
    employment_types: tuple[str, ...] = ()  # careers.choices.EmploymentType values only
    workplace_type: str = ""  # a careers.choices.WorkplaceType value, or ""
    applicant_regions: tuple[str, ...] = ()  # careers.choices.Region values only
    applicant_countries: tuple[str, ...] = ()  # ISO 3166 alpha-2, upper case
    countries: tuple[str, ...] = ()  # where the work is: the locations' countries
    languages: tuple[str, ...] = ()  # language codes the candidate needs
    #: Every language version the origin publishes, this one included.
    translations: tuple[Translation, ...] = ()


@dataclasses.dataclass
class FetchResult:
    """How one fetch of a source went."""

    OK = "ok"  # items hold everything the source offers now
    NOT_MODIFIED = "not_modified"  # nothing changed since the last fetch; items is empty
    FAILED = "failed"  # nothing usable; keep what was fetched before

    outcome: str
    items: list[PostingItem] = dataclasses.field(default_factory=list)
    #: What went wrong (or was skipped: items dropped as invalid), in words an editor can act
    #: on, translated; empty when all went well.
    messages: list[str] = dataclasses.field(default_factory=list)
    http_status: int | None = None
    etag: str = ""
    last_modified: str = ""
