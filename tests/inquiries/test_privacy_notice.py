"""The privacy notice says what a patient needs: how long requests are kept, that email is
no place for health details, and whom to ask about their data."""

import pytest

from clinic.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings(committed):
    """Change the site settings as the admin does (the pages show it once committed)."""

    def change(**fields):
        with committed():
            site = SiteSettings.load(cached=False)
            for name, value in fields.items():
                setattr(site, name, value)
            site.save()

    return change


def test_the_notice_says_how_long_requests_are_kept_from_the_setting(client, settings):
    settings.INQUIRY_RETENTION_DAYS = 30
    html = client.get("/privacy/").content.decode()
    assert "How long we keep your request" in html
    assert "we delete it, with our notes about it, 30 days after its last change." in html


def test_the_notice_says_email_is_not_for_health_details(client):
    html = client.get("/privacy/").content.decode()
    assert "Email is not a secure channel" in html
    assert "Please do not email us medical records or details about your health." in html


def test_the_notice_says_whom_to_contact_about_their_data(client, site_settings):
    site_settings(email="hello@clinic.example", phone="(303) 555-0142")
    html = client.get("/privacy/").content.decode()
    assert '<a href="mailto:hello@clinic.example">hello@clinic.example</a>' in html
    assert '<a href="tel:3035550142">(303) 555-0142</a>' in html
    site_settings(privacy_email="privacy@clinic.example")
    html = client.get("/privacy/").content.decode()
    whom = html.split('<h2 id="contact">', 1)[1].split("</p>", 1)[0]
    assert "To see, correct or delete your details" in whom
    assert '<a href="mailto:privacy@clinic.example">privacy@clinic.example</a>' in whom
    assert "hello@clinic.example" not in whom


def test_without_an_email_address_the_notice_gives_the_phone(client, site_settings):
    site_settings(email="", privacy_email="", phone="(303) 555-0142")
    html = client.get("/privacy/").content.decode()
    assert "mailto:" not in html
    assert (
        "or with any question about how we use them, call us at "
        '<a href="tel:3035550142">(303) 555-0142</a>.'
    ) in html


def test_the_spanish_notice_says_it_all_in_spanish(client, settings, site_settings):
    settings.INQUIRY_RETENTION_DAYS = 1
    site_settings(privacy_email="privacidad@clinic.example")
    html = client.get("/es/privacidad/").content.decode()
    assert "nuestras notas sobre ella, 1 día después de su último cambio." in html
    assert "El correo electrónico no es un medio seguro" in html
    assert 'escríbanos a <a href="mailto:privacidad@clinic.example">' in html
    assert "How long we keep" not in html
