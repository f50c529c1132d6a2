"""Who changed what, and when: the admin's history for site settings and articles."""

import html
import re

import pytest
from django.conf import settings
from django.forms.models import model_to_dict

from clinic.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_a_site_settings_change_records_who_made_it(editor_client, clinic_phone):
    site = SiteSettings.load()
    data = {k: v for k, v in model_to_dict(site).items() if v is not None and k != "id"}
    data["phone"] = "303-555-0100"
    url = f"/{settings.ADMIN_PATH}clinic/sitesettings/1/change/"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    latest = SiteSettings.history.latest()
    assert latest.phone == "303-555-0100"
    assert latest.history_user.username == "editor"
    assert latest.history_type == "~"

    page = editor_client.get(f"{url.removesuffix('change/')}history/").content.decode()
    changes = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page)))
    assert "editor" in changes
    assert "Phone: (303) 555-0142 \u2192 303-555-0100" in changes, changes


def test_publishing_an_article_records_who_published_it(editor_client):
    from articles.models import Article
    from tests.factories import ArticleFactory

    article = ArticleFactory(draft=True, title="ALS", slug="als")
    response = editor_client.post(
        f"/{settings.ADMIN_PATH}articles/article/",
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302

    latest = article.history.latest()
    assert latest.status == Article.Status.PUBLISHED
    assert latest.history_user.username == "editor"
    assert article.history.count() == 2  # created, then published

    page = editor_client.get(
        f"/{settings.ADMIN_PATH}articles/article/{article.pk}/history/"
    ).content.decode()
    changes = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page)))
    assert "editor" in changes
    assert re.search(r"Status: draft\s*\u2192\s*published", changes), changes


def test_editing_a_citation_records_who_changed_it(editor_client):
    from tests.factories import CitationFactory

    citation = CitationFactory(participants=10)
    url = f"/{settings.ADMIN_PATH}articles/citation/{citation.pk}/change/"
    data = {k: v for k, v in model_to_dict(citation).items() if v is not None and k != "id"}
    data["participants"] = 12
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = citation.history.latest()
    assert latest.participants == 12
    assert latest.history_user.username == "editor"


@pytest.mark.parametrize("field", ["clinic_name", "tagline", "response_time"])
def test_a_one_line_setting_with_a_line_break_is_refused_with_a_clear_error(
    editor_client, clinic_phone, field
):
    site = SiteSettings.load()
    data = {k: v for k, v in model_to_dict(site).items() if v is not None and k != "id"}
    data[field] = "Cendant\r\nBcc: everyone@example.com"
    response = editor_client.post(f"/{settings.ADMIN_PATH}clinic/sitesettings/1/change/", data)
    assert response.status_code == 200
    assert "Keep this on one line" in response.content.decode()
    assert "\n" not in getattr(SiteSettings.objects.get(), field)
