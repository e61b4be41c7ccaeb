from wagtail.models import get_page_models

from .careers_index import (
    AbstractCareersIndexPage,
    AbstractListingOrganisation,
    CareersIndexPage,
    ListingOrganisation,
    ListingScope,
    listing_models,
)
from .listing_index import Facet, ListingEntry, ListingFacet
from .orderables import (
    AbstractHiringOrganisation,
    AbstractPostingLocation,
    HiringOrganisation,
    PostingLocation,
)
from .posting import AbstractJobPostingPage, JobPostingPage, posting_body_field
from .querysets import PostingManager, PostingQuerySet
from .snippets import EqualOpportunityStatement, Organisation
from .syndication import FetchOutcome, SyndicatedPosting, SyndicationSource


def posting_models():
    """Every concrete posting page model: ``JobPostingPage`` and the subclasses a site made of
    it or of ``AbstractJobPostingPage``."""
    return [model for model in get_page_models() if issubclass(model, AbstractJobPostingPage)]


def posting_table_models():
    """The posting models that hold posting rows of their own: ``JobPostingPage`` (whose table
    also holds the columns of its multi-table subclasses' postings) and each model a site made
    directly from ``AbstractJobPostingPage``. Reading each of these once reads every posting,
    once."""
    models = posting_models()
    return [
        model
        for model in models
        if not model._meta.proxy
        and not any(other is not model and issubclass(model, other) for other in models)
    ]


__all__ = [
    "AbstractCareersIndexPage",
    "AbstractHiringOrganisation",
    "AbstractJobPostingPage",
    "AbstractListingOrganisation",
    "AbstractPostingLocation",
    "CareersIndexPage",
    "EqualOpportunityStatement",
    "Facet",
    "FetchOutcome",
    "HiringOrganisation",
    "JobPostingPage",
    "ListingEntry",
    "ListingFacet",
    "ListingOrganisation",
    "ListingScope",
    "Organisation",
    "PostingLocation",
    "PostingManager",
    "PostingQuerySet",
    "SyndicatedPosting",
    "SyndicationSource",
    "listing_models",
    "posting_body_field",
    "posting_models",
    "posting_table_models",
]
