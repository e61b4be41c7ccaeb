from wagtail.models import Page


class BarePage(Page):
    """The baseline: a Wagtail page with nothing but a title, on the same base template."""

    template = "bench/bare_page.html"
