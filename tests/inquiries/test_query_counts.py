"""Query counts are part of the design: the contact page, a submission and the coordinators'
pages each make a fixed number of queries, however many articles, requests, notes and
contact attempts there are. (The cache's own queries are not counted: tests/conftest.py.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inquiries.models import ContactAttempt, Inquiry, InquiryEvent, InquiryNote
from tests.factories import ArticleFactory, InquiryFactory, StaffFactory, contact_form_data
from tests.inquiries.coordinator_admin import CHANGELIST, change_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("articles", [1, 30])
def test_the_contact_page_and_a_submission_make_the_same_queries_for_any_library(
    client, django_assert_max_num_queries, articles
):
    topics = [ArticleFactory(slug=f"topic-{n}", featured=n % 2 == 0) for n in range(articles)]
    client.get("/contact/")  # the site settings are cached after the first request
    # The article of ?topic=, then the topic list.
    with django_assert_max_num_queries(2):
        assert client.get("/contact/?topic=topic-0").status_code == 200
    # The chosen topic (the form's choice, then the model's foreign key check); the
    # model's check constraints on what the form sets (a SELECT each: preferred contact,
    # phone when preferred); the same words sent in the last minutes (a duplicate); the
    # INSERT.
    with django_assert_max_num_queries(6):
        response = client.post("/contact/", contact_form_data(article=str(topics[-1].pk)))
        assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_a_submission_queues_its_two_emails_in_one_transaction_after_its_commit(client, settings):
    settings.INQUIRY_NOTIFY_EMAILS = ["coordinators@clinic.example"]
    client.get("/contact/")  # the site settings are cached after the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/contact/", contact_form_data())
    assert response.status_code == 302
    task_queries = [q["sql"] for q in queries if "django_tasks_database" in q["sql"]]
    assert [sql.split()[0] for sql in task_queries] == ["INSERT", "INSERT"]
    after_commit = [q["sql"].split()[0] for q in queries][-4:]  # on_commit runs last
    assert after_commit == ["BEGIN", "INSERT", "INSERT", "COMMIT"]


@pytest.mark.parametrize("count", [2, 30])
def test_the_coordinators_list_and_request_page_make_a_bounded_number_of_queries(
    coordinator_client, coordinator, django_assert_max_num_queries, count
):
    articles = ArticleFactory.create_batch(3)
    staff = StaffFactory.create_batch(3)
    for n in range(count):
        inquiry = InquiryFactory(article=articles[n % 3], assigned_to=staff[n % 3])
        for _ in range(n % 3):
            ContactAttempt.objects.create(inquiry=inquiry, outcome="voicemail", by=coordinator)
    coordinator_client.get(CHANGELIST)  # the site settings are cached after the first request
    with django_assert_max_num_queries(14):
        assert coordinator_client.get(CHANGELIST).status_code == 200
    inquiry = Inquiry.objects.first()
    for n in range(count):
        InquiryNote.objects.create(inquiry=inquiry, author=staff[n % 3], body=f"Note {n}")
        InquiryEvent.objects.create(inquiry=inquiry, actor=staff[n % 3], kind="status")
        ContactAttempt.objects.create(inquiry=inquiry, outcome="no_answer", by=staff[n % 3])
    # 14, the access log's row, and the same person's other requests (one query).
    with django_assert_max_num_queries(16):
        assert coordinator_client.get(change_url(inquiry)).status_code == 200
