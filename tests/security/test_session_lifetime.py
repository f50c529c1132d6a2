"""No staff session outlives DJANGO_SESSION_COOKIE_AGE, however active it is.

Each staff request moves the idle expiry forward (30 minutes); the time of signing in is
kept in the session, and the session ends SESSION_COOKIE_AGE (12 hours) after it.
"""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from clinic.middleware import SIGNED_IN_AT
from tests.factories import StaffFactory
from tests.signing_in import enter_code

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"
PAGE = f"{ADMIN}password_change/"


@pytest.fixture
def signed_in(client):
    coordinator = StaffFactory(username="coordinator")
    response = client.post(
        f"{ADMIN}login/",
        {"username": "coordinator", "password": "correct horse battery staple", "next": ADMIN},
    )
    assert response.status_code == 302
    enter_code(client, coordinator)
    return client


def signed_in_ago(client, seconds):
    """Pretend the sign-in happened ``seconds`` ago (the session stays active meanwhile)."""
    session = client.session
    session[SIGNED_IN_AT] = time.time() - seconds
    session.save()


def test_signing_in_records_when(signed_in):
    before = time.time()
    assert signed_in.get(PAGE).status_code == 200
    assert before - 60 < signed_in.session[SIGNED_IN_AT] <= time.time()


def test_an_active_session_ends_at_the_session_age_not_later(signed_in):
    age = settings.SESSION_COOKIE_AGE
    assert age == 12 * 60 * 60

    # Active all day, 5 minutes before the limit: still signed in, but only for 5 minutes.
    signed_in_ago(signed_in, age - 5 * 60)
    response = signed_in.get(PAGE)
    assert response.status_code == 200
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert 4 * 60 < cookie["max-age"] <= 5 * 60
    session = Session.objects.get(session_key=cookie.value)
    assert session.expire_date <= timezone.now() + datetime.timedelta(minutes=5)

    # Past the limit: signed out, whatever the idle timer says.
    signed_in_ago(signed_in, age + 1)
    response = signed_in.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{ADMIN}login/")
    assert signed_in.get(PAGE).status_code == 302
    assert not Session.objects.filter(session_key=cookie.value).exists()


def test_the_idle_timeout_still_applies_early_in_the_day(signed_in):
    signed_in_ago(signed_in, 60 * 60)
    response = signed_in.get(PAGE)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60


def test_a_staff_session_without_a_sign_in_time_must_sign_in_again(signed_in):
    session = signed_in.session
    del session[SIGNED_IN_AT]
    session.save()
    response = signed_in.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{ADMIN}login/")
