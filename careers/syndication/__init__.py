"""Postings of allied sites: fetched from their feeds, kept as rows of the listing index, shown
beside this site's own postings and linking to the origin's page."""
