"""What a patient sees of a page's medical review: who, when, when next, and whether the text
changed since; the structured data follows only a current review."""

import datetime
import json
import re

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Article, Review
from articles.models.review import next_review_due
from articles.models.review_querysets import first_review_day_due_from
from tests.factories import ArticleFactory, ReviewerFactory, ReviewFactory, StaffFactory

pytestmark = pytest.mark.django_db


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def review_line(html):
    return " ".join(re.search(r'<p class="article__review[^"]*">(.*?)</p>', html, re.S)[1].split())


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found[1])


def first_of_month_ago(days):
    """A day at least ``days`` ago that is the 1st of its month (no month-end clamping)."""
    return (timezone.localdate() - datetime.timedelta(days=days)).replace(day=1)


def long_date(day):
    return f"{day.day} {day:%B %Y}"


def test_a_reviewed_page_shows_who_reviewed_it_when_and_when_the_next_is_due(client):
    reviewed_on = first_of_month_ago(40)
    article = ArticleFactory(slug="als")
    ReviewFactory(article=article, reviewed_on=reviewed_on)
    line = review_line(page(client, article))
    next_due = reviewed_on.replace(year=reviewed_on.year + 3)  # a condition: 36 months
    assert line.startswith(
        f"Reviewed by Dr. A. Rao, MD, neurologist on <time datetime="
        f'"{reviewed_on.isoformat()}">{long_date(reviewed_on)}</time> · Next review due'
    )
    assert f'<time datetime="{next_due.isoformat()}">{long_date(next_due)}</time>' in line
    assert "Updated since review" not in line


@pytest.mark.parametrize(
    ("kind", "months"), [("treatment", 12), ("condition", 36), ("treatment", 6)]
)
def test_the_next_review_is_due_a_period_after_the_last_that_depends_on_the_kind(
    client, settings, kind, months
):
    settings.ARTICLE_REVIEW_MONTHS = {**settings.ARTICLE_REVIEW_MONTHS, kind: months}
    reviewed_on = first_of_month_ago(20)
    article = ArticleFactory(treatment=kind == "treatment")
    ReviewFactory(article=article, reviewed_on=reviewed_on)
    year, month = divmod(reviewed_on.month - 1 + months, 12)
    next_due = datetime.date(reviewed_on.year + year, month + 1, 1)
    assert f'Next review due <time datetime="{next_due.isoformat()}">' in page(client, article)


def test_a_change_to_the_text_after_the_review_shows_updated_since_review(client, committed):
    article = ArticleFactory(reviewed=10)
    article.featured = True  # not medical text: the review still covers the page
    article.save()
    assert "Updated since review" not in page(client, article)
    with committed():
        article.body += "<p>Stem cells cure ALS.</p>"
        article.save()
    line = review_line(page(client, article))
    assert line.startswith("Reviewed by Dr. A. Rao")
    assert "Updated since review: the latest changes are not yet medically reviewed." in line


def test_the_approval_statement_is_reviewed_text_its_check_date_is_not(client, committed):
    article = ArticleFactory(treatment=True, reviewed=10)
    article.regulatory_checked_on = timezone.localdate()  # the source read again
    article.save()
    assert "Updated since review" not in page(client, article)
    with committed():
        article.regulatory_statement = "Approved by the FDA for ALS."
        article.save()
    assert "Updated since review" in page(client, article)


def test_the_editor_s_reformatting_of_the_html_is_not_a_change(client):
    article = ArticleFactory(body="<h2>Overview</h2><p>What it is.</p>", reviewed=10)
    article.body = "<h2>Overview</h2>\n\n<p>What it is.</p>\n"  # as CKEditor sends it back
    article.save()
    assert "Updated since review" not in page(client, article)


def test_the_review_line_is_in_spanish_on_the_spanish_page(client, committed):
    reviewed_on = first_of_month_ago(40)
    article = ArticleFactory(slug="als", treatment=True, language="es")  # a Spanish page
    ReviewFactory(article=article, reviewed_on=reviewed_on)
    html = client.get("/es/tratamientos/als/").content.decode()
    line = review_line(html)
    assert line.startswith("Revisada por Dr. A. Rao, MD, neurologist el <time datetime=")
    assert "· Próxima revisión: <time datetime=" in line
    with committed():
        article.body += "<p>Más.</p>"
        article.save()
    line = review_line(client.get("/es/tratamientos/als/").content.decode())
    assert "Actualizada después de la revisión" in line


def test_an_unreviewed_page_says_so_plainly(client):
    article = ArticleFactory()
    html = page(client, article)
    assert review_line(html) == "Not yet medically reviewed."
    assert "article__review--due" in html


def test_an_overdue_review_says_the_page_is_out_of_date(client):
    article = ArticleFactory(treatment=True, reviewed=400)  # treatments: every 12 months
    line = review_line(page(client, article))
    assert "Reviewed by Dr. A. Rao" in line
    assert "Next review was due" in line
    assert "This review is out of date." in line


def test_the_latest_review_is_the_one_shown(client):
    article = ArticleFactory()
    ReviewFactory(article=article, reviewed_on=timezone.localdate() - datetime.timedelta(30))
    kim = ReviewerFactory(username="kim", display_name="Dr. Kim Lee", credentials="MD")
    ReviewFactory(article=article, reviewer=kim)
    assert "Reviewed by Dr. Kim Lee, MD on" in review_line(page(client, article))


def test_cached_pages_are_rendered_again_at_midnight_when_reviews_may_fall_due(client):
    from django.core.cache import cache

    from clinic import pagecache

    article = ArticleFactory(reviewed=10)
    client.get(article.get_absolute_url())
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    assert cache.get(pagecache.version_key(pagecache.SITE))["valid_until"] == midnight.timestamp()


def test_structured_data_names_the_reviewer_and_date_of_a_current_review(client):
    article = ArticleFactory(treatment=True, reviewed=10)
    data = json_ld(page(client, article))
    assert data["lastReviewed"] == article.reviews.get().reviewed_on.isoformat()
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr. A. Rao",
        "hasCredential": {"@type": "EducationalOccupationalCredential", "name": "MD, neurologist"},
    }


@pytest.mark.parametrize("state", ["never reviewed", "overdue", "updated since"])
def test_structured_data_claims_no_review_that_is_not_current(client, state):
    article = ArticleFactory(treatment=True, reviewed={"overdue": 400}.get(state, 10))
    if state == "never reviewed":
        article.reviews.all().delete()
    if state == "updated since":
        article.summary = "A new summary with a new claim."
        article.save()
    data = json_ld(page(client, article))
    assert "reviewedBy" not in data
    assert "lastReviewed" not in data
    assert data["@type"] == "MedicalWebPage"


def test_a_review_records_only_a_member_of_the_medical_reviewers_group(reviewer):
    article = ArticleFactory()
    stranger = StaffFactory(username="someone")
    review = Review(article=article, reviewer=stranger, checked="All of it.")
    review.article_version = article.history.first()
    with pytest.raises(ValidationError, match="Only members of the Medical reviewers group"):
        review.full_clean()
    review.reviewer = reviewer
    review.full_clean()


def test_a_review_covers_a_version_of_its_own_page_and_says_what_was_checked(reviewer):
    article, other = ArticleFactory(), ArticleFactory()
    review = Review(article=article, reviewer=reviewer, checked="  ")
    review.article_version = other.history.first()
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert set(error.value.message_dict) == {"article_version", "checked"}


def test_a_review_of_a_text_since_changed_is_refused(reviewer):
    article = ArticleFactory()
    version = article.history.first()
    Article.objects.get(pk=article.pk).save()  # saved again, same text: still that text
    Review(article=article, reviewer=reviewer, checked="x", article_version=version).full_clean()
    article.body = "<p>Another text.</p>"
    article.save()
    review = Review(article=article, reviewer=reviewer, checked="x", article_version=version)
    with pytest.raises(ValidationError, match="changed while you were reviewing"):
        review.full_clean()


@pytest.mark.parametrize("months", [1, 6, 12, 36])
def test_the_database_cutoff_agrees_with_the_next_review_date_at_month_ends(months):
    """The admin's filters compare review days with a cutoff (first_review_day_due_from);
    the page computes each next review date: both must say the same on every day of a leap
    year and the next, around every month end."""
    day = datetime.date(2024, 1, 1)
    while day.year < 2026:
        cutoff = first_review_day_due_from(day, months)
        for offset in range(-5, 6):
            reviewed_on = day - relativedelta(months=months) + datetime.timedelta(days=offset)
            due_before_day = reviewed_on + relativedelta(months=months) < day
            assert due_before_day == (reviewed_on < cutoff), (day, reviewed_on)
        day += datetime.timedelta(days=1)


def test_next_review_due_clamps_to_the_end_of_a_shorter_month(settings):
    settings.ARTICLE_REVIEW_MONTHS = {"treatment": 1, "condition": 36}
    assert next_review_due("treatment", datetime.date(2024, 1, 31)) == datetime.date(2024, 2, 29)
    assert next_review_due("condition", datetime.date(2024, 2, 29)) == datetime.date(2027, 2, 28)


def test_the_page_folds_what_the_reviewer_checked_under_the_review_line(client):
    article = ArticleFactory(slug="checked-page")
    ReviewFactory(article=article, checked="Every claim against NHS.UK and its reference.")
    html = page(client, article)
    details = re.search(r'<details class="article__review-checked">(.*?)</details>', html, re.S)[1]
    assert "<summary>What the reviewer checked</summary>" in details
    assert "Every claim against NHS.UK and its reference." in details
    assert html.index("Reviewed by") < html.index("article__review-checked")
