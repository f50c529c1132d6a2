import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.evidence import EvidenceSummary
from articles.models import Article, Citation
from tests.factories import ArticleCitationFactory, ArticleFactory, CitationFactory

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled_articles():
    public = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(Article.objects.published()) == [public]


def test_publishing_without_a_date_sets_it_to_now():
    article = ArticleFactory(draft=True)
    article.publish()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert timezone.now() - article.published_at < datetime.timedelta(seconds=5)


def test_publishing_keeps_a_scheduled_date():
    when = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)
    article = ArticleFactory(draft=True, published_at=when)
    article.publish()
    assert article.published_at == when
    assert article.is_scheduled


def test_database_refuses_an_unknown_kind():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(kind="rumour")


def test_database_refuses_a_hero_image_without_alt_text():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(hero_image="articles/hero/x.jpg")


def test_clean_requires_alt_text_with_a_hero_image():
    article = ArticleFactory.build(hero_image="articles/hero/x.jpg", hero_image_alt=" ")
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "hero_image_alt" in excinfo.value.message_dict


def test_clean_requires_a_regulatory_status_for_treatments():
    article = ArticleFactory.build(kind=Article.Kind.TREATMENT, regulatory_status="")
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "regulatory_status" in excinfo.value.message_dict


def test_clean_refuses_a_regulatory_status_on_a_condition():
    article = ArticleFactory.build(regulatory_status=Article.RegulatoryStatus.APPROVED)
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "regulatory_status" in excinfo.value.message_dict


def test_summary_longer_than_300_characters_is_invalid():
    article = ArticleFactory.build(summary="x" * 301)
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "summary" in excinfo.value.message_dict


@pytest.mark.parametrize("doi", ["10.4103/0028-3886.103185", "10.1000/xyz-123"])
def test_valid_dois_pass_validation(doi):
    CitationFactory.build(doi=doi).full_clean()


@pytest.mark.parametrize("doi", ["11.1000/x", "10.10/x", "doi", "10.1000/has space"])
def test_malformed_dois_are_rejected(doi):
    with pytest.raises(ValidationError) as excinfo:
        CitationFactory.build(doi=doi).full_clean()
    assert "doi" in excinfo.value.message_dict


def test_doi_link_prefix_is_stripped():
    citation = CitationFactory.build(doi="https://doi.org/10.4103/0028-3886.103185")
    citation.full_clean()
    assert citation.doi == "10.4103/0028-3886.103185"


@pytest.mark.parametrize("pmid", ["0123", "12a", "1234567890"])
def test_malformed_pmids_are_rejected(pmid):
    with pytest.raises(ValidationError) as excinfo:
        CitationFactory.build(pmid=pmid).full_clean()
    assert "pmid" in excinfo.value.message_dict


def test_doi_and_pmid_are_unique_when_set():
    CitationFactory(doi="10.1000/same", pmid="123456")
    with pytest.raises(IntegrityError), transaction.atomic():
        CitationFactory(doi="10.1000/same", pmid="")
    with pytest.raises(IntegrityError), transaction.atomic():
        CitationFactory(doi="", pmid="123456")


def test_many_citations_may_leave_doi_and_pmid_blank():
    CitationFactory(doi="", pmid="")
    CitationFactory(doi="", pmid="")
    assert Citation.objects.filter(doi="").count() == 2


def test_vancouver_style_reference():
    citation = CitationFactory.build(
        authors="Prabhakar S, Marwaha N, Lal V, Sharma RR, Rajan R, Khandelwal N",
        title="Autologous bone marrow-derived stem cells in amyotrophic lateral sclerosis: "
        "a pilot study",
        journal="Neurol India",
        year=2012,
        volume="60",
        issue="5",
        pages="465-9",
    )
    assert citation.vancouver() == (
        "Prabhakar S, Marwaha N, Lal V, Sharma RR, Rajan R, Khandelwal N. Autologous bone "
        "marrow-derived stem cells in amyotrophic lateral sclerosis: a pilot study. "
        "Neurol India. 2012;60(5):465-9."
    )


def test_evidence_summary_of_one_pilot_study():
    pilot = CitationFactory.build(
        study_design=Citation.StudyDesign.PILOT, participants=10, primary_endpoint_met="no"
    )
    evidence = EvidenceSummary.from_citations([pilot])
    assert evidence.headline == "1 study cited"
    assert evidence.randomized_line == "Randomized controlled trials: none cited"
    assert evidence.other_studies_line == (
        "Other studies: 1 (single-group pilot study), with 10 participants"
    )
    assert evidence.endpoint_line == "Met their primary end point: 0 of 1 study (not met: 1)"
    assert evidence.review_line == ""


def test_evidence_summary_of_mixed_studies():
    studies = [
        CitationFactory.build(study_design=Citation.StudyDesign.RCT, participants=100),
        CitationFactory.build(study_design=Citation.StudyDesign.RCT, participants=50),
        CitationFactory.build(study_design=Citation.StudyDesign.OBSERVATIONAL, participants=None),
    ]
    evidence = EvidenceSummary.from_citations(studies)
    assert evidence.headline == "3 studies cited"
    assert evidence.randomized_line == "Randomized controlled trials: 2, with 150 participants"
    assert evidence.other_studies_line == (
        "Other studies: 1 (observational study), with 0 participants (size not reported for 1)"
    )
    assert evidence.endpoint_line == (
        "Met their primary end point: 0 of 3 studies (not recorded here for 3 studies)"
    )


def test_a_systematic_review_is_never_counted_as_randomized():
    review = CitationFactory.build(study_design=Citation.StudyDesign.SYSTEMATIC_REVIEW)
    assert review.is_review
    assert not review.is_randomized
    assert CitationFactory.build(study_design=Citation.StudyDesign.RCT).is_randomized


def test_a_reviews_participants_are_not_added_to_its_trials():
    citations = [
        CitationFactory.build(
            study_design=Citation.StudyDesign.RCT, participants=196, primary_endpoint_met="no"
        ),
        CitationFactory.build(
            study_design=Citation.StudyDesign.RCT, participants=40, primary_endpoint_met="yes"
        ),
        CitationFactory.build(
            study_design=Citation.StudyDesign.SYSTEMATIC_REVIEW, participants=900
        ),
    ]
    evidence = EvidenceSummary.from_citations(citations)
    assert evidence.headline == "2 studies and 1 systematic review cited"
    assert evidence.randomized == 2
    assert evidence.randomized_line == "Randomized controlled trials: 2, with 236 participants"
    assert evidence.endpoint_line == "Met their primary end point: 1 of 2 studies (not met: 1)"
    assert evidence.review_line.startswith("Reviews: 1 systematic review.")


def test_references_follow_their_order():
    article = ArticleFactory()
    second = ArticleCitationFactory(article=article, order=2).citation
    first = ArticleCitationFactory(article=article, order=1).citation
    assert Article.objects.get(pk=article.pk).references == [first, second]


def test_inline_citation_marks_link_to_existing_references_only():
    article = ArticleFactory(body="<p>Shown [1] but not [2].</p>")
    ArticleCitationFactory(article=article, order=1)
    html = Article.objects.get(pk=article.pk).body_html
    assert 'href="#ref-1"' in html
    assert 'href="#ref-2"' not in html
    assert "[2]" in html


def test_headings_get_anchors_for_the_contents_list():
    article = ArticleFactory(body="<h2>What is it?</h2><p>x</p><h3>Causes</h3><h2>What is it?</h2>")
    assert [(h.level, h.text, h.anchor) for h in article.contents] == [
        (2, "What is it?", "what-is-it"),
        (3, "Causes", "causes"),
        (2, "What is it?", "what-is-it-2"),
    ]
    assert '<h2 id="what-is-it">' in article.body_html


def test_search_ranks_title_matches_above_body_matches():
    in_body = ArticleFactory(title="Other", body="<p>About stem cells.</p>")
    in_title = ArticleFactory(title="Stem cells", body="<p>x</p>")
    assert list(Article.objects.search("stem")) == [in_title, in_body]


def test_search_finds_other_names():
    als = ArticleFactory(
        title="Amyotrophic lateral sclerosis", also_known_as="Lou Gehrig's disease"
    )
    assert list(Article.objects.search("gehrig")) == [als]


def test_search_ignores_punctuation_only_queries():
    ArticleFactory()
    assert list(Article.objects.search("%%% ' ; --")) == []


DEMO_SEARCHES = {
    "ALS": ["Amyotrophic lateral sclerosis (ALS)", "Stem cell therapy for ALS"],
    "Lou Gehrig": ["Amyotrophic lateral sclerosis (ALS)"],
    "stem cells": ["Stem cell therapy for ALS", "Amyotrophic lateral sclerosis (ALS)"],
    "mesenchymal": ["Stem cell therapy for ALS"],
    "slurred speech": ["Amyotrophic lateral sclerosis (ALS)"],
    "motor neurone disease": ["Amyotrophic lateral sclerosis (ALS)"],
    "zebra": [],
}


@pytest.mark.parametrize(("query", "titles"), DEMO_SEARCHES.items())
def test_search_gives_the_same_results_for_the_demo_content_on_every_database(query, titles):
    from django.core.management import call_command

    call_command("load_demo_content", publish_unreviewed=True, stdout=None)
    found = Article.objects.published().search(query)
    # Ties may be ordered differently (PostgreSQL also weighs how often a word occurs).
    assert sorted(a.title for a in found) == sorted(titles)
