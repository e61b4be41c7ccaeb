"""The Wagtail API (Wagtail's "API v2 configuration guide"), with the careers postings endpoint
as docs/developers.md shows."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from careers.api import PostingsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("postings", PostingsAPIViewSet)
