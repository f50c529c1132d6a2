import re

import pytest
from django.utils import timezone

from clinic.models import SiteSettings
from inquiries.models import Inquiry
from tests.factories import ArticleFactory, contact_form_data
from tests.form_client import Client
from tests.pages import errors_in

pytestmark = pytest.mark.django_db


def test_contact_page_shows_the_form_the_phone_and_the_emergency_warning(client, clinic_phone):
    response = client.get("/contact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="inquiry-form" method="post" action="/contact/" novalidate>' in html
    assert "csrfmiddlewaretoken" in html
    for name in ["name", "email", "phone", "preferred_contact", "best_time", "article", "message"]:
        assert f'name="{name}"' in html
    assert 'name="consent"' in html
    assert "This form is not for emergencies" in html
    assert '<a href="tel:911">911</a>' in html
    assert '<a href="tel:3035550142">(303) 555-0142</a>' in html
    assert 'href="/privacy/"' in html


def test_labels_are_tied_to_their_fields(client):
    html = client.get("/contact/").content.decode()
    for field in ["name", "email", "phone", "best_time", "article", "message", "consent"]:
        assert f'for="id_{field}"' in html
        assert f'id="id_{field}"' in html
    assert "<legend" in html
    assert 'for="id_preferred_contact_0"' in html


def test_honeypot_is_hidden_from_people_and_assistive_technology(client):
    html = client.get("/contact/").content.decode()
    wrapper = html.split('name="website"')[0].rsplit("<div", 1)[1]
    assert 'class="visually-hidden"' in wrapper
    assert 'aria-hidden="true"' in wrapper
    field = re.search(r'<input[^>]*name="website"[^>]*>', html).group(0)
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field


def test_form_responses_are_never_cached(client):
    assert "no-store" in client.get("/contact/")["Cache-Control"]
    assert "no-store" in client.post("/contact/", contact_form_data(name=""))["Cache-Control"]
    assert "no-store" in client.get("/contact/thanks/")["Cache-Control"]


def test_topic_preselects_the_published_article(client):
    article = ArticleFactory(title="Stem cell therapy for ALS", slug="stem-cells-als")
    html = client.get("/contact/?topic=stem-cells-als").content.decode()
    assert f'<option value="{article.pk}" selected>Stem cell therapy for ALS</option>' in html


def test_topic_of_a_draft_or_unknown_article_preselects_nothing(client):
    draft = ArticleFactory(title="Secret draft", slug="secret", draft=True)
    for topic in ["secret", "no-such-page"]:
        html = client.get(f"/contact/?topic={topic}").content.decode()
        options = html.split('name="article"')[1].split("</select>")[0]
        assert re.findall(r'<option value="([^"]*)" selected>', options) == [""]
    assert "Secret draft" not in html
    assert f'value="{draft.pk}"' not in html


def test_patient_request_is_stored_and_redirects_to_the_thanks_page(client):
    article = ArticleFactory(title="Stem cell therapy for ALS", slug="stem-cells-als")
    before = timezone.now()
    response = client.post(
        "/contact/",
        contact_form_data(
            article=str(article.pk),
            phone="+1 (720) 338-4491",
            preferred_contact="phone",
            source_page="/treatments/stem-cells-als/",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    inquiry = Inquiry.objects.get()
    assert inquiry.name == "Ada Patient"
    assert inquiry.email == "ada@example.com"
    assert inquiry.phone == "+1 (720) 338-4491"
    assert inquiry.preferred_contact == Inquiry.PreferredContact.PHONE
    assert inquiry.best_time == "Weekday mornings"
    assert inquiry.article == article
    assert inquiry.message == "Could stem cells help my ALS?"
    assert inquiry.source_page == "/treatments/stem-cells-als/"
    assert inquiry.status == Inquiry.Status.NEW
    assert inquiry.assigned_to is None
    assert before <= inquiry.consented_at <= timezone.now()


def test_thanks_page_says_when_a_coordinator_will_reply(client, clinic_phone, committed):
    with committed():
        site = SiteSettings.load()
        site.response_time = "A coordinator will call you within two business days."
        site.save()
    response = client.post("/contact/", contact_form_data(), follow=True)
    assert response.redirect_chain == [("/contact/thanks/", 302)]
    html = response.content.decode()
    assert "Thank you, we have your request" in html
    assert "A coordinator will call you within two business days." in html
    assert '<a href="tel:3035550142">(303) 555-0142</a>' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter your name"),
        ({"name": "x" * 151}, "name", "Name must be 150 characters or fewer"),
        ({"email": ""}, "email", "Enter your email address"),
        (
            {"email": "ada.example.com"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            {"email": "a" * 250 + "@example.com"},
            "email",
            "Email address must be 254 characters or fewer",
        ),
        (
            {"preferred_contact": ""},
            "preferred_contact",
            "Choose whether you would like an email or a phone call",
        ),
        (
            {"preferred_contact": "carrier pigeon"},
            "preferred_contact",
            "Choose whether you would like an email or a phone call",
        ),
        (
            {"preferred_contact": "phone", "phone": ""},
            "phone",
            "Enter a phone number, or choose to be contacted by email",
        ),
        (
            {"phone": "call me maybe"},
            "phone",
            "Enter a phone number using only digits, spaces, +, - and brackets",
        ),
        ({"phone": "12 34 5"}, "phone", "Enter a phone number with 7 to 20 digits"),
        ({"phone": "1" * 21}, "phone", "Enter a phone number with 7 to 20 digits"),
        ({"phone": "1" * 31}, "phone", "Phone number must be 30 characters or fewer"),
        (
            {"best_time": "x" * 101},
            "best_time",
            "Best time to contact you must be 100 characters or fewer",
        ),
        ({"article": "999999"}, "article", "Choose a topic from the list, or leave it blank"),
        ({"message": "x" * 2001}, "message", "Your question must be 2,000 characters or fewer"),
        (
            {"consent": ""},
            "consent",
            "Check the box to agree that the clinic may contact you about this request",
        ),
    ],
)
def test_invalid_request_shows_the_error_in_the_summary_and_at_the_field(
    client, overrides, field, message
):
    response = client.post("/contact/", contact_form_data(**overrides))
    assert response.status_code == 200  # the form, answered at once
    assert "no-store" in response["Cache-Control"]
    assert not Inquiry.objects.exists()
    html = response.content.decode()
    assert "<title>Error: " in html
    anchor = f"id_{field}_0" if field == "preferred_contact" else f"id_{field}"
    summary = errors_in(html)
    assert summary[anchor].startswith(message)
    assert f'<p class="field-error" id="id_{field}_error">' in html
    assert html.count(message) == 2  # once in the summary, once at the field


def test_error_summary_is_announced_and_fields_point_to_their_errors(client):
    html = client.post(
        "/contact/", contact_form_data(name="", email="nope"), follow=True
    ).content.decode()
    assert '<div class="error-summary" role="alert"' in html
    assert html.index("error-summary") < html.index("<h1>")
    name_input = re.search(r'<input[^>]*name="name"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in name_input
    assert 'aria-describedby="id_name_error"' in name_input
    email_input = re.search(r'<input[^>]*name="email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in email_input
    phone_input = re.search(r'<input[^>]*name="phone"[^>]*>', html).group(0)
    assert "aria-invalid" not in phone_input
    assert 'aria-describedby="id_phone_helptext"' in phone_input
    assert list(errors_in(html)) == ["id_name", "id_email"]


def test_invalid_request_keeps_everything_typed(client):
    article = ArticleFactory(title="Stem cell therapy for ALS")
    html = client.post(
        "/contact/",
        contact_form_data(
            name="",
            email="ada@example.com",
            phone="720 555 0100",
            preferred_contact="phone",
            article=str(article.pk),
            message="Line one <b>and</b> two",
            best_time="Evenings",
        ),
        follow=True,
    ).content.decode()
    assert 'value="ada@example.com"' in html
    assert 'value="720 555 0100"' in html
    assert 'value="Evenings"' in html
    assert re.search(r'<input[^>]*value="phone"[^>]*checked', html)
    assert f'<option value="{article.pk}" selected>' in html
    assert "Line one &lt;b&gt;and&lt;/b&gt; two</textarea>" in html
    assert re.search(r'<input[^>]*name="consent"[^>]*checked', html)


def test_source_page_from_another_site_is_dropped(client):
    client.post("/contact/", contact_form_data(source_page="https://evil.example/phish"))
    client.post("/contact/", contact_form_data(source_page="//evil.example/phish", message="Again"))
    assert list(Inquiry.objects.values_list("source_page", flat=True)) == ["", ""]


def test_form_remembers_the_page_on_this_site_the_patient_came_from(client):
    ArticleFactory(slug="als")
    html = client.get(
        "/contact/", HTTP_REFERER="http://testserver/conditions/als/"
    ).content.decode()
    assert 'name="source_page" value="/conditions/als/"' in html
    html = client.get("/contact/", HTTP_REFERER="https://elsewhere.example/x/").content.decode()
    assert 'name="source_page" value="/x/"' not in html


def test_filled_honeypot_is_stored_as_spam_and_the_sender_sees_the_usual_thanks(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.INQUIRY_NOTIFY_EMAILS = ["coordinators@clinic.example"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/contact/", contact_form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/contact/thanks/"
    assert Inquiry.objects.get().status == Inquiry.Status.SPAM
    assert callbacks == []
    assert mailoutbox == []


def test_csrf_protection_stays_on(db):
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/contact/", contact_form_data())
    assert response.status_code == 403
    assert not Inquiry.objects.exists()


def test_contact_page_works_without_javascript(client):
    html = client.get("/contact/").content.decode()
    form = html.split('<form class="inquiry-form"')[1].split("</form>")[0]
    assert "<script" not in form
    assert '<button class="button" type="submit">' in form
