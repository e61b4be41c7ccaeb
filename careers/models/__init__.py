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
from .snippets import EqualOpportunityStatement, Organisation
from .syndication import FetchOutcome, SyndicatedPosting, SyndicationSource


def posting_models():
    """Every concrete posting page model: ``JobPostingPage`` and the subclasses a site made of
    it or of ``AbstractJobPostingPage``."""
    return [model for model in get_page_models() if issubclass(model, AbstractJobPostingPage)]


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
    "SyndicatedPosting",
    "SyndicationSource",
    "listing_models",
    "posting_body_field",
    "posting_models",
]
