import datetime
import json
import re

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article, Citation
from clinic.models import SiteSettings
from tests.benchmarks.corpus import generate
from tests.factories import (
    ArticleCitationFactory,
    ArticleFactory,
    CitationFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatment_with_evidence(published_condition):
    treatment = ArticleFactory(
        treatment=True,
        title="Stem cell therapy for ALS",
        slug="stem-cells-als",
        regulatory_status=Article.RegulatoryStatus.NOT_APPROVED,
        regulatory_statement="Not approved by the FDA for ALS.",
        body="<h2>What is it?</h2><p>Stem cells [1].</p><h2>Evidence</h2><p>Small.</p>",
    )
    citation = CitationFactory(
        authors="Prabhakar S, Marwaha N",
        title="Autologous stem cells in ALS: a pilot study",
        journal="Neurol India",
        year=2012,
        volume="60",
        issue="5",
        pages="465-9",
        doi="10.4103/0028-3886.103185",
        pmid="23135021",
        study_design=Citation.StudyDesign.PILOT,
        participants=10,
    )
    ArticleCitationFactory(article=treatment, citation=citation, order=1)
    # Reviewed with its reference (a review covers the reference list).
    ReviewFactory(article=treatment, reviewed_on=timezone.localdate() - datetime.timedelta(30))
    treatment.related.add(published_condition)
    return treatment


def test_home_page_shows_the_promise_articles_and_call_to_action(
    client, published_condition, committed
):
    with committed():
        site = SiteSettings.load()
        site.phone = "303-555-0142"
        site.save()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert published_condition.title in html
    assert "/contact/" in html
    assert '<a class="button button--secondary" href="tel:3035550142">Call 303-555-0142</a>' in html


def test_lists_are_alphabetical_and_only_of_their_kind(client):
    ArticleFactory(title="Zeta condition")
    ArticleFactory(title="Alpha condition")
    ArticleFactory(treatment=True, title="Some treatment")
    html = client.get("/conditions/").content.decode()
    assert html.index("Alpha condition") < html.index("Zeta condition")
    assert "Some treatment" not in html
    assert "Some treatment" in client.get("/treatments/").content.decode()


def test_article_page_shows_evidence_references_and_regulatory_status(
    client, treatment_with_evidence
):
    response = client.get("/treatments/stem-cells-als/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Approval status: Not approved" in html
    assert "Not approved by the FDA for ALS." in html
    assert "1 study cited." in html
    assert "Other studies: 1 (single-group pilot study), with 10 participants." in html
    assert "No randomized controlled trial is cited here." in html
    assert 'id="ref-1"' in html
    assert "Neurol India. 2012;60(5):465-9." in html
    assert 'href="https://doi.org/10.4103/0028-3886.103185"' in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/23135021/"' in html
    assert 'href="#ref-1"' in html
    assert "Reviewed by Dr. A. Rao, MD, neurologist on " in html
    assert 'href="/contact/?topic=stem-cells-als"' in html
    assert 'href="/conditions/als/"' in html
    assert 'href="#what-is-it"' in html  # contents list
    disclaimer = re.search(
        r'<div class="disclaimer" role="note" aria-label="Medical disclaimer">(.*?)</div>',
        html,
        re.S,
    )
    assert "is not medical advice" in disclaimer[1]


def test_a_small_library_lists_everything_on_one_page_without_an_index(client):
    generate(articles=20, citations=10, references=2, related=2)
    html = client.get("/conditions/").content.decode()
    assert 'class="az-index"' not in html
    cards = re.findall(r'<a class="card__link" href="([^"]+)"', html)
    assert len(cards) == Article.objects.published().filter(kind=Article.Kind.CONDITION).count()


def test_condition_page_lists_its_treatments(client, treatment_with_evidence):
    html = client.get("/conditions/als/").content.decode()
    assert "Treatments studied for this condition" in html
    assert 'href="/treatments/stem-cells-als/"' in html


def test_related_drafts_are_not_shown_to_the_public(client, published_condition):
    draft = ArticleFactory(treatment=True, draft=True, title="Secret treatment")
    published_condition.related.add(draft)
    assert "Secret treatment" not in client.get("/conditions/als/").content.decode()


def test_wrong_kind_path_redirects_permanently(client, published_condition):
    response = client.get("/treatments/als/")
    assert response.status_code == 301
    assert response["Location"] == "/conditions/als/"


def test_unknown_article_is_404_in_the_site_design(client, db):
    response = client.get("/conditions/no-such-thing/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_draft_is_hidden_from_the_public(client):
    ArticleFactory(draft=True, slug="draft-page")
    assert client.get("/conditions/draft-page/").status_code == 404


def test_scheduled_article_is_hidden_until_its_time(client):
    ArticleFactory(slug="later", published_at=timezone.now() + datetime.timedelta(hours=2))
    assert client.get("/conditions/later/").status_code == 404
    assert "later" not in client.get("/conditions/").content.decode()


def test_editors_see_a_draft_with_a_preview_banner(editor_client):
    ArticleFactory(draft=True, slug="draft-page")
    response = editor_client.get("/conditions/draft-page/")
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()


def test_published_page_has_no_draft_banner_for_editors(editor_client, published_condition):
    assert "Draft preview" not in editor_client.get("/conditions/als/").content.decode()


def test_search_finds_by_other_name_and_ranks(client):
    ArticleFactory(
        title="Amyotrophic lateral sclerosis (ALS)",
        slug="als",
        also_known_as="Lou Gehrig's disease, motor neurone disease",
    )
    ArticleFactory(title="Unrelated", slug="other")
    html = client.get("/search/", {"q": "Gehrig"}).content.decode()
    assert "1 result for" in html
    assert 'href="/conditions/als/"' in html
    assert 'href="/conditions/other/"' not in html


def test_search_does_not_show_drafts(client):
    ArticleFactory(draft=True, title="Secret stem cells")
    assert "No results" in client.get("/search/", {"q": "secret"}).content.decode()


@pytest.mark.parametrize(
    "query", ["", "   ", "%", "'; DROP TABLE articles_article; --", "x" * 5000]
)
def test_empty_and_junk_searches_are_handled(client, published_condition, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert Article.objects.count() == 1


def test_search_query_is_escaped_in_the_page(client, db):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_article_page_has_seo_tags_and_json_ld(client, treatment_with_evidence):
    html = client.get("/treatments/stem-cells-als/").content.decode()
    assert "<title>Stem cell therapy for ALS | " in html
    assert '<meta name="description" content="A short plain-language summary' in html
    site = settings.SITE_URL  # DJANGO_SITE_URL, not the request's Host (tests/security)
    assert f'<link rel="canonical" href="{site}/treatments/stem-cells-als/">' in html
    assert '<meta property="og:title" content="Stem cell therapy for ALS">' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "MedicalWebPage"
    assert data["about"] == {
        "@type": "MedicalTherapy",
        "name": "Stem cell therapy for ALS",
        "legalStatus": {
            "@type": "DrugLegalStatus",
            "name": "Not approved",
            "applicableLocation": {"@type": "AdministrativeArea", "name": "United States"},
            "description": "Not approved by the FDA for ALS.",
            "url": treatment_with_evidence.regulatory_source_url,
        },
    }
    assert data["reviewedBy"]["name"] == "Dr. A. Rao"
    review = treatment_with_evidence.reviews.get()
    assert data["lastReviewed"] == review.reviewed_on.isoformat()
    assert data["citation"][0]["headline"] == "Autologous stem cells in ALS: a pilot study"
    assert data["citation"][0]["url"] == "https://doi.org/10.4103/0028-3886.103185"
    # The journal's issue, in its volume, in the periodical; and the pages.
    assert data["citation"][0]["isPartOf"] == {
        "@type": "PublicationIssue",
        "issueNumber": "5",
        "isPartOf": {
            "@type": "PublicationVolume",
            "volumeNumber": "60",
            "isPartOf": {"@type": "Periodical", "name": "Neurol India"},
        },
    }
    assert data["citation"][0]["pagination"] == "465-9"


def test_json_ld_of_a_citation_without_volume_issue_or_pages(client, db):
    treatment = ArticleFactory(treatment=True, slug="t")
    citation = CitationFactory(journal="Front Neurol", volume="", issue="", pages="")
    ArticleCitationFactory(article=treatment, citation=citation, order=1)
    html = client.get("/treatments/t/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["citation"][0]["isPartOf"] == {"@type": "Periodical", "name": "Front Neurol"}
    assert "pagination" not in data["citation"][0]


def test_json_ld_of_a_condition_has_no_legal_status(client, published_condition):
    html = client.get(published_condition.get_absolute_url()).content.decode()
    assert "legalStatus" not in html


def test_json_ld_cannot_close_its_script_element(client, db):
    ArticleFactory(slug="x", title="</script><script>alert(1)</script>")
    html = client.get("/conditions/x/").content.decode()
    assert "<script>alert(1)" not in html


def test_condition_json_ld_is_about_a_medical_condition(client, published_condition):
    html = client.get("/conditions/als/").content.decode()
    assert '"@type": "MedicalCondition"' in html


def test_sitemap_lists_published_articles_only(client, published_condition):
    ArticleFactory(draft=True, slug="draft-page")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f"{settings.SITE_URL}/conditions/als/" in xml
    assert "draft-page" not in xml


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in response.content.decode()
    assert response["Content-Type"].startswith("text/plain")


def test_feed_lists_published_articles_newest_first(client):
    ArticleFactory(title="Older", published_at=timezone.now() - datetime.timedelta(days=3))
    ArticleFactory(title="Newer", published_at=timezone.now() - datetime.timedelta(days=1))
    ArticleFactory(title="Hidden draft", draft=True)
    response = client.get("/feed/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert xml.index("Newer") < xml.index("Older")
    assert "Hidden draft" not in xml


def test_privacy_notice_shows_the_site_settings_text(client, db, committed):
    from clinic.models import SiteSettings

    with committed():
        site = SiteSettings.load()
        site.privacy_notice = "We keep your details safe.\n\nSecond paragraph."
        site.save()
    html = client.get("/privacy/").content.decode()
    assert "<p>We keep your details safe.</p>" in html


def test_site_settings_change_shows_at_once(client, published_condition, committed):
    from clinic.models import SiteSettings

    with committed():
        site = SiteSettings.load()
        site.phone = "555-0100"
        site.save()
    assert "555-0100" in client.get("/conditions/als/").content.decode()


def test_article_pages_refuse_post(client, published_condition):
    assert client.post("/conditions/als/").status_code == 405


def test_search_results_come_twenty_to_a_page_with_a_total(client, db):
    for n in range(25):
        ArticleFactory(title=f"Sclerosis variant {n:02d}")
    first = client.get("/search/", {"q": "sclerosis"}).content.decode()
    assert "25 results for" in first
    assert first.count('class="card') >= 20
    assert "Showing 1 to 20" in first
    assert 'rel="next"' in first
    second = client.get("/search/", {"q": "sclerosis", "page": "2"}).content.decode()
    assert "Showing 21 to 25" in second
    assert 'rel="prev"' in second
    assert 'rel="next"' not in second


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999"])
def test_search_ignores_a_junk_page_number(client, published_condition, page):
    response = client.get("/search/", {"q": "sclerosis", "page": page})
    assert response.status_code == 200


def test_a_page_past_the_last_result_says_so_and_links_back(client, published_condition):
    html = client.get("/search/", {"q": "sclerosis", "page": "7"}).content.decode()
    assert "No more results for" in html
    assert 'href="?q=sclerosis">Go to the first results</a>' in html
