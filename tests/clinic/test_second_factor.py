"""Staff sign in with a password, then a code from an authenticator app (or a recovery code);
no admin page opens before both."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import ArticleFactory, StaffFactory
from tests.form_client import Client
from tests.signing_in import app_device, current_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ADMIN = f"/{settings.ADMIN_PATH}"
VERIFY = f"{ADMIN}second-factor/"
ENROL = f"{VERIFY}enrol/"
INQUIRIES = f"{ADMIN}inquiries/inquiry/"


def password_only(username="maria", **fields):
    """A client that gave a staff member's right password, and nothing else yet."""
    StaffFactory(username=username, is_superuser=True, **fields)
    client = Client()
    response = client.post(f"{ADMIN}login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code_from_the_enrolment_page(html):
    """What a phone's app computes from the key the page shows (the QR code holds the same)."""
    key = re.search(r'class="second-factor-key">([A-Z2-7 ]+)<', html)[1].replace(" ", "")
    from base64 import b32decode

    secret = b32decode(key + "=" * (-len(key) % 8))
    return f"{TOTP(secret).token():06d}"


def forgive_the_wrong_code(username):
    """A device waits a little longer after each wrong code (django-otp's throttling): the
    moment has passed."""
    TOTPDevice.objects.filter(user__username=username).update(throttling_failure_count=0)


def test_a_password_alone_opens_no_admin_page(client):
    client = password_only()
    for url in [ADMIN, INQUIRIES, f"{ADMIN}clinic/sitesettings/1/change/", "/ckeditor/browse/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(ENROL), url


def test_first_sign_in_enrols_an_app_from_a_qr_code_and_hands_out_recovery_codes():
    client = password_only()
    page = client.get(f"{ENROL}?next={INQUIRIES}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html
    assert "<script" not in html.split('id="content-main"')[1]
    wrong = client.post(ENROL, {"code": "000000", "next": INQUIRIES})
    assert "That code was not accepted" in wrong.content.decode()
    assert client.get(INQUIRIES).status_code == 302
    forgive_the_wrong_code("maria")
    done = client.post(ENROL, {"code": code_from_the_enrolment_page(html), "next": INQUIRIES})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == settings.SECOND_FACTOR_RECOVERY_CODES
    assert f'href="{INQUIRIES}"' in done.content.decode()
    assert client.get(INQUIRIES).status_code == 200
    assert TOTPDevice.objects.get(user__username="maria").confirmed


def test_an_enrolled_member_enters_the_code_at_each_sign_in():
    client = password_only()
    device = app_device(StaffFactory._meta.model.objects.get(username="maria"))
    response = client.get(INQUIRIES)
    assert response["Location"] == f"{VERIFY}?next={INQUIRIES.replace('/', '%2F')}"
    refused = client.post(VERIFY, {"code": "123456", "next": INQUIRIES})
    assert "That code was not accepted" in refused.content.decode()
    assert client.get(INQUIRIES).status_code == 302
    forgive_the_wrong_code("maria")
    accepted = client.post(VERIFY, {"code": current_code(device), "next": INQUIRIES})
    assert accepted["Location"] == INQUIRIES
    assert client.get(INQUIRIES).status_code == 200


def test_a_password_alone_cannot_enrol_another_app_over_an_enrolled_one():
    client = password_only()
    app_device(StaffFactory._meta.model.objects.get(username="maria"))
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user__username="maria").count() == 1


def test_a_recovery_code_signs_in_once():
    client = password_only()
    html = client.get(ENROL).content.decode()
    done = client.post(ENROL, {"code": code_from_the_enrolment_page(html)})
    code = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())[0]
    for attempt in range(2):
        again = Client()
        again.post(f"{ADMIN}login/", {"username": "maria", "password": PASSWORD})
        response = again.post(VERIFY, {"code": code, "next": INQUIRIES})
        assert (again.get(INQUIRIES).status_code == 200) is (attempt == 0), response


def test_an_administrator_resets_a_lost_phone_and_the_next_sign_in_enrols_again():
    client = password_only()
    app_device(StaffFactory._meta.model.objects.get(username="maria"))
    out = io.StringIO()
    call_command("reset_second_factor", "maria", stdout=out)
    assert "Removed 1 device" in out.getvalue()
    assert client.get(INQUIRIES)["Location"].startswith(ENROL)
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("reset_second_factor", "nobody")


def test_a_password_alone_shows_no_draft_preview():
    draft = ArticleFactory(status="draft", slug="unfinished")
    client = password_only()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_verified_member_replaces_the_recovery_codes(admin_client):
    response = admin_client.post(f"{VERIFY}recovery-codes/")
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(codes) == settings.SECOND_FACTOR_RECOVERY_CODES
