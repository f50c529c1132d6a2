"""The contact form under /es/contacto/: Spanish words, Spanish errors, the same request."""

import datetime

import pytest
from django.utils import timezone, translation

from inquiries.emails import confirm_to_patient
from inquiries.models import Inquiry
from inquiries.views import SENT_COOKIE, moment_text
from tests.factories import ArticleFactory, InquiryFactory, contact_form_data
from tests.pages import errors_in

pytestmark = pytest.mark.django_db


def send(client, data, **headers):
    """Send the Spanish form."""
    return client.post("/es/contacto/", data, **headers)


def test_the_spanish_form_has_spanish_labels_and_posts_to_itself(client):
    ArticleFactory(title="Esclerosis lateral amiotrófica (ELA)", slug="ela", language="es")
    html = client.get("/es/contacto/?topic=ela").content.decode()

    assert '<html lang="es">' in html
    assert 'action="/es/contacto/"' in html
    for words in [
        "Hable con un coordinador de atención",
        '<label class="field__label" for="id_name">Su nombre</label>',
        '<label class="field__label" for="id_email">Correo electrónico</label>',
        "¿Cómo prefiere que nos comuniquemos con usted?",
        "Envíenme un correo electrónico",
        "Llámenme",
        "Necesario si prefiere una llamada telefónica.",
        "Como máximo 2,000 caracteres.",
        '<option value="">Otro tema, o no lo sé</option>',
        "Acepto que la clínica se comunique conmigo sobre esta solicitud",
        'Nuestro <a href="/es/privacidad/">aviso de privacidad</a>',
        "Este formulario no es para emergencias.",
        "Enviar mi solicitud",
    ]:
        assert words in html, words
    assert "Your name" not in html


def test_mistakes_are_explained_in_spanish(client):
    html = send(
        client, contact_form_data(name="", email="ada@example", consent="")
    ).content.decode()

    assert "<title>Error: Hable con un coordinador de atención" in html
    assert "Hay un problema" in html
    assert errors_in(html) == {
        "id_name": "Escriba su nombre",
        "id_email": "Escriba un correo electrónico con el formato correcto, como "
        "nombre@ejemplo.com",
        "id_consent": "Marque la casilla para aceptar que la clínica se comunique con usted "
        "sobre esta solicitud",
    }
    assert '<span class="visually-hidden">Error:</span> Escriba su nombre' in html
    assert Inquiry.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"message": "x" * 2001},
            "id_message",
            "Su pregunta debe tener 2,000 caracteres como máximo",
        ),
        ({"name": "x" * 151}, "id_name", "El nombre debe tener 150 caracteres como máximo"),
        (
            {"preferred_contact": "phone", "phone": "call me"},
            "id_phone",
            "Escriba un número de teléfono usando solo dígitos, espacios, +, - y paréntesis",
        ),
        (
            {"preferred_contact": ""},
            "id_preferred_contact_0",
            "Elija si prefiere un correo electrónico o una llamada",
        ),
    ],
)
def test_each_field_error_is_in_spanish(client, data, field, message):
    html = send(client, contact_form_data(**data)).content.decode()

    assert errors_in(html)[field] == message


def test_a_spanish_request_is_stored_and_thanked_in_spanish(client):
    response = client.post("/es/contacto/", contact_form_data(name="Lucía Pérez"))

    assert response.status_code == 302
    assert response["Location"] == "/es/contacto/gracias/"
    inquiry = Inquiry.objects.get()
    assert inquiry.name == "Lucía Pérez"
    assert inquiry.consented_at is not None
    assert response.cookies[SENT_COOKIE]["path"] == "/es/contacto/"
    html = client.get("/es/contacto/gracias/").content.decode()
    assert "Gracias, recibimos su solicitud" in html
    assert f'<strong class="reference__code">{inquiry.reference}</strong>' in html
    assert "Un coordinador de atención se comunicará con usted en un plazo de un día hábil." in html


def test_the_rate_limit_says_when_in_spanish(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    assert client.post("/es/contacto/", contact_form_data()).status_code == 302

    response = send(client, contact_form_data(name="Segunda", message="Otra pregunta"))

    assert response.status_code == 429
    html = response.content.decode()
    assert "<title>Aún sin enviar: " in html
    assert "Su solicitud todavía no se ha enviado" in html
    assert "puede enviarlo <strong>después de las " in html
    assert 'value="Segunda"' in html
    assert Inquiry.objects.count() == 1


def test_the_time_to_send_after_reads_as_spanish():
    moment = timezone.make_aware(datetime.datetime(2030, 3, 5, 15, 40))
    soon = timezone.localtime().replace(hour=9, minute=5)

    with translation.override("es"):
        assert moment_text(moment) == "3:40 p. m. del martes 5 de marzo"
        assert moment_text(soon) == "9:05 a. m."


def test_the_patients_confirmation_is_in_the_language_of_the_form_they_sent(mailoutbox):
    inquiry = InquiryFactory(language="es")

    assert confirm_to_patient(inquiry.pk)  # as the task worker runs it: in English

    [email] = mailoutbox
    assert email.subject.startswith("Recibimos su solicitud | ")
    assert email.body.startswith("Hola:\n\n")
    assert f"Su número de referencia es {inquiry.reference}." in email.body
    assert "Si necesita ayuda médica urgente, llame al 911." in email.body
    assert inquiry.message not in email.body


MISTAKES = [
    {"name": ""},
    {"name": "x" * 151},
    {"email": ""},
    {"email": "ada@example"},
    {"email": "a" * 250 + "@example.com"},
    {"preferred_contact": ""},
    {"preferred_contact": "fax"},
    {"preferred_contact": "phone", "phone": ""},
    {"phone": "call me"},
    {"phone": "12345"},
    {"phone": "1" * 31},
    {"best_time": "x" * 101},
    {"article": "999999"},
    {"message": "x" * 2001},
    {"consent": ""},
]


@pytest.mark.parametrize("mistake", MISTAKES)
def test_every_kind_of_mistake_is_explained_in_spanish(client, mistake):
    english = errors_in(client.post("/contact/", contact_form_data(**mistake)).content.decode())
    html = send(client, contact_form_data(**mistake)).content.decode()
    spanish = errors_in(html)
    assert english
    assert spanish.keys() == english.keys()
    for field, sentence in english.items():
        assert sentence not in html, field
        assert spanish[field] != sentence


def test_going_back_after_sending_says_so_in_spanish(client):
    client.post("/es/contacto/", contact_form_data())
    reference = Inquiry.objects.get().reference
    html = client.get("/es/contacto/").content.decode()
    assert (
        f'Usted envió la solicitud <strong class="reference__code">{reference}</strong> a las '
        in html
    )
    assert f'href="/es/contacto/?another={reference}">Enviar otra solicitud</a>' in html
