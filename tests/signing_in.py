"""Staff sessions as the site gives them: the password, then the second factor (django-otp).

The fixtures in conftest.py and the browser helpers sign staff in through here, so a test
reaching an admin page has a session that passed both, as a person's would.
"""

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def app_device(user):
    """The user's confirmed authenticator app (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def current_code(device):
    """The six digits the device's app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user):
    """Give the test client a session that passed the password and the second factor."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = app_device(user).persistent_id  # as django_otp.login()
    session.save()
    return client


def enter_code(client, user):
    """After the password: enter the code of the user's app on the second factor's page."""
    device = app_device(user)
    response = client.post(reverse("second_factor:verify"), {"code": current_code(device)})
    assert response.status_code == 302, response.content.decode()
    return response
