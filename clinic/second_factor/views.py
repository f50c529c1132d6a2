"""Enrolment (the first sign-in), the code asked at each sign-in, new recovery codes.

Every page here is for a signed-in staff member whose password was right; the middleware
lets them through before the second factor, and sends them nowhere else.
"""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from . import devices
from .forms import CodeForm


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _redirect_keeping_next(request, name):
    return redirect(f"{reverse(name)}?{urlencode({'next': _next_url(request)})}")


def _render(request, template, title, **context):
    context = {**admin.site.each_context(request), "title": title, **context}
    return render(request, template, {"next": _next_url(request), **context})


@staff_member_required
def enrol(request):
    """Add an authenticator app: scan the QR code (or type the key), enter the code it shows."""
    if devices.is_enrolled(request.user):
        # Only a verified session may change the devices; a password alone may not.
        return _redirect_keeping_next(request, "second_factor:verify")
    device = devices.pending_app_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        waiting = devices.must_wait(device)
        codes = devices.confirm_app_device(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            return _recovery_codes_page(request, codes)
        form.add_error("code", _wrong_code_message(waiting))
    return _render(
        request,
        "second_factor/enrol.html",
        _("Set up your second factor"),
        form=form,
        qr_code=devices.qr_code_svg(device),
        key=devices.readable_key(device),
    )


@staff_member_required
def verify(request):
    """The code asked after the password, at each sign-in."""
    if not devices.is_enrolled(request.user):
        return _redirect_keeping_next(request, "second_factor:enrol")
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        waiting = devices.must_wait(devices.app_device(request.user))
        device = devices.device_accepting(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _wrong_code_message(waiting))
    return _render(request, "second_factor/verify.html", _("Enter your code"), form=form)


@require_POST
@staff_member_required
def new_recovery_codes(request):
    """Replace the recovery codes (the old ones stop working) and show the new ones once."""
    return _recovery_codes_page(request, devices.new_recovery_codes(request.user))


def _wrong_code_message(waiting):
    if waiting:
        return _("Too many wrong codes: wait a minute, then enter the code your app shows.")
    return _("That code was not accepted. Enter the code your app shows now, or a recovery code.")


def _recovery_codes_page(request, codes):
    return _render(
        request, "second_factor/recovery_codes.html", _("Your recovery codes"), codes=codes
    )
