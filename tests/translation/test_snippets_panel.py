"""The languages panel names the organisations and statement still to translate, and leads there."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail_localize.models import Translation

from careers.models import EqualOpportunityStatement, Organisation

from .test_localize import submit

pytestmark = pytest.mark.i18n


def section(admin_client, page):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".careers-snippets-to-translate")


@pytest.mark.django_db
def test_the_translation_names_its_untranslated_snippets(
    admin_client,
    rich_posting,
    locale_es,
):
    statement = EqualOpportunityStatement.objects.create(
        title="Equal opportunities", text="<p>We welcome everyone.</p>", is_default=True
    )
    assert section(admin_client, rich_posting) is None

    submit(admin_client, rich_posting, locale_es)
    spanish_org = Organisation.objects.get(locale=locale_es)
    panel = section(admin_client, rich_posting)
    assert panel is not None
    text = " ".join(panel.get_text().split())
    assert (
        "still to translate: Spanish: Organisation: Home Workers Federation (0% translated)" in text
    )
    assert "Equal-opportunity statement: Equal opportunities (no translation yet)" in text
    links = {a.get_text(strip=True): a for a in panel.select("a")}
    assert links["Home Workers Federation"]["href"] == reverse(
        "wagtailsnippets_careers_organisation:edit", args=[spanish_org.pk]
    )
    assert links["Equal opportunities"]["href"] == reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["careers", "equalopportunitystatement", statement.pk],
    )
    assert not panel.select("[target]")

    organisation_translation = Translation.objects.get(
        source__object_id=spanish_org.translation_key, target_locale=locale_es
    )
    admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[organisation_translation.pk]),
        {"next": "/admin/"},
    )
    text = " ".join(section(admin_client, rich_posting).get_text().split())
    assert "Home Workers Federation" not in text
    assert "Equal opportunities" in text
