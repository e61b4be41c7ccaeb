"""What a posting needs before it is published, scheduled or submitted to a workflow.

Drafts save with whatever is filled in (Wagtail's deferred validation of required fields); these
rules wait until the posting is about to be seen, so an editor can save the first lines at once.
"""

from django.utils.translation import gettext_lazy as _

from .choices import WorkplaceType


def publishing_errors(page):
    """Messages by field name for what ``page`` still lacks or contradicts; empty when ready."""
    errors = {}
    if page.open_until_filled and page.closing_date:
        errors["closing_date"] = _(
            "A posting open until filled has no closing date: clear the date, or untick "
            "“open until filled”."
        )
    elif not page.open_until_filled and not page.closing_date:
        errors["closing_date"] = _(
            "Give a closing date, or tick “open until filled” if there is none."
        )
    if page.closing_date and page.date_posted and page.closing_date < page.date_posted:
        errors["closing_date"] = _("The closing date must be on or after the date posted.")
    if not page.application_email and not page.application_url:
        errors["application_email"] = _(
            "Give at least one way to apply: an email address or a web address."
        )
    if (
        page.salary_min is not None
        and page.salary_max is not None
        and page.salary_min > page.salary_max
    ):
        errors["salary_max"] = _("The maximum pay must be at least the minimum pay.")
    if (page.salary_min is not None or page.salary_max is not None) and not (
        page.salary_currency and page.salary_period
    ):
        errors["salary_currency"] = _("Give the currency and the pay period with the figures.")
    if page.salary_currency and not (
        len(page.salary_currency) == 3 and page.salary_currency.isalpha()
    ):
        errors["salary_currency"] = _("Use a three-letter currency code, such as USD.")
    if (
        page.workplace_type == WorkplaceType.HOME_BASED
        and not page.applicant_regions
        and not page.applicant_countries
    ):
        errors["applicant_regions"] = _(
            "Say where applicants for a home-based role may live: choose regions, countries, "
            "or “Anywhere in the world”."
        )
    return errors
