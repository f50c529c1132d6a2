"""An editor is warned when a randomized trial has no answer on its primary end point: the
evidence box can then only count it as not recorded (issue 21.9)."""

import pytest
from django.urls import reverse

from articles.models import Citation

pytestmark = pytest.mark.django_db


def add_citation(editor_client, **fields):
    data = {
        "authors": "Smith J",
        "title": "A trial",
        "journal": "J Things",
        "year": "2020",
        "study_design": "rct",
        **fields,
    }
    return editor_client.post(
        reverse("admin:articles_citation_add"), data, follow=True
    ).content.decode()


def test_a_randomized_trial_saved_without_an_end_point_answer_warns_the_editor(editor_client):
    html = add_citation(editor_client)
    assert Citation.objects.filter(title="A trial").exists()  # saved: nothing is lost
    assert "is a randomized trial with no answer to" in html


@pytest.mark.parametrize(
    "fields",
    [{"primary_endpoint_met": "no"}, {"study_design": "systematic_review"}],
)
def test_no_warning_with_an_answer_or_for_a_review(editor_client, fields):
    html = add_citation(editor_client, **fields)
    assert Citation.objects.filter(title="A trial").exists()
    assert "is a randomized trial with no answer to" not in html
