"""A page "Who we are, how we are funded, conflicts of interest", linked from every page's
footer, in the clinic's words (issue 21.7)."""

import pytest
from django.urls import reverse

from clinic.models import SiteSettings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

TITLE = "Who we are, how we are funded, conflicts of interest"


def test_every_article_links_to_the_about_page_from_its_footer(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    footer = html[html.index('class="site-footer"') :]
    assert f'<a href="/about-us/">{TITLE}</a>' in footer


def test_the_about_page_says_funding_is_not_written_until_the_clinic_writes_it(client):
    html = client.get(reverse("articles:about")).content.decode()
    assert f"<h1>{TITLE}</h1>" in html
    assert "each treatment page says whether our clinic provides that treatment" in html
    assert "We have not written this section yet." in html


def test_the_about_page_shows_what_the_clinic_writes(client, committed):
    with committed():
        site = SiteSettings.load()
        site.funding = "Patients' fees pay for the clinic.\n\nNo maker of a product pays us."
        site.save()
    html = client.get(reverse("articles:about")).content.decode()
    assert "<p>Patients&#x27; fees pay for the clinic.</p>" in html
    assert "We have not written this section yet." not in html


def test_the_about_page_in_spanish(client):
    html = client.get("/es/quienes-somos/").content.decode()
    assert "<h1>Quiénes somos, cómo nos financiamos y conflictos de intereses</h1>" in html
    assert "cada página de tratamiento indica si nuestra clínica ofrece ese tratamiento" in html
    assert "Todavía no hemos escrito esta sección." in html


def test_an_editor_writes_the_funding_in_the_site_settings(editor_client):
    SiteSettings.load()
    html = editor_client.get(reverse("admin:clinic_sitesettings_change", args=[1]))
    html = html.content.decode()
    assert 'name="funding"' in html
    assert 'name="conflicts_of_interest"' in html
