"""A front-end cache backend that records what it is asked to purge, as Wagtail's own tests do."""

from wagtail.contrib.frontend_cache.backends import BaseBackend

PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)
