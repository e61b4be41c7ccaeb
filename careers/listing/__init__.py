"""What a careers listing does for a request: read the visitor's filters
(:mod:`~careers.listing.filters`), work out the choices it offers
(:mod:`~careers.listing.options`), page and sort the postings
(:mod:`~careers.listing.request`), and publish the same selection as feeds
(:mod:`~careers.listing.feeds`).

Which postings a listing may show at all is decided elsewhere, once, by
:class:`careers.visibility.PostingQuery` over the listing index.
"""

from .request import PostingListing

__all__ = ["PostingListing"]
