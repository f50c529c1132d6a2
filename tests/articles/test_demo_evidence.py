"""The demo treatment page's evidence details, approval source and the clinic's involvement,
each from docs/content/issue-11-research.md."""

import datetime

import pytest
from django.core.management import call_command

from articles.models import Article, Citation

pytestmark = pytest.mark.django_db


def test_demo_citations_carry_only_the_confirmed_evidence_details():
    call_command("load_demo_content", verbosity=0)
    treatment = Article.objects.get(slug="stem-cell-therapy-for-als")
    pilot, trial, review = treatment.references
    assert pilot.doi == "10.4103/0028-3886.103185"
    assert (pilot.comparator, pilot.primary_endpoint_met) == ("none", "no")
    assert pilot.funding == ""  # the sources disagree

    assert trial.vancouver().endswith("Muscle Nerve. 2022;65(3):291-302.")
    assert (trial.doi, trial.pmid, trial.registration) == (
        "10.1002/mus.27472",
        "34890069",
        "NCT03280056",
    )
    assert trial.study_design == Citation.StudyDesign.RCT
    assert (trial.comparator, trial.primary_endpoint_met) == ("placebo", "no")
    assert trial.participants == 196

    assert (review.doi, review.pmid) == ("10.3389/fneur.2021.783122", "34938264")
    assert review.study_design == Citation.StudyDesign.SYSTEMATIC_REVIEW
    # Not confirmed by the research note: left blank.
    assert (review.volume, review.pages, review.participants) == ("", "", None)
    assert (review.harms, review.funding, review.primary_endpoint_met) == ("", "", "")


def test_demo_treatment_states_its_source_and_the_clinics_involvement(client):
    call_command("load_demo_content", verbosity=0)
    treatment = Article.objects.get(slug="stem-cell-therapy-for-als")
    assert treatment.regulatory_jurisdiction == Article.Jurisdiction.US_FDA
    assert treatment.regulatory_source_url.startswith("https://www.fda.gov/")
    assert treatment.regulatory_checked_on == datetime.date(2026, 11, 25)
    assert treatment.clinic_offer == Article.ClinicOffer.NOT_OFFERED
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "We do not offer stem cell therapy for ALS outside clinical trials." in html
    assert f'href="{treatment.regulatory_source_url}"' in html
    assert treatment.literature_searched_on is None  # not confirmed: the box says so


def test_demo_evidence_box_counts_the_trial_the_pilot_and_the_review_honestly(client):
    call_command("load_demo_content", verbosity=0)
    html = client.get("/treatments/stem-cell-therapy-for-als/").content.decode()
    box = html[html.index('<section class="evidence"') :]
    box = box[: box.index("</section>")]
    for line in [
        "2 studies and 1 systematic review cited.",
        "Randomized controlled trials: 1, with 196 participants.",
        "Other studies: 1 (pilot study / case series), with 10 participants.",
        "Met their primary end point: 0 of 2 studies (not met: 2).",
        "We have not recorded when we last searched the published research.",
        '<a href="https://clinicaltrials.gov/study/NCT03280056">NCT03280056</a>',
    ]:
        assert line in box
    assert "No randomized controlled trial is cited here." not in box


def test_demo_statement_replaces_the_outdated_cord_blood_claim(client):
    call_command("load_demo_content", verbosity=0)
    html = client.get("/treatments/stem-cell-therapy-for-als/").content.decode()
    assert "Approval status: Not approved" in html
    assert "Not approved by the FDA for ALS." in html
    assert "only FDA-approved stem cell products" not in html
