"""A staff member's first sign-in on a phone: password, QR code and key, the app's code,
the recovery codes once, then the admin."""

from base64 import b32decode

from django.conf import settings
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.factories import StaffFactory

from .conftest import blocking, run_axe


def test_first_sign_in_on_a_phone_enrols_an_authenticator_app(page, live_server):
    StaffFactory(username="maria", is_superuser=True)
    admin = f"/{settings.ADMIN_PATH}"
    page.goto(f"{admin}login/")
    page.get_by_label("Username").fill("maria")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("figure", name="QR code for your authenticator app")).to_be_visible()
    qr = page.locator(".second-factor-qr svg").bounding_box()
    assert qr["width"] >= 150  # large enough for a phone's camera
    assert qr["x"] + qr["width"] <= 375  # inside a phone's screen
    assert blocking(run_axe(page, "second-factor-enrol")) == []
    key = page.locator(".second-factor-key").inner_text().replace(" ", "")
    secret = b32decode(key + "=" * (-len(key) % 8))
    page.get_by_role("textbox", name="Code").fill(f"{TOTP(secret).token():06d}")
    page.get_by_role("button", name="Confirm").click()

    codes = page.locator(".second-factor-codes code")
    expect(codes).to_have_count(settings.SECOND_FACTOR_RECOVERY_CODES)
    page.get_by_role("link", name="I have kept them: continue").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
