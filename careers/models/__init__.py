from .listing import CareersIndexPage, ListingOrganisation, ListingScope
from .orderables import HiringOrganisation, PostingLocation
from .posting import JobPostingPage
from .snippets import EqualOpportunityStatement, Organisation

__all__ = [
    "CareersIndexPage",
    "EqualOpportunityStatement",
    "HiringOrganisation",
    "JobPostingPage",
    "ListingOrganisation",
    "ListingScope",
    "Organisation",
    "PostingLocation",
]
