import django_filters
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .choices import EmploymentType, WorkplaceType
from .conf import i18n_enabled
from .models import (
    AbstractJobPostingPage,
    EqualOpportunityStatement,
    JobPostingPage,
    Organisation,
    SyndicationSource,
)
from .status import PostingStatus
from .syndication.index import reindex_syndicated
from .syndication.views import SyndicationSourceViewSet
from .templatetags.careers_tags import careers_local_datetime


def _deadline_missing(posting):
    """A draft with neither a closing date nor *open until filled* has no status yet."""
    return posting.closes_at is None and not posting.open_until_filled


class PostingStatusColumn(Column):
    def get_value(self, instance):
        if _deadline_missing(instance):
            return ""
        return instance.status.label


class ClosingColumn(Column):
    """The closing date and time in the posting's own time zone (not "x ago")."""

    def get_value(self, instance):
        if _deadline_missing(instance):
            return ""
        if instance.closes_at is None:
            return _("Open until filled")
        return careers_local_datetime(instance.closes_at_local)


class JobPostingFilterSet(PageFilterSet):
    employment_type = django_filters.ChoiceFilter(
        label=_("Type of employment"), choices=EmploymentType.choices, method="filter_type"
    )
    workplace_type = django_filters.ChoiceFilter(
        label=_("Workplace"), choices=WorkplaceType.choices
    )
    closing = django_filters.ChoiceFilter(
        label=_("Applications"),
        choices=[(status, status.label) for status in (PostingStatus.OPEN, PostingStatus.CLOSED)],
        method="filter_closing",
    )

    class Meta:
        model = JobPostingPage
        fields = []

    def filter_type(self, queryset, name, value):
        return queryset.filter(employment_types__contains=value)

    def filter_closing(self, queryset, name, value):
        if value == PostingStatus.OPEN:
            return queryset.filter(
                Q(closes_at__gt=timezone.now()) | Q(closes_at__isnull=True, open_until_filled=True)
            )
        if value == PostingStatus.CLOSED:
            return queryset.filter(closes_at__lte=timezone.now())
        return queryset


class JobPostingListingViewSet(PageListingViewSet):
    model = JobPostingPage
    icon = "doc-full-inverse"
    menu_label = _("Job postings")
    name = "careers_postings"
    add_to_admin_menu = False
    filterset_class = JobPostingFilterSet
    columns = [
        *PageListingViewSet.columns,
        ClosingColumn("closes_at", label=_("Closes"), sort_key="closes_at", width="20%"),
        PostingStatusColumn("status", label=_("Applications"), width="12%"),
    ]


class LanguageColumn(Column):
    def get_value(self, instance):
        return instance.locale.get_display_name()


class TranslatableSnippetViewSet(SnippetViewSet):
    """Snippets in several languages: a language column where the site has several (the filter
    by language comes with Wagtail's listing)."""

    columns_before_language = []

    @property
    def list_display(self):
        columns = list(self.columns_before_language)
        if i18n_enabled():
            columns.append(LanguageColumn("locale", label=_("Language"), sort_key="locale"))
        return columns

    def get_queryset(self, request):
        return self.model.objects.select_related("locale")


class OrganisationViewSet(TranslatableSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    columns_before_language = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]


class EqualOpportunityStatementViewSet(TranslatableSnippetViewSet):
    model = EqualOpportunityStatement
    icon = "openquote"
    menu_label = _("Statements")
    columns_before_language = ["title", "is_default"]


class CareersViewSetGroup(ViewSetGroup):
    menu_label = _("Careers")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (
        JobPostingListingViewSet,
        OrganisationViewSet,
        EqualOpportunityStatementViewSet,
        SyndicationSourceViewSet,
    )


@hooks.register("register_admin_viewset")
def register_careers_viewsets():
    return CareersViewSetGroup()


@hooks.register("insert_editor_js")
def editor_js():
    return format_html('<script src="{}" defer></script>', static("careers/editor.js"))


@hooks.register("insert_editor_css")
def editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("careers/editor.css"))


def _warn_if_closed(request, page):
    page = page.specific
    if (
        isinstance(page, AbstractJobPostingPage)
        and page.live
        and page.status == PostingStatus.CLOSED
        and not page.is_filled
    ):
        messages.warning(
            request,
            _(
                "“%(title)s” is published, but its closing date has passed, so visitors see "
                "that applications are closed. Change the closing date if it should be open."
            )
            % {"title": page.title},
        )


@hooks.register("before_delete_snippet")
def refuse_deleting_organisations_in_use(request, instances):
    """Organisations named on postings or listing pages cannot be deleted (the keys PROTECT them).

    Wagtail 8 explains this on its own confirmation page; Wagtail 7.0 does not see the protection
    through the posting's inline rows and would let the deletion fail with a server error. This
    hook gives both the same clear answer, for single and bulk deletion, before anything happens.
    """
    in_use = [
        instance
        for instance in instances
        if isinstance(instance, Organisation)
        and (instance.hiring_links.exists() or instance.listing_links.exists())
    ]
    if not in_use:
        return None
    for organisation in in_use:
        messages.error(
            request,
            _(
                "“%(name)s” cannot be deleted because postings or careers pages name it. "
                "Remove it from them first; the usage page lists where it is used."
            )
            % {"name": organisation},
        )
    if len(in_use) == 1:
        return redirect("wagtailsnippets_careers_organisation:usage", in_use[0].pk)
    return redirect("wagtailsnippets_careers_organisation:list")


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def reindex_syndicated_postings(request, instance):
    """A source's listings or state changed: its postings' rows follow now; what it takes
    (organisations, languages, address) changes at the next fetch, due at once and in full."""
    if isinstance(instance, SyndicationSource):
        SyndicationSource.objects.filter(pk=instance.pk).update(
            etag="", last_modified="", next_fetch_at=None
        )
        reindex_syndicated()


hooks.register("after_create_page", _warn_if_closed)
hooks.register("after_edit_page", _warn_if_closed)
