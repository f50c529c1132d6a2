"""The admin's door: lockout after failed logins, idle staff sessions, its configurable path."""

import datetime
import importlib

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import clear_url_caches
from django.utils import timezone

from tests.factories import StaffFactory
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def login_url():
    return f"/{settings.ADMIN_PATH}login/"


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(
        login_url(),
        {"username": username, "password": password, "next": f"/{settings.ADMIN_PATH}"},
        REMOTE_ADDR=ip,
    )


def fail_until_locked(client, username, ip="203.0.113.7"):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, username, "wrong password", ip)
        assert response.status_code == 200  # the login form again, with its error
    return attempt(client, username, "wrong password", ip)


def test_failed_logins_lock_out_that_username_from_that_address(client):
    StaffFactory(username="coordinator")
    response = fail_until_locked(client, "coordinator")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "15 minutes" in html
    assert "coordinator" in html
    assert 'id="site-name"' in html  # the admin's own design
    assert "no-store" in response["Cache-Control"]

    # Even the right password is refused during the cool-off.
    response = attempt(client, "coordinator", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_lock_out_the_same_user_elsewhere_or_others_here(client):
    StaffFactory(username="coordinator")
    StaffFactory(username="editor")
    fail_until_locked(client, "coordinator", ip="203.0.113.7")

    response = attempt(client, "coordinator", PASSWORD, ip="198.51.100.20")
    assert response.status_code == 302
    client.logout()
    response = attempt(client, "editor", PASSWORD, ip="203.0.113.7")
    assert response.status_code == 302


def test_the_lockout_ends_after_the_cool_off_time(client):
    StaffFactory(username="coordinator")
    fail_until_locked(client, "coordinator")
    assert attempt(client, "coordinator", PASSWORD).status_code == 429

    later = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=later)
    response = attempt(client, "coordinator", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_successful_login_resets_the_count(client):
    StaffFactory(username="coordinator")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "coordinator", "wrong password")
    assert attempt(client, "coordinator", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "coordinator", "wrong password")
    assert attempt(client, "coordinator", PASSWORD).status_code == 302


def test_staff_sessions_expire_after_inactivity(client):
    sign_in(client, StaffFactory(username="coordinator"))
    response = client.get(f"/{settings.ADMIN_PATH}password_change/")
    assert response.status_code == 200
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == settings.STAFF_SESSION_IDLE_TIMEOUT == 30 * 60
    assert cookie["httponly"]

    session = Session.objects.get(session_key=cookie.value)
    remaining = session.expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < remaining <= datetime.timedelta(minutes=30)

    # 31 idle minutes later the session is gone: back to the login page.
    session.expire_date = timezone.now() - datetime.timedelta(minutes=1)
    session.save()
    response = client.get(f"/{settings.ADMIN_PATH}password_change/")
    assert response.status_code == 302
    assert response["Location"].startswith(login_url())


def test_each_staff_request_moves_the_expiry_forward(client):
    sign_in(client, StaffFactory(username="coordinator"))
    client.get(f"/{settings.ADMIN_PATH}password_change/")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=2)
    )
    client.get(f"/{settings.ADMIN_PATH}password_change/")
    remaining = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert remaining > datetime.timedelta(minutes=29)


def test_non_staff_sessions_keep_the_normal_age(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="patient"))
    response = client.get("/")
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_staff_passwords_are_checked_by_djangos_validators():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["password123", "short", "12345678901234", "coordinator2026"]:
        with pytest.raises(ValidationError):
            validate_password(weak, StaffFactory.build(username="coordinator2026"))
    validate_password("correct horse battery staple")


@pytest.fixture
def admin_at_a_custom_path(settings):
    import clinic.urls

    configured = settings.ADMIN_PATH
    settings.ADMIN_PATH = "staff-7f3a/"
    importlib.reload(clinic.urls)
    clear_url_caches()
    yield
    settings.ADMIN_PATH = configured
    importlib.reload(clinic.urls)
    clear_url_caches()


def test_the_admin_moves_to_the_configured_path(client, admin_at_a_custom_path):
    assert client.get("/admin/").status_code == 404
    response = client.get("/staff-7f3a/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff-7f3a/login/")
    login = client.get("/staff-7f3a/login/")
    assert "no-store" in login["Cache-Control"]
    assert "'unsafe-inline'" in login["Content-Security-Policy"]
    # robots.txt would publish a secret path to anyone who reads it: it stays out.
    robots = client.get("/robots.txt").content.decode()
    assert "staff-7f3a" not in robots
    assert "/admin/" not in robots


@pytest.mark.skipif(settings.ADMIN_PATH != "admin/", reason="a custom DJANGO_ADMIN_PATH is set")
def test_robots_txt_keeps_crawlers_out_of_the_default_admin_path(client):
    assert "Disallow: /admin/" in client.get("/robots.txt").content.decode()


def test_wrong_passwords_from_many_addresses_lock_the_account_and_tell_its_owner(
    client, mailoutbox
):
    StaffFactory(username="coordinator", email="maria@clinic.example")
    per_address = settings.AXES_FAILURE_LIMIT - 1  # never enough for django-axes alone
    for n in range(10):
        for _ in range(per_address):
            response = attempt(client, "coordinator", "wrong password", ip=f"198.51.100.{n}")
            assert response.status_code == 200
    # 40 wrong passwords: past the account's own limit, from any address.
    assert 10 * per_address >= settings.ACCOUNT_LOCKOUT_FAILURES
    response = attempt(client, "coordinator", PASSWORD, ip="198.51.100.99")
    assert response.status_code != 302
    assert "_auth_user_id" not in client.session
    assert [message.to for message in mailoutbox] == [["maria@clinic.example"]]
    assert "locked" in mailoutbox[0].subject
