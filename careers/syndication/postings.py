"""Syndicated postings among a listing's results: what ``PostingQuery.pages_for`` returns for
rows of the listing index that are not pages of this site."""

from ..models import SyndicatedPosting


def attach_syndicated(rows):
    """Give each syndicated row among ``rows`` (index rows) its ``syndicated_posting``: one
    query, only when there are such rows. Joining every row of a page with the syndicated
    postings' table (``select_related``) made each listing's query larger to plan and read,
    on sites that show no allied posting too."""
    ids = {row.syndicated_posting_id for row in rows if row.syndicated_posting_id is not None}
    if not ids:
        return rows
    found = SyndicatedPosting.objects.in_bulk(ids)
    for row in rows:
        if row.syndicated_posting_id is not None:
            # None when it was deleted since the row was read: the row is then left out.
            row.syndicated_posting = found.get(row.syndicated_posting_id)
    return rows


def in_entry_order(rows, pages):
    """The postings of ``rows`` (index rows, read with their ``locale``, and given their
    ``syndicated_posting`` by :func:`attach_syndicated`) in their order: the page of each row
    of this site's pages (from ``pages``), and the :class:`SyndicatedPosting` of each
    syndicated row, shown in the row's language where the origin has that version
    (:meth:`SyndicatedPosting.show_in`)."""
    by_id = {page.pk: page for page in pages}
    postings = []
    for row in rows:
        if row.page_id is not None:
            if row.page_id in by_id:
                postings.append(by_id[row.page_id])
        elif row.syndicated_posting is not None:
            posting = row.syndicated_posting
            posting.show_in(row.locale.language_code)
            postings.append(posting)
    return postings


def feed_item(posting, summary):
    """A syndicated posting as a JSON Feed item: its ``url`` (and ``id``) the origin's page, its
    facts under ``_careers`` as the origin gave them, with ``origin`` saying where it is from.
    ``summary`` is the item's text, as for this site's postings."""
    data = posting.data
    return {
        "id": posting.link,
        "url": posting.link,
        "external_url": posting.link,
        "title": posting.title,
        "content_text": summary,
        "summary": posting.introduction,
        "date_published": posting.first_published_at.isoformat(),
        "language": posting.language,
        "authors": [{"name": organisation.name} for organisation in posting.employers],
        "tags": [*posting.employment_types, posting.workplace_type],
        "_careers": {
            "origin": posting.origin,
            "posting_id": str(posting.posting_key),
            "status": str(posting.status.value),
            "employment_types": posting.employment_types,
            "workplace_type": posting.workplace_type,
            "applicant_regions": data.get("applicant_regions", []),
            "applicant_countries": data.get("applicant_countries", []),
            "organisations": data.get("organisations", []),
            "languages_required": data.get("languages", []),
            "closes_at": posting.closes_at.isoformat() if posting.closes_at else None,
            "closing_timezone": data.get("closing_timezone", ""),
            "open_until_filled": posting.closes_at is None,
            "date_posted": data.get("date_posted"),
            "is_filled": posting.is_filled,
            "translations": posting.translations,
        },
    }


def keyword_postings(text):
    """Other sites' postings whose title or summary holds every word of ``text`` (quoted
    phrases as words): they are not in this site's search index, so their stored text is
    matched instead. None when ``text`` holds no word."""
    from django.db.models import Q

    from ..keywords import QUOTES, _words

    words = _words(text.translate(QUOTES).replace('"', " "))
    if not words:
        return None
    postings = SyndicatedPosting.objects.all()
    for word in words:
        postings = postings.filter(Q(title__icontains=word) | Q(data__summary__icontains=word))
    return postings


def keyword_q(text):
    """Syndicated rows of the postings :func:`keyword_postings` finds, for the keyword filter;
    None when ``text`` holds no word."""
    from django.db.models import Q

    postings = keyword_postings(text)
    if postings is None:
        return None
    return Q(page__isnull=True, syndicated_posting__in=postings.values("pk"))
