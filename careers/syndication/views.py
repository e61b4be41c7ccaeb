"""The admin of syndication sources: a snippet listing that shows how each source's last
fetch went, in words, and a "Fetch now" action (a confirmation, then a POST)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

try:  # Wagtail 8: the items of a listing row's "More" menu
    from wagtail.admin.widgets.button import MenuItem as MoreMenuItem
except ImportError:  # Wagtail 7.0: listing buttons, which the menu takes as they are
    from wagtail.admin.widgets.button import ListingButton as MoreMenuItem

from ..models import SyndicationSource
from .forms import SyndicationSourceForm
from .items import FetchResult
from .sync import sync_source

PERMISSION = "careers.change_syndicationsource"


def _when(name):
    """A moment as a date and time in the active time zone (the next fetch is in the future,
    which "… ago" columns cannot say)."""

    def value(source):
        moment = getattr(source, name)
        if moment is None:
            return ""
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")

    return value


class MessagesColumn(Column):
    """The last fetch's messages, one per line."""

    cell_template_name = "careers/admin/messages_cell.html"


class SourceIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.request.user.has_perm(PERMISSION):
            buttons.append(
                MoreMenuItem(
                    gettext_lazy("Fetch now"),
                    url=reverse(
                        "wagtailsnippets_careers_syndicationsource:fetch", args=[instance.pk]
                    ),
                    icon_name="rotate",
                    priority=15,
                )
            )
        return buttons


def fetch_now(request, pk):
    """GET: ask to confirm; POST: fetch the source now, and say how it went."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    source = get_object_or_404(SyndicationSource, pk=pk)
    index_url = reverse("wagtailsnippets_careers_syndicationsource:list")
    if request.method != "POST":
        return TemplateResponse(
            request,
            "careers/admin/fetch_now.html",
            {"source": source, "index_url": index_url},
        )
    result = sync_source(source)
    text = source.last_messages.replace("\n", " ")
    if result.outcome == FetchResult.FAILED:
        messages.error(
            request,
            _("“%(name)s” could not be fetched. %(messages)s") % {"name": source, "messages": text},
        )
    else:
        messages.success(
            request, _("“%(name)s” was fetched. %(messages)s") % {"name": source, "messages": text}
        )
    return redirect(index_url)


class SyndicationSourceViewSet(SnippetViewSet):
    model = SyndicationSource
    icon = "rss"
    menu_label = gettext_lazy("Allied feeds")
    index_view_class = SourceIndexView
    search_fields = ["name", "feed_url"]
    list_display = [
        "name",
        BooleanColumn("enabled", label=gettext_lazy("Enabled")),
        Column(
            "last_fetched_at", label=gettext_lazy("Last fetched"), accessor=_when("last_fetched_at")
        ),
        Column(
            "last_outcome",
            label=gettext_lazy("Last result"),
            accessor=lambda source: source.get_last_outcome_display(),
        ),
        MessagesColumn("last_messages", label=gettext_lazy("Messages")),
        Column("next_fetch_at", label=gettext_lazy("Next fetch"), accessor=_when("next_fetch_at")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("feed_url"),
            FieldPanel("organisations"),
            FieldPanel("languages"),
            FieldPanel("listings"),
            FieldPanel("enabled"),
            MultiFieldPanel(
                [
                    FieldPanel(name, read_only=True)
                    for name in (
                        "last_fetched_at",
                        "last_outcome",
                        "last_messages",
                        "failures",
                        "last_success_at",
                        "next_fetch_at",
                    )
                ],
                heading=gettext_lazy("Fetches"),
            ),
        ],
        base_form_class=SyndicationSourceForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("fetch/<int:pk>/", fetch_now, name="fetch")]
