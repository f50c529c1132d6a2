"""The evidence box ("What we cite") and each citation's evidence details: through the
citation admin, the database and the public page."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction

from articles.models import Article, Citation
from tests.factories import ArticleCitationFactory, ArticleFactory, CitationFactory, translation_of

ADMIN = f"/{settings.ADMIN_PATH}"

pytestmark = pytest.mark.django_db


def box_text(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    match = re.search(r'<section class="evidence".*?</section>', html, re.S)
    assert match
    inline_tags_gone = re.sub(r"</?(?:a|time)\b[^>]*>", "", match.group(0))
    return " ".join(re.sub(r"<[^>]+>", " ", inline_tags_gone).split()), match.group(0)


def cite(article, *citations):
    for order, citation in enumerate(citations, start=1):
        ArticleCitationFactory(article=article, citation=citation, order=order)


@pytest.fixture
def treatment_citing_a_review_and_trials():
    treatment = ArticleFactory(treatment=True)
    cite(
        treatment,
        CitationFactory(
            study_design=Citation.StudyDesign.PILOT, participants=10, primary_endpoint_met="no"
        ),
        CitationFactory(
            study_design=Citation.StudyDesign.RCT,
            participants=196,
            primary_endpoint_met="no",
            registration="NCT03280056",
        ),
        CitationFactory(study_design=Citation.StudyDesign.SYSTEMATIC_REVIEW, participants=777),
    )
    return treatment


def test_the_box_counts_a_review_apart_from_its_trials(
    client, treatment_citing_a_review_and_trials
):
    text, _ = box_text(client, treatment_citing_a_review_and_trials)
    assert "2 studies and 1 systematic review cited." in text
    assert "Randomized controlled trials: 1, with 196 participants." in text
    assert "Other studies: 1 (single-group pilot study), with 10 participants." in text
    assert "Met their primary end point: 0 of 2 studies (not met: 2)." in text
    assert "its participants are not added to the counts above" in text
    # Neither the review's 777 nor any sum that includes it.
    assert not re.search(r"\b(777|983|973|787)\b", text)


def test_the_box_says_it_is_not_all_the_evidence(client, treatment_citing_a_review_and_trials):
    text, _ = box_text(client, treatment_citing_a_review_and_trials)
    assert text.startswith("What we cite")
    assert "only the studies cited on this page, not all the research there is" in text
    assert "We have not recorded when we last searched the published research." in text


def test_the_box_gives_the_date_the_research_was_last_searched(client):
    treatment = ArticleFactory(treatment=True, literature_searched_on=datetime.date(2025, 3, 1))
    text, html = box_text(client, treatment)
    assert "We last searched the published research on 1 March 2025." in text
    assert '<time datetime="2025-03-01">' in html


def test_the_box_of_a_page_that_cites_nothing(client):
    text, _ = box_text(client, ArticleFactory())
    assert "No published studies are cited on this page." in text
    assert "Randomized" not in text


def test_a_review_alone_is_not_a_randomized_trial(client):
    treatment = ArticleFactory(treatment=True)
    cite(treatment, CitationFactory(study_design=Citation.StudyDesign.SYSTEMATIC_REVIEW))
    text, _ = box_text(client, treatment)
    assert "1 systematic review cited." in text
    assert "Randomized controlled trials" not in text
    assert "Met their primary end point" not in text


@pytest.mark.parametrize(
    ("registration", "url", "registry"),
    [
        ("NCT03280056", "https://clinicaltrials.gov/study/NCT03280056", "ClinicalTrials.gov"),
        ("ISRCTN54540667", "https://www.isrctn.com/ISRCTN54540667", "ISRCTN registry"),
        (
            "2010-019180-10",
            "https://www.clinicaltrialsregister.eu/ctr-search/search?query=2010-019180-10",
            "EU Clinical Trials Register",
        ),
        (
            "ACTRN12612000123456",
            "https://trialsearch.who.int/Trial2.aspx?TrialID=ACTRN12612000123456",
            "WHO International Clinical Trials Registry Platform",
        ),
    ],
)
def test_a_registration_number_links_to_its_registry(client, registration, url, registry):
    treatment = ArticleFactory(treatment=True)
    cite(treatment, CitationFactory(), CitationFactory(registration=registration))
    text, html = box_text(client, treatment)
    assert f'<a href="{url}">' in html
    assert f"Trial registry records: {registration} ({registry}), for reference [2]." in text
    page = client.get(treatment.get_absolute_url()).content.decode()
    references = page[page.index('id="references"') :]
    assert f'registered as <a href="{url}">{registration}</a> ({registry})' in references


def test_a_registration_number_of_unknown_form_is_shown_without_a_link(client):
    treatment = ArticleFactory(treatment=True)
    cite(treatment, CitationFactory(registration="Local ethics 12/34"))
    text, html = box_text(client, treatment)
    assert "Trial registry records: Local ethics 12/34, for reference [1]." in text
    assert "trialsearch" not in html


def test_each_reference_shows_its_evidence_details(client):
    treatment = ArticleFactory(treatment=True)
    cite(
        treatment,
        CitationFactory(
            comparator="placebo",
            primary_endpoint_met="no",
            follow_up="28 weeks",
            harms="Headache and back pain.",
            funding="Sponsor: the maker.",
        ),
        CitationFactory(comparator="", primary_endpoint_met="", key_finding=""),
    )
    html = client.get(treatment.get_absolute_url()).content.decode()
    first = html[html.index('id="ref-1"') : html.index('id="ref-2"')]
    for detail in [
        "Compared with: placebo",
        "Primary end point met: no",
        "Follow-up: 28 weeks",
        "Harms reported: Headache and back pain.",
        "Funding or sponsor: Sponsor: the maker.",
    ]:
        assert detail in first
    second = html[html.index('id="ref-2"') : html.index("</ol>", html.index('id="ref-2"'))]
    assert "references__details" not in second  # nothing recorded, nothing shown


def test_an_editor_records_a_citations_evidence_details_in_the_admin(editor_client):
    form = {
        "authors": "Cudkowicz ME, Lindborg SR",
        "title": "A randomized placebo-controlled phase 3 study",
        "journal": "Muscle Nerve",
        "year": "2022",
        "volume": "65",
        "issue": "3",
        "pages": "291-302",
        "doi": "10.1002/mus.27472",
        "pmid": "34890069",
        "registration": "NCT03280056",
        "study_design": "rct",
        "participants": "196",
        "comparator": "placebo",
        "primary_endpoint_met": "no",
        "follow_up": "28 weeks",
        "harms": "Well tolerated.",
        "funding": "Sponsor: Brainstorm Cell Therapeutics.",
    }
    response = editor_client.post(f"{ADMIN}articles/citation/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    citation = Citation.objects.get(doi="10.1002/mus.27472")
    assert (citation.comparator, citation.primary_endpoint_met) == ("placebo", "no")
    assert citation.follow_up == "28 weeks"

    response = editor_client.post(
        f"{ADMIN}articles/citation/add/", {**form, "doi": "", "pmid": "", "comparator": "hope"}
    )
    assert response.status_code == 200
    assert "comparator" in response.context["adminform"].form.errors

    listing = editor_client.get(f"{ADMIN}articles/citation/", {"primary_endpoint_met": "no"})
    assert "A randomized placebo-controlled phase 3 study" in listing.content.decode()


@pytest.mark.parametrize(
    ("name", "value"), [("comparator", "hope"), ("primary_endpoint_met", "maybe")]
)
def test_the_database_refuses_an_unknown_evidence_value(name, value):
    citation = CitationFactory()
    setattr(citation, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        citation.save()


def test_the_admin_records_the_search_date_but_not_one_in_the_future(editor_client):
    def add(slug, searched_on):
        return editor_client.post(
            f"{ADMIN}articles/article/add/",
            {
                "title": "Amyotrophic lateral sclerosis (ALS)",
                "slug": slug,
                "kind": "condition",
                "summary": "What it is.",
                "body": "<p>What it is.</p>",
                "literature_searched_on": searched_on.isoformat(),
                "status": "draft",
                "article_citations-TOTAL_FORMS": "0",
                "article_citations-INITIAL_FORMS": "0",
            },
        )

    today = datetime.date.today()
    assert add("searched", today).status_code == 302
    assert Article.objects.get(slug="searched").literature_searched_on == today
    response = add("searched-tomorrow", today + datetime.timedelta(days=2))
    assert response.status_code == 200
    assert "The search date cannot be in the future." in response.content.decode()
    assert not Article.objects.filter(slug="searched-tomorrow").exists()


def test_the_boxes_read_in_spanish_under_es(client, treatment_citing_a_review_and_trials):
    english = treatment_citing_a_review_and_trials
    spanish = translation_of(english, slug="tratamiento")
    cite(spanish, *english.references)  # the versions of a page cite the same studies
    html = client.get("/es/tratamientos/tratamiento/").content.decode()
    for words in [
        "Lo que citamos",
        "Citamos 2 estudios y 1 revisión sistemática.",
        "Ensayos controlados aleatorizados: 1, con 196 participantes.",
        "Cumplieron su criterio principal de valoración: 0 de 2 estudios (no lo cumplieron: 2).",
        "Estado de aprobación: En investigación, en ensayos clínicos",
        "(Estados Unidos: FDA)",
        "¿Nuestra clínica ofrece este tratamiento?",
        "No. Nuestra clínica no ofrece este tratamiento.",
    ]:
        assert words in html
