"""The embed: a listing's open positions as a small HTML document of its own, for a frame on
any website that the listing's editors allow (``embed_allowed_origins``).

The frame's document uses none of the host site's templates, sets no cookie (no session, CSRF
or language cookie: it never asks for them), loads nothing from elsewhere and runs no inline
script, so it keeps to its own strict ``Content-Security-Policy``; its ``frame-ancestors``
names the allowed origins, and it alone is exempt from ``X-Frame-Options``. Every other page
keeps the site's clickjacking protection.

``careers/embed.js``, included by the host page, turns ``<div data-careers-embed="<listing
url>">`` into the frame and sizes it from the height that ``careers/embed-frame.js`` (inside
the frame) posts to it.
"""

from urllib.parse import urlsplit

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import escape

from . import cache
from .addresses import absolute_url, site_root_url
from .conf import i18n_enabled
from .listing.request import bounded_parameters

#: A plain frame's height, where the host page does not include ``embed.js``.
FALLBACK_HEIGHT = 600


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def static_origin():
    """The origin static files come from when ``STATIC_URL`` is on another host, else ''."""
    return _origin(static("careers/embed.css"))


def content_security_policy(origins):
    """The embed's own policy: its stylesheet and script from this site (or the static host),
    nothing else, framed only by ``origins``."""
    own = "'self'"
    other = static_origin()
    sources = f"{own} {other}" if other else own
    ancestors = " ".join(origins) or "'none'"
    return (
        f"default-src 'none'; style-src {sources}; script-src {sources}; "
        f"img-src 'self' data:; frame-ancestors {ancestors}; base-uri 'none'; "
        "form-action 'self'"
    )


def shown_page(page, request):
    """The listing whose positions the frame shows: its live, public translation in the
    language asked for (``?lang=es``; embed.js passes the host page's own ``<html lang>``), or
    for a regional one in its language (``es-MX``: ``es-mx`` if the site has it, else ``es``),
    else the listing itself."""
    code = (request.GET.get("lang") or "")[:16].strip().lower().replace("_", "-")
    if not code or not i18n_enabled() or code == page.locale.language_code.lower():
        return page
    wanted = [code]
    if "-" in code:
        wanted.append(code.split("-", 1)[0])
    translations = {
        translation.locale.language_code.lower(): translation
        for translation in page.get_translations()
        .live()
        .public()
        .select_related("locale")
        .specific()
    }
    for candidate in wanted:
        if candidate == page.locale.language_code.lower():
            return page
        if candidate in translations:
            return translations[candidate]
    return page


def embed_response(page, request):
    """The frame's document for ``page`` (a live listing page), or 404 when it may not be
    embedded anywhere."""
    origins = page.embed_origins
    if not origins:
        raise Http404("This listing may not be embedded on other websites.")
    shown = shown_page(page, request)
    show_filters = page.embed_filters and request.GET.get("filters") in ("1", "true", "on")
    language = shown.locale.language_code if i18n_enabled() else translation.get_language()
    with translation.override(language):
        listing = shown.get_listing(request)
        if not show_filters:
            # The editors did not offer filters, or this frame did not ask for them: the
            # open positions, a page at a time, whatever else the address says (the listing
            # reads its parameters lazily, so replacing them before anything is read is safe).
            listing.data = bounded_parameters(request.GET, {"page"})

        def render():
            return render_to_string(
                "careers/embed.html",
                {
                    "page": shown,
                    "listing": listing,
                    "show_filters": show_filters,
                    "language": language,
                    "hidden": {"lang": request.GET.get("lang", "")[:16], "filters": "1"},
                },
                request=request,
            )

        entry = cache.Entry(
            parts=[
                *listing.query.cache_key(),
                "embed",
                *cache.request_parts(request),
                f"shown={shown.pk}",
                f"filters={show_filters}",
                listing.status,
                listing.filter_querystring,
                ",".join(listing.ignored),
                listing.page_number,
            ],
            valid_until=listing.valid_until,
        )
        content = cache.cached_entry(entry, render)
    response = HttpResponse(content, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = content_security_policy(origins)
    response["Content-Language"] = language
    response["X-Content-Type-Options"] = "nosniff"
    # Django's XFrameOptionsMiddleware leaves this response alone: frame-ancestors says who may
    # frame it (browsers that know CSP ignore X-Frame-Options when frame-ancestors is given).
    response.xframe_options_exempt = True
    return cache.set_cache_control(response, request, listing.valid_until)


def embed_code(page):
    """What the listing page's admin shows a webmaster: the snippet with the page's real
    address, the host page's Content-Security-Policy sources, a plain frame without script."""
    listing_url = page.get_full_url() or ""
    origin = _origin(listing_url) or site_root_url(page)
    script_url = absolute_url(page, static("careers/embed.js")) or static("careers/embed.js")
    if not urlsplit(script_url).netloc and origin:
        script_url = origin + script_url
    script_origin = _origin(script_url)
    sources = " ".join(dict.fromkeys(filter(None, [script_origin, origin])))
    frame_url = listing_url + page.reverse_subpage("embed")
    with translation.override(page.locale.language_code if i18n_enabled() else None):
        title = translation.gettext("Open positions: %(title)s") % {"title": page.title}
    # No data-lang: the listing's own address is in its own language, and the frame's address
    # stays the one a front-end cache purge names (``cache.listing_cached_paths``).
    snippet = (
        f'<script src="{escape(script_url)}" defer></script>\n'
        f'<div data-careers-embed="{escape(listing_url)}" data-title="{escape(title)}"'
        + (" data-filters" if page.embed_filters else "")
        + "></div>"
    )
    iframe = (
        f'<iframe src="{escape(frame_url)}" title="{escape(title)}" width="100%" '
        f'height="{FALLBACK_HEIGHT}" style="border: 0"></iframe>'
    )
    return {
        "enabled": bool(page.embed_origins),
        "live": page.live,
        "snippet": snippet,
        "csp": f"script-src {sources}; frame-src {origin}",
        "iframe": iframe,
        "listing_url": listing_url,
        "frame_url": frame_url,
    }
