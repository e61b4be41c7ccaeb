"""Cross-origin reading of what the app publishes for other sites: the RSS, Atom and JSON
feeds and the API's postings endpoint.

They are public and the same for every reader, so any origin may read them
(``Access-Control-Allow-Origin: *``), never with credentials: a browser sends no cookies with
such a request, and a response that allows every origin does not vary by ``Origin``. A
preflight (``OPTIONS`` with ``Access-Control-Request-Method``) is answered here, without
building the feed.
"""

from django.http import HttpResponse

#: Methods another origin may use: reading only.
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
#: Request headers a reader may send beyond the CORS-safelisted ones (conditional requests).
ALLOWED_HEADERS = "Accept, Accept-Language, If-Modified-Since, If-None-Match"
#: Seconds a browser may remember a preflight's answer.
PREFLIGHT_MAX_AGE = 86400


def allow_any_origin(response):
    """Let any origin read ``response`` (a public, anonymous one), without credentials."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def is_preflight(request):
    return request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META


def preflight_headers(response):
    allow_any_origin(response)
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def options_response():
    """The answer to ``OPTIONS`` (a preflight or not): no body, what is allowed."""
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    return preflight_headers(response)
