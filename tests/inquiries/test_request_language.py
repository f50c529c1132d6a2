"""A request remembers the language of the form it came from: the coordinators see it and
filter by it (to call back in Spanish), and the patient's confirmation is written in it."""

import csv
import io

import pytest
from django.conf import settings
from django.db import IntegrityError

from inquiries.models import Inquiry
from tests.factories import ArticleFactory, InquiryFactory, contact_form_data

CHANGELIST = f"/{settings.ADMIN_PATH}inquiries/inquiry/"


@pytest.mark.django_db
@pytest.mark.parametrize(("form", "language"), [("/contact/", "en"), ("/es/contacto/", "es")])
def test_a_request_records_the_language_of_its_form(client, form, language):
    assert client.post(form, contact_form_data()).status_code == 302

    assert Inquiry.objects.get().language == language


@pytest.mark.django_db
def test_a_spanish_request_is_about_the_spanish_page(client):
    page = ArticleFactory(title="Esclerosis lateral amiotrófica", slug="ela", language="es")

    client.post("/es/contacto/", contact_form_data(article=str(page.pk)))

    assert Inquiry.objects.get().article == page


@pytest.mark.django_db
def test_the_database_refuses_an_unknown_language():
    inquiry = InquiryFactory()
    with pytest.raises(IntegrityError):
        Inquiry.objects.filter(pk=inquiry.pk).update(language="fr")


@pytest.mark.django_db
def test_coordinators_see_each_requests_language_and_filter_by_it(coordinator_client):
    InquiryFactory(name="Lucía Pérez", language="es")
    InquiryFactory(name="Ada Patient", language="en")

    html = coordinator_client.get(CHANGELIST).content.decode()
    spanish = coordinator_client.get(CHANGELIST, {"language": "es"})

    assert '<span class="inquiry-age">prefers email in Spanish</span>' in html
    assert '<span class="inquiry-age">prefers email in English</span>' in html
    assert "By call back in" in html
    assert [inquiry.name for inquiry in spanish.context["cl"].result_list] == ["Lucía Pérez"]
    export = coordinator_client.post(
        CHANGELIST,
        {"action": "export_csv", "_selected_action": [str(i.pk) for i in Inquiry.objects.all()]},
    )
    rows = csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")))
    assert {(row["name"], row["language"]) for row in rows} == {
        ("Lucía Pérez", "Spanish"),
        ("Ada Patient", "English"),
    }
    one = Inquiry.objects.get(language="es")
    detail = coordinator_client.get(f"{CHANGELIST}{one.pk}/change/").content.decode()
    assert '<div class="readonly">Spanish</div>' in detail


@pytest.mark.django_db(transaction=True)
def test_a_spanish_request_is_confirmed_in_spanish_and_the_coordinators_told(
    client, settings, mailoutbox, run_tasks
):
    settings.INQUIRY_NOTIFY_EMAILS = ["coord@clinic.example"]
    client.post("/es/contacto/", contact_form_data(email="lucia@example.com"))
    client.post("/contact/", contact_form_data(email="ada@example.com"))

    run_tasks()

    by_recipient = {message.to[0]: message for message in mailoutbox}
    spanish = by_recipient["lucia@example.com"]
    english = by_recipient["ada@example.com"]
    assert spanish.subject.startswith("Recibimos su solicitud | ")
    assert "Su número de referencia es" in spanish.body
    assert english.subject.startswith("We received your request | ")
    told = [message for message in mailoutbox if message.to == ["coord@clinic.example"]]
    spanish_request = Inquiry.objects.get(email="lucia@example.com")
    english_request = Inquiry.objects.get(email="ada@example.com")
    subjects = {message.subject: message.body for message in told}
    about_spanish = subjects[f"New care-coordinator request #{spanish_request.pk} (in Spanish)"]
    about_english = subjects[f"New care-coordinator request #{english_request.pk}"]
    assert "Call back in: Spanish\n" in about_spanish
    assert "Call back in: English\n" in about_english
    assert "lucia" not in about_spanish
