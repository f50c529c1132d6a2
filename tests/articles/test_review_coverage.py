"""A medical review covers every word the page shows a patient (issue 19.1-19.3): the title,
other names, summary, text, approval box and the reference list with each cited study's
details; a treatment is public only with a review current when it goes live, however it
became a treatment and whenever its publication time comes."""

import datetime
import json
import re

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    ArticleCitationFactory,
    ArticleFactory,
    CitationFactory,
    ReviewFactory,
)
from tests.form_client import Client
from tests.pages import form_data

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"
ARTICLES = f"{ADMIN}articles/article/"
CITATIONS = f"{ADMIN}articles/citation/"
REFUSED = "Treatment pages are published only with a current medical review."
UPDATED = "Updated since review"


@pytest.fixture
def change(committed):
    """Post the admin's change form back as a browser would, with ``changes``, committed
    (the stored pages are those of the committed data)."""

    def post(client, url, **changes):
        data = form_data(client.get(url))
        if data.get("related") == "":
            del data["related"]
        with committed():
            return client.post(url, {**data, **changes})

    return post


def public_page(article):
    return Client().get(article.get_absolute_url())


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


def test_a_published_condition_turned_into_a_treatment_is_not_public_without_a_review(
    group_editor_client, change, committed
):
    condition = ArticleFactory(title="Stem cells", slug="stem-cells")
    response = change(
        group_editor_client,
        f"{ARTICLES}{condition.pk}/change/",
        kind="treatment",
        body="<p>Cures ALS in 90% of patients.</p>",
        regulatory_status="not_approved",
        regulatory_statement="Not approved by the FDA for ALS.",
        regulatory_source_url="https://www.fda.gov/consumers",
        regulatory_checked_on=timezone.localdate().isoformat(),
        clinic_offer="not_offered",
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert Article.objects.get(pk=condition.pk).kind == Article.Kind.CONDITION
    # However it became a treatment: not on the public site.
    with committed():
        Article.objects.filter(pk=condition.pk).update(
            kind=Article.Kind.TREATMENT,
            regulatory_status="not_approved",
            regulatory_statement="Not approved by the FDA for ALS.",
            regulatory_source_url="https://www.fda.gov/consumers",
            regulatory_checked_on=timezone.localdate(),
            clinic_offer="not_offered",
        )
    treatment = Article.objects.get(pk=condition.pk)
    assert public_page(treatment).status_code == 404
    assert "Stem cells" not in Client().get("/treatments/").content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "Stem cell therapy that cures ALS"), ("also_known_as", "proven ALS cure")],
)
def test_a_change_to_the_title_or_other_names_after_the_review_shows_updated_since_review(
    group_editor_client, change, field, value
):
    article = ArticleFactory(treatment=True, demonstration=False, reviewed=3)
    assert UPDATED not in public_page(article).content.decode()
    response = change(group_editor_client, f"{ARTICLES}{article.pk}/change/", **{field: value})
    assert response.status_code == 302
    html = public_page(article).content.decode()
    assert value in html
    assert UPDATED in html
    assert "reviewedBy" not in json_ld(html)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("clinic_offer_note", "Our clinic cures ALS with stem cells."),
        ("regulatory_source_url", "https://example.com/stem-cells-approved"),
    ],
)
def test_a_change_to_the_clinics_offer_or_the_regulators_link_shows_updated_since_review(
    group_editor_client, change, field, value
):
    article = ArticleFactory(treatment=True, demonstration=False, reviewed=3)
    response = change(group_editor_client, f"{ARTICLES}{article.pk}/change/", **{field: value})
    assert response.status_code == 302
    html = public_page(article).content.decode()
    assert value in html
    assert UPDATED in html
    assert "reviewedBy" not in json_ld(html)


def test_a_change_to_a_shared_citation_marks_every_page_citing_it_updated(
    group_editor_client, change
):
    study = CitationFactory(key_finding="Some people's scores declined more slowly.")
    pages = [ArticleFactory(treatment=True, demonstration=False), ArticleFactory()]
    other = ArticleFactory(treatment=True, demonstration=False, reviewed=3)
    for article in pages:
        ArticleCitationFactory(article=article, citation=study, order=1)
        ReviewFactory(article=article)
        assert UPDATED not in public_page(article).content.decode()
    response = change(
        group_editor_client,
        f"{CITATIONS}{study.pk}/change/",
        key_finding="Reversed ALS in every patient.",
        primary_endpoint_met="yes",
    )
    assert response.status_code == 302
    for article in pages:
        html = public_page(article).content.decode()
        assert "Reversed ALS in every patient." in html
        assert UPDATED in html
        assert "reviewedBy" not in json_ld(html)
    # A page that does not cite it keeps its review.
    assert UPDATED not in public_page(other).content.decode()


def test_a_reference_added_after_the_review_shows_updated_since_review(
    group_editor_client, committed
):
    article = ArticleFactory(reviewed=3)
    study = CitationFactory(title="A study nobody reviewed")
    data = form_data(group_editor_client.get(f"{ARTICLES}{article.pk}/change/"))
    data.pop("related", None)
    data.update(
        {
            "article_citations-TOTAL_FORMS": "1",
            "article_citations-0-citation": study.pk,
            "article_citations-0-order": "1",
        }
    )
    with committed():
        response = group_editor_client.post(f"{ARTICLES}{article.pk}/change/", data)
    assert response.status_code == 302
    html = public_page(article).content.decode()
    assert "A study nobody reviewed" in html
    assert UPDATED in html


def test_a_scheduled_treatment_edited_after_its_review_is_not_saved_as_scheduled(
    group_editor_client,
    change,
):
    later = timezone.now() + datetime.timedelta(days=2)
    article = ArticleFactory(treatment=True, demonstration=False, published_at=later, reviewed=1)
    response = change(
        group_editor_client,
        f"{ARTICLES}{article.pk}/change/",
        body="<p>Cures ALS in 90% of patients.</p>",
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert "Cures ALS" not in Article.objects.get(pk=article.pk).body


def test_a_scheduled_treatment_whose_study_changed_does_not_go_live_unreviewed(
    group_editor_client, change, committed
):
    later = timezone.now() + datetime.timedelta(days=2)
    article = ArticleFactory(treatment=True, demonstration=False, published_at=later)
    ArticleCitationFactory(article=article, order=1)
    ReviewFactory(article=article)
    study = article.article_citations.get().citation
    response = change(
        group_editor_client, f"{CITATIONS}{study.pk}/change/", key_finding="Cured everyone."
    )
    assert response.status_code == 302
    # Its publication time comes.
    with time_machine.travel(later + datetime.timedelta(minutes=1), tick=False):
        article = Article.objects.get(pk=article.pk)
        assert not article.is_public
        assert public_page(article).status_code == 404
        # Reviewed again, it goes live.
        with committed():
            ReviewFactory(article=article)
        assert public_page(article).status_code == 200


def test_a_live_treatment_edited_after_its_review_stays_public_and_says_so(
    group_editor_client, change
):
    article = ArticleFactory(treatment=True, demonstration=False, reviewed=3)
    response = change(
        group_editor_client, f"{ARTICLES}{article.pk}/change/", summary="A changed summary."
    )
    assert response.status_code == 302
    html = public_page(article).content.decode()
    assert "A changed summary." in html
    assert UPDATED in html
