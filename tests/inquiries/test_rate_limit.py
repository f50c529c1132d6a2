import pytest

from clinic.models import SiteSettings
from inquiries.models import Inquiry

from .test_contact_form import valid_data

pytestmark = pytest.mark.django_db


def post(client, ip="203.0.113.7", **headers):
    return client.post("/contact/", valid_data(), REMOTE_ADDR=ip, **headers)


def test_sixth_request_in_ten_minutes_gets_a_429_page_and_stores_nothing(client):
    for _ in range(5):
        assert post(client).status_code == 302
    response = post(client)
    assert response.status_code == 429
    assert Inquiry.objects.count() == 5
    assert response["Retry-After"] == "600"
    html = response.content.decode()
    assert "Please try again later" in html
    assert "try again in 10 minutes" in html
    assert f'href="{SiteSettings.load().phone_href}"' in html
    assert 'class="site-header"' in html  # the site's own design


def test_limit_and_window_come_from_settings(client, settings):
    settings.INQUIRY_RATE_LIMIT = 2
    settings.INQUIRY_RATE_WINDOW_SECONDS = 60
    assert post(client).status_code == 302
    assert post(client).status_code == 302
    response = post(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "try again in 1 minute," in response.content.decode()
    assert Inquiry.objects.count() == 2


def test_invalid_submissions_count_towards_the_limit(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    assert (
        client.post("/contact/", valid_data(name=""), REMOTE_ADDR="203.0.113.7").status_code == 200
    )
    assert post(client).status_code == 429
    assert not Inquiry.objects.exists()


def test_only_posts_count(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    for _ in range(5):
        assert client.get("/contact/", REMOTE_ADDR="203.0.113.7").status_code == 200
    assert post(client).status_code == 302


def test_each_client_ip_has_its_own_limit(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    assert post(client, ip="203.0.113.7").status_code == 302
    assert post(client, ip="203.0.113.7").status_code == 429
    assert post(client, ip="198.51.100.9").status_code == 302


def test_forwarded_header_is_ignored_unless_configured(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    settings.CLIENT_IP_HEADER = ""
    assert post(client, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 302
    # A client cannot dodge the limit by forging the header.
    assert post(client, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 429


def test_configured_proxy_header_identifies_the_client(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = "10.0.0.1"
    # The proxy appends the address it saw; anything before it came from the client.
    assert post(client, ip=proxy, HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.1").status_code == 302
    assert post(client, ip=proxy, HTTP_X_FORWARDED_FOR="7.7.7.7, 192.0.2.1").status_code == 429
    assert post(client, ip=proxy, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 302


def test_unusable_proxy_header_falls_back_to_the_connection_address(client, settings):
    settings.INQUIRY_RATE_LIMIT = 1
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert post(client, ip="203.0.113.7", HTTP_X_REAL_IP="not an ip").status_code == 302
    assert post(client, ip="203.0.113.7").status_code == 429
