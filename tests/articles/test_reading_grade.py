"""The editor's admin shows each page's reading grade and flags one above grade 8."""

import re

import pytest
import textstat
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from tests.factories import ArticleCitationFactory, ArticleFactory

ADMIN = f"/{settings.ADMIN_PATH}articles/article/"
HARD_FINDING = (
    "Open-label, single-group pilot study (not randomized) of intrathecal autologous "
    "bone-marrow-derived stem cells in 10 people with ALS: no significant deterioration "
    "of the ALSFRS-R score from baseline at one year (P=0.090; the primary end point, "
    "improvement, was not shown); median survival after the procedure 18.0 months; no "
    "significant adverse events reported."
)

pytestmark = pytest.mark.django_db


def grade_column(html, title):
    row = re.search(rf"<tr>(?:(?!</tr>).)*>{re.escape(title)}</a>.*?</tr>", html, re.S).group(0)
    return re.search(r'<td class="field-reading_grade_column">(.*?)</td>', row).group(1)


def test_the_change_page_shows_the_grade_of_each_part(editor_client):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    treatment = Article.objects.get(slug="stem-cell-therapy-for-als")
    summary_grade = round(textstat.flesch_kincaid_grade(treatment.summary), 1)
    finding = treatment.references[1].key_finding
    finding_grade = round(textstat.flesch_kincaid_grade(finding), 1)

    html = editor_client.get(f"{ADMIN}{treatment.pk}/change/").content.decode()
    assert "Plain language" in html
    assert "Within the target (grade 8 or below)." in html
    assert f"summary {summary_grade}" in html
    assert f"key finding [2] {finding_grade}" in html
    assert "Above target" not in html


def test_a_page_above_the_target_is_flagged_on_its_change_page_and_in_the_list(editor_client):
    ArticleFactory(title="Easy page", summary="ALS makes the muscles weak.")
    hard = ArticleFactory(title="Hard page", summary="ALS makes the muscles weak.")
    ArticleCitationFactory(article=hard, order=1, citation__key_finding=HARD_FINDING)
    hard_grade = round(textstat.flesch_kincaid_grade(HARD_FINDING), 1)
    assert hard_grade > 8

    html = editor_client.get(f"{ADMIN}{hard.pk}/change/").content.decode()
    assert f"Grade {hard_grade}. <strong>Above target</strong> (grade 8 or below): " in html
    assert "key finding [1]." in html

    listing = editor_client.get(ADMIN).content.decode()
    assert "Reading grade" in listing
    assert grade_column(listing, "Hard page") == f"{hard_grade} <strong>above target</strong>"
    easy_grade = grade_column(listing, "Easy page")
    assert "above target" not in easy_grade
    assert float(easy_grade) <= 8


def test_the_add_page_has_nothing_to_grade_yet(editor_client):
    html = editor_client.get(f"{ADMIN}add/").content.decode()
    assert "Nothing to grade yet" in html


def test_grading_the_list_costs_the_same_queries_for_more_pages(editor_client):
    def queries_for_list():
        with CaptureQueriesContext(connection) as context:
            assert editor_client.get(ADMIN).status_code == 200
        return len(context.captured_queries)

    for _ in range(2):
        ArticleCitationFactory(article=ArticleFactory())
    queries_for_list()  # the first request of a session runs a few more (the session, axes)
    few = queries_for_list()
    for _ in range(4):
        ArticleCitationFactory(article=ArticleFactory())
    assert queries_for_list() == few
