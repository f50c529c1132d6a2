"""A treatment's regulatory status with its source and check date, and the clinic's own
involvement: through the admin, the database and the public page."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article
from articles.models.treatment_facts import months_before
from tests.factories import ArticleFactory

ADMIN = f"/{settings.ADMIN_PATH}"
FDA_PAGE = "https://www.fda.gov/vaccines-blood-biologics/consumers-biologics/regulatory-page"

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def treatment_form(**fields):
    form = {
        "title": "Stem cell therapy",
        "slug": "stem-cell-therapy",
        "kind": "treatment",
        "summary": "What it is.",
        "body": "<p>Body</p>",
        "regulatory_jurisdiction": "us_fda",
        "regulatory_status": "not_approved",
        "regulatory_statement": "Not approved by the FDA for ALS.",
        "regulatory_source_url": FDA_PAGE,
        "regulatory_checked_on": days_ago(10).isoformat(),
        "clinic_offer": "not_offered",
        "clinic_trial_registration": "",
        "clinic_cost": "",
        "clinic_offer_note": "",
        "status": "draft",
        "article_citations-TOTAL_FORMS": "0",
        "article_citations-INITIAL_FORMS": "0",
    }
    return {**form, **fields}


def add(client, **fields):
    return client.post(f"{ADMIN}articles/article/add/", treatment_form(**fields))


def page_html(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def section(html, css_class):
    match = re.search(rf'<section class="{css_class}[^"]*".*?</section>', html, re.S)
    assert match, f"no {css_class} section"
    inline_tags_gone = re.sub(r"</?(?:a|time|strong|span)\b[^>]*>", "", match.group(0))
    return " ".join(re.sub(r"<[^>]+>", " ", inline_tags_gone).split())


def test_editor_adds_a_treatment_with_its_source_and_involvement(editor_client):
    response = add(
        editor_client, clinic_offer="clinical_trial", clinic_trial_registration="NCT03280056"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="stem-cell-therapy")
    assert article.regulatory_jurisdiction == Article.Jurisdiction.US_FDA
    assert article.regulatory_source_url == FDA_PAGE
    assert article.clinic_offer == Article.ClinicOffer.CLINICAL_TRIAL


@pytest.mark.parametrize(
    "missing",
    ["regulatory_statement", "regulatory_source_url", "regulatory_checked_on", "clinic_offer"],
)
def test_the_admin_refuses_a_treatment_without_what_it_must_state(editor_client, missing):
    response = add(editor_client, **{missing: ""})
    assert response.status_code == 200
    assert missing in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_the_admin_refuses_a_check_date_in_the_future(editor_client):
    response = add(editor_client, regulatory_checked_on=days_ago(-1).isoformat())
    assert "The check date cannot be in the future." in response.content.decode()
    assert not Article.objects.exists()


def test_the_admin_refuses_a_trial_without_its_registration_number(editor_client):
    response = add(editor_client, clinic_offer="clinical_trial")
    assert "A clinical trial needs its registration number" in response.content.decode()
    assert not Article.objects.exists()


def test_the_admin_refuses_a_cost_for_a_treatment_the_clinic_does_not_offer(editor_client):
    response = add(editor_client, clinic_cost="$1,000")
    assert "has no cost to show" in response.content.decode()
    assert not Article.objects.exists()


def test_the_admin_refuses_involvement_on_a_condition(editor_client):
    response = add(
        editor_client, kind="condition", regulatory_status="", clinic_offer="not_offered"
    )
    assert "applies to treatments only" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"clinic_offer": ""},  # a treatment page has one
        {"clinic_offer": "clinical_trial", "clinic_trial_registration": ""},
        {"clinic_offer": "not_offered", "clinic_cost": "$500"},
        {"clinic_offer": "sold_to_anyone"},
        {"regulatory_jurisdiction": "mars"},
    ],
)
def test_the_database_refuses_a_treatment_breaking_a_rule(fields):
    treatment = ArticleFactory(treatment=True)
    for name, value in fields.items():
        setattr(treatment, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        treatment.save()


def test_the_database_refuses_involvement_on_a_condition():
    condition = ArticleFactory()
    condition.clinic_offer = Article.ClinicOffer.NOT_OFFERED
    with pytest.raises(IntegrityError), transaction.atomic():
        condition.save()


def test_a_stale_check_is_flagged_in_the_admin_list_and_filter(editor_client, settings):
    settings.REGULATORY_CHECK_MAX_AGE_MONTHS = 6
    ArticleFactory(treatment=True, title="Old check", regulatory_checked_on=days_ago(200))
    ArticleFactory(treatment=True, title="Never checked", regulatory_checked_on=None)
    ArticleFactory(treatment=True, title="New check", regulatory_checked_on=days_ago(20))
    ArticleFactory(title="A condition")
    url = f"{ADMIN}articles/article/"

    listing = editor_client.get(url).content.decode()
    assert "regulatory check current" in listing.lower()
    rows = {
        title: row
        for row in listing.split("<tr")[1:]
        for title in re.findall(r">([^<]+)</a></th>", row)
    }
    assert 'alt="False"' in rows["Old check"]
    assert 'alt="False"' in rows["Never checked"]
    assert 'alt="True"' in rows["New check"]
    assert 'alt="None"' in rows["A condition"]

    stale = editor_client.get(url, {"regulatory_check": "stale"}).content.decode()
    assert "Old check" in stale
    assert "Never checked" in stale
    assert "New check" not in stale
    assert "A condition" not in stale
    current = editor_client.get(url, {"regulatory_check": "current"}).content.decode()
    assert "New check" in current
    assert "Old check" not in current
    assert "Stale (checked over 6 months ago, or never)" in listing


def test_the_check_period_is_a_setting(editor_client, settings):
    ArticleFactory(treatment=True, title="Checked 40 days ago", regulatory_checked_on=days_ago(40))
    url = f"{ADMIN}articles/article/"
    settings.REGULATORY_CHECK_MAX_AGE_MONTHS = 6
    assert (
        "Checked 40 days ago"
        not in editor_client.get(url, {"regulatory_check": "stale"}).content.decode()
    )
    settings.REGULATORY_CHECK_MAX_AGE_MONTHS = 1
    assert (
        "Checked 40 days ago"
        in editor_client.get(url, {"regulatory_check": "stale"}).content.decode()
    )


def test_a_current_check_shows_its_date_and_source(client):
    treatment = ArticleFactory(
        treatment=True, regulatory_checked_on=datetime.date.today() - datetime.timedelta(days=3)
    )
    box = section(page_html(client, treatment), "regulatory")
    checked = treatment.regulatory_checked_on
    assert f"Last checked on {checked:%-d %B %Y}." in box
    assert "As of" not in box
    assert "Source: fda.gov" in box
    assert f'href="{treatment.regulatory_source_url}"' in page_html(client, treatment)


def test_a_stale_check_reads_as_of_its_date_with_the_source(client, settings):
    settings.REGULATORY_CHECK_MAX_AGE_MONTHS = 6
    treatment = ArticleFactory(treatment=True, regulatory_checked_on=datetime.date(2021, 6, 3))
    box = section(page_html(client, treatment), "regulatory")
    assert "As of 3 June 2021. We have not checked it since then, so it may have changed." in box
    assert "Source: fda.gov" in box


def test_a_status_never_checked_says_so(client):
    treatment = ArticleFactory(treatment=True, regulatory_checked_on=None, regulatory_source_url="")
    box = section(page_html(client, treatment), "regulatory")
    assert "We have not recorded when this was last checked." in box
    assert "No source is recorded for this statement." in box


def test_the_jurisdiction_is_named_with_the_status(client):
    treatment = ArticleFactory(treatment=True, regulatory_jurisdiction=Article.Jurisdiction.UK_MHRA)
    box = section(page_html(client, treatment), "regulatory")
    assert "Approval status: Investigational, in clinical trials (United Kingdom: MHRA)" in box


def test_the_clinics_involvement_sits_just_before_the_call_to_action(client):
    treatment = ArticleFactory(
        treatment=True, clinic_offer_note="We do not offer it outside clinical trials."
    )
    html = page_html(client, treatment)
    box = section(html, "clinic-offer")
    assert (
        "Does our clinic provide this treatment? No. Our clinic does not provide this treatment."
        in box
    )
    assert "We do not offer it outside clinical trials." in box
    assert "What it costs" not in box
    between = html[html.index('class="clinic-offer"') : html.index('class="cta"')]
    assert "<section" not in between.split(">", 1)[1]  # nothing else in between
    assert html.index('class="disclaimer"') < html.index('class="clinic-offer"')


@pytest.mark.parametrize(
    ("fields", "answer"),
    [
        ({"clinic_offer": "approved_use"}, "Yes, for the use it is approved for."),
        (
            {"clinic_offer": "clinical_trial", "clinic_trial_registration": "NCT03280056"},
            "Only to people taking part in a clinical trial, registered as NCT03280056 "
            "(ClinicalTrials.gov). Outside the trial, we do not provide it.",
        ),
        ({"clinic_offer": "expanded_access"}, "Only under expanded access."),
    ],
)
def test_a_treatment_the_clinic_provides_says_how_and_what_it_costs(
    client, committed, fields, answer
):
    treatment = ArticleFactory(treatment=True, **fields)
    box = section(page_html(client, treatment), "clinic-offer")
    assert answer in box
    assert "What it costs: ask us. A care coordinator will tell you the full cost." in box

    with committed():
        treatment.clinic_cost = "$1,200 per session, not covered by insurance"
        treatment.save()
    box = section(page_html(client, treatment), "clinic-offer")
    assert "What it costs: $1,200 per session, not covered by insurance" in box


def test_the_clinics_trial_links_to_its_registry(client):
    treatment = ArticleFactory(
        treatment=True, clinic_offer="clinical_trial", clinic_trial_registration="NCT03280056"
    )
    assert '<a href="https://clinicaltrials.gov/study/NCT03280056">NCT03280056</a>' in page_html(
        client, treatment
    )


def test_a_condition_page_shows_neither_box(client):
    html = page_html(client, ArticleFactory())
    assert 'class="regulatory' not in html
    assert 'class="clinic-offer' not in html


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 11, 25), 6, datetime.date(2026, 5, 25)),
        (datetime.date(2026, 8, 31), 6, datetime.date(2026, 2, 28)),  # no 31 February
        (datetime.date(2028, 8, 31), 6, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 15), 6, datetime.date(2025, 9, 15)),  # the year before
    ],
)
def test_the_check_period_counts_calendar_months(day, months, expected):
    assert months_before(day, months) == expected
