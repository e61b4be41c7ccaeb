from django.conf import settings

# No inline scripts, styles or event handlers, nothing from elsewhere.
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


class StrictContentSecurityPolicyMiddleware:
    """Sends ``POLICY`` on the public pages while ``TESTS_STRICT_CSP`` is set (the second host
    site of the browser tests); Wagtail's admin is left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(settings, "TESTS_STRICT_CSP", False) and not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", POLICY)
        return response
