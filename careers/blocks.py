"""StreamField blocks for job postings.

wagtail-localize extracts translation segments from every block here. Two rules keep that true:
optional CharBlock/TextBlock get ``default=""``, and no ListBlock sits inside a StructBlock that
is itself inside another StructBlock.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .choices import ApplicationDocument, Importance, LanguageLevel, ListStyle, language_choices
from .conf import OPEN_POSITIONS_LIMIT, OPEN_POSITIONS_MAX_LIMIT
from .list_entries import EntryPerItemListBlock

INLINE_FEATURES = ["bold", "italic", "link"]
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def _heading(help_text=None):
    return blocks.CharBlock(
        required=False, default="", max_length=255, label=_("Heading"), help_text=help_text
    )


def _intro():
    return blocks.RichTextBlock(
        required=False,
        features=TEXT_FEATURES,
        label=_("Introduction"),
        help_text=_("Optional text shown before the list."),
    )


class TextChoiceBlock(blocks.ChoiceBlock):
    """A choice stored as text, read back from the database without looking it up among the
    choices.

    Wagtail's ``ChoiceBlock.to_python`` searches the choices for the stored text and returns
    the stored text when it finds none, so for text it always returns what it was given; with
    a hundred languages, built afresh on every call, that search was most of the time a feed
    took to read its postings' language requirements, and the levels and importances beside
    them were searched as well. Migrations record it as a plain ChoiceBlock.
    """

    @property
    def canonical_module_path(self):
        return "wagtail.blocks.ChoiceBlock"

    def to_python(self, value):
        if isinstance(value, str):
            return value
        return super().to_python(value)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255, label=_("Heading"))
    level = TextChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "careers/blocks/heading.html"
        preview_value = {"text": "The position", "level": "h2"}
        description = _("A heading that starts a new section of the posting.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", TEXT_FEATURES + ["h3"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "careers/blocks/paragraph.html"
        preview_value = "<p>The coordinator works with member organisations across the region.</p>"
        description = _("Paragraphs of text, with links and lists.")


class DutiesBlock(blocks.StructBlock):
    heading = _heading(_("For example “Responsibilities” or “Support to local teams”."))
    intro = _intro()
    list_style = TextChoiceBlock(
        choices=ListStyle.choices, default=ListStyle.BULLETED, label=_("List style")
    )
    items = EntryPerItemListBlock(
        blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Duty")),
        min_num=1,
        label=_("Duties"),
        help_text=_("One duty or responsibility per item."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Duties")
        template = "careers/blocks/duties.html"
        preview_value = {
            "heading": "Responsibilities",
            "list_style": "numbered",
            "items": [
                "Coordinate with member organisations on regional activities.",
                "Prepare narrative and financial reports.",
            ],
        }
        description = _("A group of duties, with an optional heading and introduction.")


class RequirementBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label=_("Requirement"))
    importance = TextChoiceBlock(
        choices=Importance.choices, default=Importance.ESSENTIAL, label=_("Essential or desirable")
    )

    class Meta:
        icon = "check"
        label = _("Requirement")


class RequirementsBlock(blocks.StructBlock):
    heading = _heading(_("For example “Required experience and qualifications” or “Skills”."))
    intro = _intro()
    list_style = TextChoiceBlock(
        choices=ListStyle.choices, default=ListStyle.BULLETED, label=_("List style")
    )
    items = EntryPerItemListBlock(RequirementBlock(), min_num=1, label=_("Requirements"))

    class Meta:
        icon = "check"
        label = _("Candidate profile requirements")
        template = "careers/blocks/requirements.html"
        preview_value = {
            "heading": "Skills and competencies",
            "items": [
                {
                    "text": "Five years of experience in people management.",
                    "importance": "essential",
                },
                {"text": "Knowledge of urban planning.", "importance": "desirable"},
            ],
        }
        description = _("A group of requirements, each marked essential or desirable.")


class LanguageRequirementBlock(blocks.StructBlock):
    """One language, or a group of languages any one of which will do, at one level."""

    language = TextChoiceBlock(choices=language_choices, label=_("Language"))
    alternatives = blocks.ListBlock(
        TextChoiceBlock(choices=language_choices, label=_("Language")),
        min_num=0,
        default=[],
        label=_("Or any one of"),
        help_text=_(
            "Other languages that will do instead: the candidate needs any one of this group, "
            "not all. Leave empty when this language itself is needed."
        ),
    )
    level = TextChoiceBlock(
        choices=LanguageLevel.choices, default=LanguageLevel.FLUENT, label=_("Level")
    )
    importance = TextChoiceBlock(
        choices=Importance.choices, default=Importance.ESSENTIAL, label=_("Essential or desirable")
    )

    class Meta:
        icon = "globe"
        label = _("Language")


class LanguageRequirementsBlock(blocks.StructBlock):
    heading = _heading()
    items = blocks.ListBlock(
        LanguageRequirementBlock(),
        min_num=1,
        label=_("Languages"),
        help_text=_(
            "The candidate needs every item; an item with other languages is a group, any one "
            "of which will do."
        ),
    )

    class Meta:
        icon = "globe"
        label = _("Language requirements")
        template = "careers/blocks/language_requirements.html"
        preview_value = {
            "heading": "Languages",
            "items": [
                {"language": "en", "level": "fluent", "importance": "essential"},
                {
                    "language": "fr",
                    "alternatives": ["es", "ar", "sw"],
                    "level": "working",
                    "importance": "essential",
                },
            ],
        }
        description = _(
            "Languages the candidate needs. Visitors can filter postings by these languages."
        )


def language_requirement(item):
    """A language requirement's facts as plain data: ``languages``, any one of which will do
    (one language, or a group), ``language``, the first of them, ``level`` and ``importance``."""
    languages = [item["language"]]
    for code in item.get("alternatives") or []:
        if code and code not in languages:
            languages.append(code)
    return {
        "language": languages[0],
        "languages": languages,
        "level": item["level"],
        "importance": item["importance"],
    }


class AboutOrganisationBlock(blocks.StructBlock):
    heading = _heading(_("Leave empty to use “About” and the organisation’s name."))
    organisation = SnippetChooserBlock("careers.Organisation", label=_("Organisation"))

    class Meta:
        icon = "group"
        label = _("About the organisation")
        template = "careers/blocks/about_organisation.html"
        description = _("The organisation’s own description, kept up to date in one place.")


class WhatWeOfferBlock(blocks.StructBlock):
    heading = _heading(_("Leave empty to use “What we offer”."))
    text = blocks.RichTextBlock(required=False, features=TEXT_FEATURES, label=_("Text"))
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=500, label=_("Benefit")),
        min_num=0,
        default=[],
        label=_("Benefits"),
    )

    class Meta:
        icon = "pick"
        label = _("What we offer")
        template = "careers/blocks/what_we_offer.html"
        preview_value = {
            "text": "<p>A one-year consultancy with a three-month trial period.</p>",
            "items": ["Flexible hours", "Work from home"],
        }
        description = _("Contract terms, pay and benefits as they should read to a candidate.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        default="",
        max_length=255,
        label=_("Link text"),
        help_text=_("Leave empty to use the document’s title."),
    )
    description = blocks.TextBlock(required=False, default="", label=_("Description"))

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "careers/blocks/document.html"
        description = _("A file to download, such as the full terms of reference.")


class CalloutBlock(blocks.StructBlock):
    tone = TextChoiceBlock(
        choices=[("info", _("Information")), ("important", _("Important"))],
        default="info",
        label=_("Tone"),
    )
    heading = _heading()
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "careers/blocks/callout.html"
        preview_value = {
            "tone": "important",
            "text": "<p>We cannot offer relocation. Applicants must already live in the city.</p>",
        }
        description = _("A highlighted note, such as a condition every applicant must meet.")


class PostingBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    duties = DutiesBlock()
    requirements = RequirementsBlock()
    languages = LanguageRequirementsBlock()
    about_organisation = AboutOrganisationBlock()
    what_we_offer = WhatWeOfferBlock()
    document = DocumentBlock()
    callout = CalloutBlock()

    class Meta:
        template = "careers/blocks/stream.html"


class ApplicationDocumentBlock(blocks.StructBlock):
    kind = TextChoiceBlock(choices=ApplicationDocument.choices, label=_("Document"))
    details = blocks.CharBlock(
        required=False,
        default="",
        max_length=255,
        label=_("Details"),
        help_text=_("For example “in English” or “explaining your motivation”."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document asked for")
        template = "careers/blocks/application_document.html"

    @cached_property
    def kind_labels(self):
        return dict(ApplicationDocument.choices)


class RefereesBlock(blocks.StructBlock):
    count = blocks.IntegerBlock(min_value=1, max_value=10, default=2, label=_("Number of referees"))
    details = blocks.CharBlock(
        required=False,
        default="",
        max_length=255,
        label=_("Details"),
        help_text=_("For example “from your employment history”."),
    )

    class Meta:
        icon = "user"
        label = _("Referees")
        template = "careers/blocks/referees.html"


class ApplicationDocumentsBlock(blocks.StreamBlock):
    document = ApplicationDocumentBlock()
    referees = RefereesBlock()

    class Meta:
        template = "careers/blocks/application_documents.html"


class OpenPositionsBlock(blocks.StructBlock):
    """The open postings of a careers page (or of chosen organisations), for any site's pages."""

    heading = _heading(_("Leave empty to use “Open positions”."))
    listing_page = blocks.PageChooserBlock(
        page_type="careers.CareersIndexPage",
        required=False,
        label=_("Careers page"),
        help_text=_("The postings this careers page lists. Leave empty for the whole site."),
    )
    organisations = blocks.ListBlock(
        SnippetChooserBlock("careers.Organisation"),
        min_num=0,
        default=[],
        label=_("Only postings by"),
        help_text=_("Leave empty for every organisation."),
    )
    limit = blocks.IntegerBlock(
        min_value=1,
        max_value=OPEN_POSITIONS_MAX_LIMIT,
        default=OPEN_POSITIONS_LIMIT,
        label=_("How many postings"),
    )
    show_all_link = blocks.BooleanBlock(
        required=False, default=True, label=_("Link to the careers page")
    )

    class Meta:
        icon = "list-ul"
        label = _("Open positions")
        template = "careers/blocks/open_positions.html"
        description = _("The open positions closing soonest, with a link to all of them.")

    def get_context(self, value, parent_context=None):
        # Deferred: careers.open_positions reads postings (careers.visibility, careers.models),
        # and the posting model imports this module for its body.
        from .open_positions import open_positions_context

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context.update(
            open_positions_context(
                request,
                listing_page=value.get("listing_page"),
                organisations=value.get("organisations"),
                limit=value.get("limit"),
                show_all_link=value.get("show_all_link"),
                heading=value.get("heading"),
            )
        )
        return context
