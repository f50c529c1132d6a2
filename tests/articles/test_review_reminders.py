"""The editors' daily email of the pages whose medical review is due or overdue."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from articles.tasks import remind_editors_of_reviews
from tests.factories import ArticleFactory, StaffFactory

pytestmark = pytest.mark.django_db

ADMIN = f"{settings.SITE_URL}/{settings.ADMIN_PATH}"


@pytest.fixture
def editors(staff_group):
    group = staff_group("Editors")
    for username, email, active in [
        ("ed", "ed@clinic.example", True),
        ("jo", "jo@clinic.example", True),
        ("gone", "gone@clinic.example", False),  # left the clinic
        ("nomail", "", True),
    ]:
        StaffFactory(username=username, email=email, is_active=active).groups.add(group)
    StaffFactory(username="coordinator", email="maria@clinic.example")  # not an editor


def test_one_email_to_the_editors_lists_the_pages_due_and_overdue(editors, mailoutbox):
    overdue = ArticleFactory(title="Stem cell therapy", treatment=True, reviewed=400)
    due = ArticleFactory(title="Riluzole", treatment=True, reviewed=350)  # due in ~15 days
    never = ArticleFactory(title="Motor neurone disease")
    ArticleFactory(title="Current page", treatment=True, reviewed=30)
    ArticleFactory(title="Old draft", treatment=True, draft=True, reviewed=400)
    assert remind_editors_of_reviews.call() == 3
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert sorted(email.to) == ["ed@clinic.example", "jo@clinic.example"]
    assert email.subject == (
        "Medical reviews to arrange: 1 overdue, 1 due within 30 days, 1 never reviewed"
    )
    body = email.body
    assert body.index("Overdue:") < body.index("Stem cell therapy (treatment), review due")
    assert body.index("Due within 30 days:") < body.index("Riluzole (treatment), review due")
    assert "Never reviewed:\n- Motor neurone disease (condition)\n" in body
    for article in (overdue, due, never):
        assert f"{ADMIN}articles/article/{article.pk}/change/" in body
    assert "Current page" not in body
    assert "Old draft" not in body


def test_a_page_changed_since_its_review_is_listed(editors, mailoutbox):
    article = ArticleFactory(title="Edited page", reviewed=30)
    article.body += "<p>A new paragraph.</p>"
    article.save()
    remind_editors_of_reviews.call()
    assert "Changed since their last review:\n- Edited page (condition)" in mailoutbox[0].body


def test_nothing_is_sent_when_no_page_is_due(editors, mailoutbox):
    ArticleFactory(treatment=True, reviewed=30)
    ArticleFactory(reviewed=700)  # a condition: due after 36 months
    assert remind_editors_of_reviews.call() == 0
    assert mailoutbox == []


def test_the_reminder_window_is_a_setting(editors, mailoutbox, settings):
    settings.ARTICLE_REVIEW_REMINDER_DAYS = 10
    ArticleFactory(treatment=True, reviewed=350)  # due in about 15 days: not yet
    assert remind_editors_of_reviews.call() == 0
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_the_nightly_schedule_runs_the_reminder(editors, mailoutbox, run_tasks):
    assert "articles.tasks.remind_editors_of_reviews" in settings.PERIODIC_TASKS["nightly"]
    ArticleFactory(title="Overdue page", treatment=True, reviewed=400)
    call_command("enqueue_periodic_tasks", "nightly", stdout=io.StringIO())
    run_tasks()
    result = DBTaskResult.objects.get(task_path="articles.tasks.remind_editors_of_reviews")
    assert result.status == "SUCCESSFUL"
    assert [email.subject for email in mailoutbox] == ["Medical reviews to arrange: 1 overdue"]
