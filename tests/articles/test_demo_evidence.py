"""The demo treatment page's evidence details, approval source and the clinic's involvement,
each from docs/content/issue-11-research.md and issue-21-research.md."""

import pytest
from django.core.management import call_command

from articles.models import Article, Citation

pytestmark = pytest.mark.django_db


def test_demo_citations_carry_only_the_confirmed_evidence_details():
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    treatment = Article.objects.get(slug="stem-cell-therapy-for-als")
    pilot, trial, review, cochrane, fda = treatment.references
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

    assert pilot.get_study_design_display() == "Single-group pilot study"
    assert review.get_study_design_display() == "Systematic review"  # no meta-analysis
    assert cochrane.doi == "10.1002/14651858.CD011742.pub3"
    assert fda.study_design == Citation.StudyDesign.GUIDANCE
    # P values and odds ratios are for clinicians, on a line of their own, not in the
    # patient's sentence.
    assert "P=" not in pilot.key_finding + trial.key_finding
    assert trial.for_clinicians.startswith("Responders 33% vs 28%; OR 1.33, P=.45.")


def test_demo_treatment_states_its_source_and_the_clinics_involvement(client):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    treatment = Article.objects.get(slug="stem-cell-therapy-for-als")
    assert treatment.regulatory_jurisdiction == Article.Jurisdiction.US_FDA
    assert treatment.regulatory_source_url.startswith("https://www.fda.gov/")
    # Nobody read the live page: no check date is shown, and the page says so.
    assert treatment.regulatory_checked_on is None
    assert treatment.clinic_offer == Article.ClinicOffer.NOT_OFFERED
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "We have not recorded when this was last checked." in html
    assert "Last checked on" not in html
    # The clinic's role, stated once: no note that suggests it runs a trial.
    assert "No. Our clinic does not provide this treatment." in html
    assert "outside clinical trials" not in html
    assert f'href="{treatment.regulatory_source_url}"' in html
    assert treatment.literature_searched_on is None  # not confirmed: the box says so


def test_demo_evidence_box_counts_the_trial_the_pilot_and_the_review_honestly(client):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    html = client.get("/treatments/stem-cell-therapy-for-als/").content.decode()
    box = html[html.index('<section class="evidence"') :]
    box = box[: box.index("</section>")]
    for line in [
        "2 studies and 2 systematic reviews cited.",
        "Randomized controlled trials: 1, with 196 participants.",
        "Other studies: 1 (single-group pilot study), with 10 participants.",
        "Met their primary end point: 0 of 2 studies (not met: 2).",
        "Also cited: 1 guideline or official source (not a study).",
        "We have not recorded when we last searched the published research.",
        '<a href="https://clinicaltrials.gov/study/NCT03280056">NCT03280056</a>',
    ]:
        assert line in box
    assert "No randomized controlled trial is cited here." not in box


def test_demo_statement_replaces_the_outdated_cord_blood_claim(client):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    html = client.get("/treatments/stem-cell-therapy-for-als/").content.decode()
    assert "Approval status: Not approved" in html
    assert "Not approved by the FDA for ALS." in html
    assert "only FDA-approved stem cell products" not in html
