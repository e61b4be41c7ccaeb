from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from careers.api import PostingsAPIViewSet, SyndicatedPostingsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("postings", PostingsAPIViewSet)
api_router.register_endpoint("allied-postings", SyndicatedPostingsAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls), path("", include(wagtail_urls))]
