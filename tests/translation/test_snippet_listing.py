"""The organisations list says which language each is in, and filters by language."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale

pytestmark = pytest.mark.i18n


@pytest.mark.django_db
def test_organisations_list_by_language(admin_client, organisation):
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    translated = organisation.copy_for_translation(spanish)
    translated.name = "Federación de Trabajadoras a Domicilio"
    translated.save()
    url = reverse("wagtailsnippets_careers_organisation:list")
    response = admin_client.get(url)
    soup = BeautifulSoup(response.content, "html.parser")
    headers = [th.get_text(" ", strip=True) for th in soup.select("table thead th")]
    assert headers[-1] == "Language"
    rows = {
        row.select("td")[1].get_text(" ", strip=True).split(" Edit")[0]: row.select("td")[-1]
        for row in soup.select("table tbody tr")
    }
    assert rows["Home Workers Federation"].get_text(strip=True) == "English"
    assert rows["Federación de Trabajadoras a Domicilio"].get_text(strip=True) == "Español"
    assert soup.select('input[name="locale"][value="es"]')
    response = admin_client.get(url, {"locale": "es"})
    text = BeautifulSoup(response.content, "html.parser").select_one("table").get_text(" ")
    assert "Federación" in text and "Home Workers Federation" not in text
