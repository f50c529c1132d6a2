"""A staff member's devices: the authenticator app (a TOTP device) and the recovery codes
(a static device whose tokens are used once)."""

from base64 import b32encode
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_enrolled(user):
    """Whether the user has a confirmed authenticator app (recovery codes alone are not one)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def app_device(user):
    """The user's confirmed authenticator app."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_app_device(user):
    """The authenticator app being enrolled: the same key on every visit until confirmed."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def readable_key(device):
    """The device's key as an app asks for it when typed (base32, in groups of four)."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device):
    """The device's otpauth:// address as an inline SVG QR code (no image request, no script)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    out = BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


def confirm_app_device(device, code):
    """Confirm the pending device with a code it shows; return the new recovery codes, or
    None when the code is wrong."""
    if not device.verify_token(code.replace(" ", "")):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(device.user)


def new_recovery_codes(user):
    """Replace the user's recovery codes with new ones; return them (shown once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
        codes = [StaticToken.random_token() for _ in range(settings.SECOND_FACTOR_RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def remove_devices(user):
    """Forget every device of the user (a lost phone): the next sign-in enrols again.
    Return how many there were."""
    devices = list(devices_for_user(user, confirmed=None))
    with transaction.atomic():
        for device in devices:
            device.delete()
    return len(devices)


def must_wait(device):
    """Whether the device refuses every code for now, after wrong ones (django-otp doubles
    the wait after each: 1, 2, 4... seconds)."""
    allowed, _ = device.verify_is_allowed()
    return not allowed


def device_accepting(user, code):
    """The user's confirmed device that accepts the code (the app's code, or a recovery code,
    then used up), or None. Each device counts its failures and slows guessing down."""
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                return device
    return None
