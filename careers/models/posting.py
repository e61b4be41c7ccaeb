import datetime
import functools
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .. import cache, conf, page_parts, posting_index
from ..addresses import full_subpage_url
from ..blocks import ApplicationDocumentsBlock, PostingBodyBlock, language_requirement
from ..calendar import deadline_response
from ..choices import (
    EMPLOYMENT_LABELS,
    REGION_LABELS,
    WORKPLACE_LABELS,
    EmploymentType,
    OrganisationRole,
    PayPeriod,
    Region,
    WorkplaceType,
)
from ..conf import template_context
from ..fields import HttpURLField, MultipleChoiceField
from ..forms import JobPostingPageForm
from ..languages import live_translations
from ..panels import TranslationStatusPanel
from ..publishing import publishing_errors
from ..status import (
    PostingStatus,
    combine_closing,
    in_zone,
    status_at,
    status_changes,
    time_left,
)
from ..structured_data import job_posting_json_ld
from ..validators import split_emails, validate_email_list, validate_timezone
from .careers_index import listing_models
from .querysets import PostingManager
from .snippets import EqualOpportunityStatement


def default_employment_types():
    return [EmploymentType.FULL_TIME.value]


class PostingTabs:
    """A posting's editor tabs, made from the panel lists of the class it is read from, so that
    a subclass adds a panel to ``content_panels``, ``position_panels`` or
    ``application_panels`` as it would on any Wagtail page."""

    def __get__(self, instance, owner):
        return TabbedInterface(
            [
                ObjectList([TranslationStatusPanel(), *owner.content_panels], heading=_("Content")),
                ObjectList(owner.position_panels, heading=_("Position")),
                ObjectList(owner.application_panels, heading=_("Application")),
                ObjectList(owner.promote_panels, heading=_("Promote")),
                ObjectList(owner.settings_panels, heading=_("Settings")),
            ]
        )


def posting_body_field(block):
    """The posting's ``body``, a StreamField of ``block`` (a :class:`PostingBodyBlock` or a
    subclass of it that adds blocks)."""
    return StreamField(
        block,
        blank=True,
        verbose_name=_("posting"),
        help_text=_(
            "The posting itself: add sections for the organisation, the position, duties, "
            "candidate profile, languages and what you offer."
        ),
    )


def default_closing_time():
    hours, minutes = conf.get_setting("CAREERS_DEFAULT_CLOSING_TIME").split(":")
    return datetime.time(int(hours), int(minutes))


class AbstractJobPostingPage(RoutablePageMixin, Page):
    """One job or consultancy posting: every field, panel, block and method of a posting.

    Subclass it (or :class:`JobPostingPage`) to make a posting type of your own, as you would
    subclass ``wagtail.contrib.forms``' ``AbstractEmailForm``; docs/developers.md ("Extending")
    shows how. ``body_block`` names the StreamBlock of ``body``: a subclass that adds blocks
    declares ``body = posting_body_field(MyBodyBlock())``.
    """

    #: Not an allied site's posting (:class:`careers.models.SyndicatedPosting` says True). Cards
    #: ask: a template's lookup of a missing attribute calls ``dir()`` on the page, a
    #: quarter of a millisecond per card.
    is_syndicated = False

    # Content
    introduction = models.TextField(
        _("summary"),
        blank=True,
        help_text=_(
            "Two or three sentences on the role, shown in listings, feeds and search results."
        ),
    )
    body = posting_body_field(PostingBodyBlock())

    # Position
    reference_code = models.CharField(
        _("reference code"),
        max_length=64,
        blank=True,
        help_text=_("Your own reference, such as “FC-2024-03”. Applicants quote it."),
    )
    employment_types = MultipleChoiceField(
        _("types of employment"),
        max_length=255,
        choices=EmploymentType.choices,
        default=default_employment_types,
        help_text=_("Tick every one that applies, such as part-time and consultancy."),
    )
    contract_length = models.CharField(
        _("contract length"),
        max_length=255,
        blank=True,
        help_text=_("In words, such as “One year, renewable” or “3-month trial, then two years”."),
    )
    time_commitment = models.CharField(
        _("time commitment"),
        max_length=255,
        blank=True,
        help_text=_("In words, such as “3 days per week” or “Full time, flexible hours”."),
    )
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_("Leave empty for “as soon as possible”."),
    )
    workplace_type = models.CharField(
        _("workplace"), max_length=20, choices=WorkplaceType.choices, default=WorkplaceType.ON_SITE
    )
    reports_to = models.CharField(
        _("reports to"),
        max_length=255,
        blank=True,
        help_text=_("The role the post holder reports to, such as “Programme Director”."),
    )
    reports_to_organisation = models.ForeignKey(
        "careers.Organisation",
        verbose_name=_("organisation reported to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only if that role is in another organisation than the employer."),
    )
    applicant_regions = MultipleChoiceField(
        _("regions applicants may live in"),
        max_length=255,
        blank=True,
        choices=Region.choices,
        help_text=_("For home-based roles. Choose “Anywhere in the world” if there is no limit."),
    )
    applicant_countries = CountryField(
        _("countries applicants may live in"),
        multiple=True,
        blank=True,
        help_text=_("For home-based roles limited to particular countries."),
    )
    travel_required = models.BooleanField(
        _("travel required"), default=False, help_text=_("The role involves work trips.")
    )
    remuneration = models.CharField(
        _("remuneration"),
        max_length=255,
        blank=True,
        help_text=_("In words, such as “Based on experience, paid in US dollars”."),
    )
    salary_currency = models.CharField(
        _("currency"), max_length=3, blank=True, help_text=_("Three letters, such as USD or EUR.")
    )
    salary_min = models.DecimalField(
        _("minimum pay"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    salary_max = models.DecimalField(
        _("maximum pay"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    salary_period = models.CharField(
        _("pay period"), max_length=10, choices=PayPeriod.choices, blank=True
    )

    # Dates
    date_posted = models.DateField(
        _("date posted"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the date the posting is first published."),
    )
    open_until_filled = models.BooleanField(
        _("open until filled"),
        default=False,
        help_text=_(
            "No closing date: applications are taken until the position is filled. "
            "Leave the closing date empty."
        ),
    )
    closing_date = models.DateField(
        _("closing date"),
        null=True,
        blank=True,
        help_text=_("The last day applications are accepted."),
    )
    closing_time = models.TimeField(
        _("closing time"),
        default=default_closing_time,
        help_text=_("The last minute applications are accepted, in the time zone below."),
    )
    closing_timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default=conf.default_timezone,
        validators=[validate_timezone],
        help_text=_("The time zone of the closing date and time. “UTC” is the same as GMT."),
    )
    review_from = models.DateField(
        _("applications reviewed from"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: the day you start reading applications, if you read them as they come."
        ),
    )
    is_filled = models.BooleanField(
        _("filled or closed"),
        default=False,
        help_text=_(
            "Tick to close applications now, whether or not the closing date has come. "
            "The posting stays online, marked closed; unpublish it to remove it."
        ),
    )
    filled_at = models.DateTimeField(_("closed by hand at"), editable=False, null=True)
    closes_at = models.DateTimeField(_("closes at"), editable=False, db_index=True, null=True)

    # Application
    application_email = models.CharField(
        _("application email"),
        max_length=500,
        blank=True,
        validators=[validate_email_list],
        help_text=_("Where applications go. Separate several addresses with commas."),
    )
    application_cc = models.CharField(
        _("copy applications to"),
        max_length=500,
        blank=True,
        validators=[validate_email_list],
        help_text=_(
            "Addresses applicants should copy (cc) their email to. Separate several with commas."
        ),
    )
    application_url = HttpURLField(
        _("application web address"),
        max_length=500,
        blank=True,
        help_text=_("An online application form, if you use one."),
    )
    application_reference = models.CharField(
        _("reference for the subject line"),
        max_length=255,
        blank=True,
        help_text=_(
            "What applicants must write in the email subject, if you ask for something. "
            "Leave empty if you do not: the posting then asks for no subject line."
        ),
    )
    application_documents = StreamField(
        ApplicationDocumentsBlock(),
        blank=True,
        verbose_name=_("documents asked for"),
        help_text=_("What an application must include, such as a CV, a cover letter, referees."),
    )
    direct_apply = models.BooleanField(
        _("applications are completed on this site"),
        default=False,
        help_text=_(
            "Tick only if applicants can apply in full on this website, without going "
            "elsewhere. Search engines show it."
        ),
    )
    application_instructions = RichTextField(
        _("further instructions"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Anything else applicants must know about applying."),
    )
    contact_name = models.CharField(_("contact name"), max_length=255, blank=True)
    contact_role = models.CharField(_("contact role"), max_length=255, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    equal_opportunity_statement = models.ForeignKey(
        "careers.EqualOpportunityStatement",
        verbose_name=_("equal-opportunity statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the default statement."),
    )
    show_statement = models.BooleanField(
        _("show an equal-opportunity statement"),
        default=True,
        help_text=_("Untick to show no statement on this posting."),
    )

    #: ``JobPostingPage.objects.live().open()``: Wagtail's page QuerySet with the postings'
    #: statuses (:class:`careers.models.querysets.PostingQuerySet`).
    objects = PostingManager()

    # Denormalised from the body on save, so listings can filter on them: ",es,en,".
    language_codes = models.CharField(max_length=255, blank=True, editable=False, default="")
    # Countries of the locations and of where applicants may live: ",MX,GT,".
    country_codes = models.CharField(max_length=1000, blank=True, editable=False, default="")

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.SearchField("reference_code"),
        index.SearchField("time_commitment"),
        index.RelatedFields("locations", [index.SearchField("city")]),
        index.FilterField("employment_types"),
        index.FilterField("workplace_type"),
        index.FilterField("closes_at"),
        index.FilterField("language_codes"),
        index.FilterField("country_codes"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "hiring_organisations",
            min_num=1,
            label=_("Organisation"),
            heading=_("Organisations"),
            help_text=_(
                "Add each organisation that hires, in the order they should be named, and any "
                "that support, partner in or host the position, each with its role."
            ),
        ),
        FieldPanel("body"),
    ]
    position_panels = [
        FieldPanel("reference_code"),
        FieldRowPanel([FieldPanel("employment_types"), FieldPanel("start_date")]),
        FieldRowPanel([FieldPanel("contract_length"), FieldPanel("time_commitment")]),
        FieldRowPanel([FieldPanel("reports_to"), FieldPanel("reports_to_organisation")]),
        MultiFieldPanel(
            [
                FieldPanel("workplace_type"),
                InlinePanel(
                    "locations",
                    label=_("Location"),
                    heading=_("Locations"),
                    help_text=_(
                        "Where the work is based. For a home-based role that must be near a "
                        "city, give that city."
                    ),
                ),
                FieldPanel("applicant_regions"),
                FieldPanel("applicant_countries"),
                FieldPanel("travel_required"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("remuneration"),
                FieldRowPanel([FieldPanel("salary_min"), FieldPanel("salary_max")]),
                FieldRowPanel([FieldPanel("salary_currency"), FieldPanel("salary_period")]),
            ],
            heading=_("Pay"),
            help_text=_("Figures are optional. When given, search engines show them."),
        ),
    ]
    application_panels = [
        MultiFieldPanel(
            [
                FieldPanel("open_until_filled"),
                FieldRowPanel([FieldPanel("closing_date"), FieldPanel("closing_time")]),
                FieldPanel("closing_timezone"),
                FieldRowPanel([FieldPanel("date_posted"), FieldPanel("review_from")]),
                FieldPanel("is_filled"),
            ],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(_("Give an email address, a web address, or both.")),
                FieldPanel("application_email"),
                FieldPanel("application_cc"),
                FieldPanel("application_url"),
                FieldPanel("direct_apply"),
                FieldPanel("application_reference"),
                FieldPanel("application_documents"),
                FieldPanel("application_instructions"),
            ],
            heading=_("How to apply"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contact for enquiries"),
        ),
        MultiFieldPanel(
            [FieldPanel("show_statement"), FieldPanel("equal_opportunity_statement")],
            heading=_("Equal-opportunity statement"),
        ),
    ]
    edit_handler = PostingTabs()
    base_form_class = JobPostingPageForm

    # wagtail-localize: text is translated; facts that must be the same in every language are
    # synchronised from the source and cannot be overridden in a translation, so a sync after a
    # change of closing date updates every translation. docs/translation.md explains each one.
    override_translatable_fields = [
        SynchronizedField(name, overridable=False)
        for name in (
            "reference_code",
            "employment_types",
            "start_date",
            "workplace_type",
            "applicant_regions",
            "applicant_countries",
            "travel_required",
            "salary_currency",
            "salary_min",
            "salary_max",
            "salary_period",
            "date_posted",
            "open_until_filled",
            "closing_date",
            "closing_time",
            "closing_timezone",
            "review_from",
            "is_filled",
            "application_email",
            "application_cc",
            "application_url",
            "direct_apply",
            "contact_email",
            "show_statement",
        )
    ]

    api_fields = [
        APIField("introduction"),
        APIField("body"),
        APIField("reference_code"),
        APIField("employment_types"),
        APIField("employment_type"),
        APIField("contract_length"),
        APIField("time_commitment"),
        APIField("reports_to"),
        APIField("api_reports_to_organisation"),
        APIField("start_date"),
        APIField("workplace_type"),
        APIField("applicant_region_codes"),
        APIField("applicant_country_codes"),
        APIField("api_locations"),
        APIField("api_organisations"),
        APIField("travel_required"),
        APIField("remuneration"),
        APIField("salary_currency"),
        APIField("salary_min"),
        APIField("salary_max"),
        APIField("salary_period"),
        APIField("date_posted"),
        APIField("open_until_filled"),
        APIField("review_from"),
        APIField("closes_at"),
        APIField("closing_timezone"),
        APIField("status"),
        APIField("language_requirements"),
        APIField("application_url"),
        APIField("application_emails"),
        APIField("application_cc_emails"),
        APIField("direct_apply"),
    ]

    #: None: under any careers listing page (any concrete subclass of AbstractCareersIndexPage).
    parent_page_types = None
    subpage_types = []
    template = "careers/job_posting_page.html"

    def get_template(self, request, *args, **kwargs):
        """The page type's own template (Wagtail names one after each subclass), else the stock
        one: a subclass needs a template of its own only to look different."""
        template = super().get_template(request, *args, **kwargs)
        stock = "careers/job_posting_page.html"
        return template if template == stock else [template, stock]

    class Meta:
        abstract = True
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")

    @classmethod
    def clean_parent_page_models(cls):
        if cls.parent_page_types is None:
            return listing_models()
        return super().clean_parent_page_models()

    # Saving

    #: Set by the admin form while it validates a draft: the publishing rules wait till then.
    publishing_rules_deferred = False

    def clean(self):
        super().clean()
        if self.publishing_rules_deferred:
            return
        errors = publishing_errors(self)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.salary_currency:
            self.salary_currency = self.salary_currency.upper()
        for name in ("closing_date", "closing_time"):
            setattr(self, name, self._meta.get_field(name).to_python(getattr(self, name)))
        self.closes_at = None
        if not self.open_until_filled:
            self.closes_at = combine_closing(
                self.closing_date, self.closing_time, self.closing_timezone
            )
        if self.is_filled:
            self.filled_at = self.filled_at or timezone.now()
            self.closes_at = min(filter(None, [self.closes_at, self.filled_at]))
        else:
            self.filled_at = None
        codes = self._language_codes_from_body()
        # Wrapped in commas so that a filter can match ",es," without matching "ast" or "es-ar".
        self.language_codes = f",{','.join(codes)}," if codes else ""
        countries = {str(location.country.code) for location in self.locations.all()}
        countries.update(str(country.code) for country in self.applicant_countries)
        countries.discard("")
        self.country_codes = f",{','.join(sorted(countries))}," if countries else ""
        if self.date_posted is None and self.live:
            self.date_posted = self.default_date_posted()
        if conf.get_setting("CAREERS_EXPIRE_AT_CLOSING") and self.closes_at:
            self.expire_at = self.closes_at
        # What the route read with the page is of the page as it was.
        for name in (page_parts.ANNOTATION, "careers_statement"):
            self.__dict__.pop(name, None)
        # The page's row, then its organisations and locations (saved after it by
        # modelcluster) each call for the listing index: it is rewritten once, at the end.
        with posting_index.batch():
            return super().save(*args, **kwargs)

    def default_date_posted(self):
        """The day of first publication, or the closing date when that is earlier: a posting
        published after it closed was posted no later than it closed."""
        posted = timezone.localdate(self.first_published_at or timezone.now())
        if self.closing_date is not None:
            posted = min(posted, self.closing_date)
        return posted

    def _language_codes_from_body(self):
        codes = []
        for requirement in self.language_requirements:
            for code in requirement["languages"]:
                if code not in codes:
                    codes.append(code)
        return codes

    # Facts, computed once per request and shared by the page, its JSON-LD, .ics and feeds.

    @cached_property
    def status(self):
        return status_at(self.closes_at)

    @property
    def is_closed(self):
        return self.status == PostingStatus.CLOSED

    @property
    def is_closing_soon(self):
        return self.status == PostingStatus.CLOSING_SOON

    @cached_property
    def closes_at_local(self):
        """The closing instant (the deadline, or when it was closed by hand) in the posting's
        own time zone; None while it is open until filled."""
        if self.closes_at is None:
            return None
        return in_zone(self.closes_at, self.closing_timezone)

    @property
    def has_deadline(self):
        """Whether the posting has a closing date that has not been overtaken by closing it
        by hand: what the deadline's .ics, "apply by" and ``validThrough`` need."""
        return self.closes_at is not None and not self.is_filled

    @property
    def closed_by_hand(self):
        return self.is_filled and self.is_closed

    @cached_property
    def employment_type_labels(self):
        labels = EMPLOYMENT_LABELS
        return [labels[code] for code in self.employment_types if code in labels]

    @property
    def workplace_type_label(self):
        """``get_workplace_type_display()``, without Django building the field's choices again
        on every call (a feed asks for each of its entries')."""
        return str(WORKPLACE_LABELS.get(self.workplace_type, self.workplace_type))

    @property
    def employment_type(self):
        """The first type of employment: for readers written when there was only one."""
        return self.employment_types[0] if self.employment_types else ""

    @employment_type.setter
    def employment_type(self, value):
        self.employment_types = [value] if value else []

    def usable_page_parts(self):
        """What this page shows from beyond its row, as stored when the posting was indexed
        and read by its route, when it may be shown now (:mod:`careers.page_parts`); else
        None, and the page reads and renders it."""
        parts = self.__dict__.get(page_parts.ANNOTATION)
        return parts if page_parts.usable(parts) else None

    @cached_property
    def organisation_links(self):
        parts = self.usable_page_parts()
        if parts is not None:
            return page_parts.organisation_links(self, parts)
        links = self.hiring_organisations.all()
        if "hiring_organisations" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("organisation", "organisation__logo")
        return list(links)

    @cached_property
    def organisations(self):
        """Every organisation named on the posting, employers and others."""
        return [link.organisation for link in self.organisation_links]

    @cached_property
    def employers(self):
        return [link.organisation for link in self.organisation_links if link.is_employer]

    @cached_property
    def other_organisations(self):
        """(role label, organisations) for the organisations that do not hire, by role."""
        groups = {}
        for link in self.organisation_links:
            if not link.is_employer:
                groups.setdefault(link.role, []).append(link.organisation)
        labels = dict(OrganisationRole.choices)
        return [(labels.get(role, role), organisations) for role, organisations in groups.items()]

    @cached_property
    def location_list(self):
        parts = self.usable_page_parts()
        if parts is not None:
            return page_parts.location_list(self, parts)
        return list(self.locations.all())

    @cached_property
    def language_requirements(self):
        requirements = []
        # Only the language blocks: converting the whole body would look up the organisations of
        # its "about" blocks, a query per posting in feeds and the API.
        for block in self.body.blocks_by_name("languages") if self.body else []:
            for item in block.value["items"]:
                requirements.append(language_requirement(item))
        return requirements

    @property
    def is_home_based(self):
        return self.workplace_type == WorkplaceType.HOME_BASED

    @property
    def applicant_region_labels(self):
        return [REGION_LABELS.get(code, code) for code in self.applicant_regions]

    @property
    def applicant_region_codes(self):
        return list(self.applicant_regions)

    @property
    def applicant_country_codes(self):
        return [country.code for country in self.applicant_countries]

    @property
    def api_locations(self):
        return [
            {"city": location.city, "country": location.country.code}
            for location in self.location_list
        ]

    @property
    def api_organisations(self):
        return [
            {
                "id": link.organisation.pk,
                "name": link.organisation.name,
                "short_name": link.organisation.short_name,
                "website": link.organisation.website,
                "role": link.role,
            }
            for link in self.organisation_links
        ]

    @property
    def api_reports_to_organisation(self):
        organisation = self.reports_to_organisation
        if organisation is None:
            return None
        return {"id": organisation.pk, "name": organisation.name}

    @property
    def has_structured_pay(self):
        return bool(
            self.salary_currency
            and self.salary_period
            and (self.salary_min is not None or self.salary_max is not None)
        )

    @property
    def application_emails(self):
        return split_emails(self.application_email)

    @property
    def application_cc_emails(self):
        return split_emails(self.application_cc)

    @property
    def subject_line(self):
        """The subject line the organisation asks for, or "" when it asks for none."""
        return self.application_reference

    @property
    def application_mailto(self):
        """A ``mailto:`` link with its copy addresses and subject quoted, so no text can add
        headers. The subject is the one asked for, else the title, as a convenience."""
        if not self.application_emails:
            return ""

        def addresses(values):
            return ",".join(quote(address, safe="@") for address in values)

        query = []
        if self.application_cc_emails:
            query.append(f"cc={addresses(self.application_cc_emails)}")
        query.append(f"subject={quote(self.subject_line or self.title, safe='')}")
        return f"mailto:{addresses(self.application_emails)}?{'&'.join(query)}"

    def get_calendar_url(self, request=None):
        """The deadline as an .ics file; pass ``request`` to reuse its cached site paths."""
        return (self.get_url(request) or "") + self.reverse_subpage("deadline_ics")

    def get_full_calendar_url(self, request=None):
        """The .ics file's absolute address, on this page's Site."""
        return full_subpage_url(self, "deadline_ics", request)

    @property
    def calendar_url(self):
        return self.get_calendar_url()

    def applies_directly(self):
        """Whether an application is completed on this site (schema.org's ``directApply``): what
        the editor ticked; a subclass may work it out otherwise."""
        return self.direct_apply

    @cached_property
    def statement(self):
        if not self.show_statement:
            return None
        if "careers_statement" in self.__dict__:  # read with the page by its route
            return page_parts.statement(self, self.__dict__["careers_statement"])
        if self.equal_opportunity_statement_id:
            return self.equal_opportunity_statement
        return EqualOpportunityStatement.default_for_locale(self.locale_id)

    # Serving

    def get_sitemap_urls(self, request=None):
        """Closed postings are ``noindex``, so they are left out of the sitemap."""
        if self.is_closed:
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(template_context())
        context["careers_translations"] = live_translations(self, request)
        context["posting"] = self
        # Rendered once, for the page and for the structured data's description, and only when
        # the template shows them: not when the page comes from the cache ({% careers_cache %}).
        # Templates call these; ``{{ posting_body_html }}`` shows the body. Both were rendered
        # when the posting was indexed, when its route read them (careers.page_parts).
        parts = self.usable_page_parts()
        if parts is not None and "body" in parts and page_parts.stock_body_templates(type(self)):
            # Written by page_parts.stored_parts with the app's own templates, which escape.
            stored_body = mark_safe(parts["body"])  # noqa: S308  # nosec B308 B703
            body_html = functools.cache(lambda: stored_body)
            description = parts["description"]
        else:
            body_html = functools.cache(lambda: self.body.render_as_block(context=context))
            description = None
        context["posting_body_html"] = body_html
        context["json_ld"] = functools.cache(
            lambda: (
                None
                if self.is_closed
                else job_posting_json_ld(
                    self, request, body_html=body_html(), description=description
                )
            )
        )
        return context

    def cache_entry(self, name, request):
        """The entry of a rendered part of this page (``{% careers_cache posting name %}``, see
        :class:`careers.cache.Cacheable`), or None in previews.

        What the page shows changes when it is published, an organisation or statement changes
        (the cache's generation changes), and as time passes: the key holds the status and the
        "closes in …" hint, so a new entry is made when either changes.
        """
        if request is None or cache.is_preview(request):
            return None
        return cache.Entry(
            parts=[
                "posting",
                self.pk,
                f"fragment={name}",
                *cache.request_parts(request),
                self.status,
                time_left(self.closes_at),
            ],
            valid_until=self.valid_until,
        )

    def valid_until(self):
        """The next moment this page reads differently as time passes: its status changes
        (closing soon, closed) or its "closes in …" hint does; None for a posting open until
        filled or closed."""
        now = timezone.now()
        return cache.next_moment(
            *status_changes(self.closes_at, now), cache.next_time_left_change(self.closes_at, now)
        )

    def get_cached_paths(self):
        return cache.posting_cached_paths(self)

    @path("")
    def posting(self, request):
        response = self.render(request)
        if self.is_closed:
            response["X-Robots-Tag"] = "noindex"
        return cache.set_cache_control(response, request, self.valid_until)

    @path("calendar/")
    def deadline_ics(self, request):
        return deadline_response(self, request)


class JobPostingPage(AbstractJobPostingPage):
    """The stock posting type. A site subclasses it to add fields to postings that are listed
    beside the stock ones (docs/developers.md, "Extending")."""

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        indexes = [
            # Counting a listing's open postings reads only this index, never the wide rows
            # (PostgreSQL: an index-only scan; about 3x faster at 10,000 postings, see
            # docs/performance.md).
            models.Index(fields=["closes_at", "page_ptr"], name="careers_posting_open_idx"),
            # "Newest first" walks this index and stops after one page of visible postings,
            # instead of sorting every open posting (43 ms to 3 ms at 10,000 postings).
            models.Index(fields=["-date_posted"], name="careers_posting_newest_idx"),
        ]
