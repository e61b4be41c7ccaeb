"""Every public surface of the app at once: pages and feeds (in each language), API, sitemap."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.contrib.sitemaps.views import sitemap

from careers.api import PostingsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("postings", PostingsAPIViewSet)

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap),
]
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
