from .index import Facet, ListingEntry, ListingFacet
from .listing import CareersIndexPage, ListingOrganisation, ListingScope
from .orderables import HiringOrganisation, PostingLocation
from .posting import JobPostingPage
from .snippets import EqualOpportunityStatement, Organisation

__all__ = [
    "CareersIndexPage",
    "EqualOpportunityStatement",
    "Facet",
    "HiringOrganisation",
    "JobPostingPage",
    "ListingEntry",
    "ListingFacet",
    "ListingOrganisation",
    "ListingScope",
    "Organisation",
    "PostingLocation",
]
