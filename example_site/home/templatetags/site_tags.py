from django import template

register = template.Library()


@register.simple_tag
def other_languages(page):
    """The page's live versions in other languages, with their locales in the same query."""
    return page.get_translations().live().select_related("locale").order_by("locale__language_code")
