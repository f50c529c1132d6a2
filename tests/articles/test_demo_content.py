import re

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleCitation, Citation
from clinic.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_without_duplicates(client):
    call_command("load_demo_content")
    call_command("load_demo_content")
    assert Article.objects.count() == 2
    assert Citation.objects.count() == 1
    assert ArticleCitation.objects.count() == 2

    citation = Citation.objects.get()
    assert citation.doi == "10.4103/0028-3886.103185"
    assert citation.pmid == ""
    assert citation.participants == 10
    assert citation.vancouver().endswith("Neurol India. 2012;60(5):465-9.")

    treatment = Article.objects.get(slug="stem-cell-therapy-for-als")
    assert treatment.regulatory_status == Article.RegulatoryStatus.NOT_APPROVED
    # The clinic's name and number come from the site settings, never from an article's text.
    assert SiteSettings.load().clinic_name not in treatment.body
    assert not re.search(r"[0-9]{3}[-. ][0-9]{3}[-. ][0-9]{4}", treatment.body)
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Not approved by the FDA for ALS" in html
    assert "1 study: pilot study / case series, 10 participants, not randomized" in html

    condition = Article.objects.get(slug="amyotrophic-lateral-sclerosis")
    assert "Lou Gehrig" in condition.also_known_as
    assert "Slurred speech".lower() in condition.body.lower()
    assert list(condition.related.all()) == [treatment]
