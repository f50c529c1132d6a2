from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from clinic.middleware import staff_path_prefixes

from .devices import is_enrolled


class SecondFactorMiddleware:
    """A staff session opens no staff page before its second factor.

    After django-otp's ``OTPMiddleware``. A staff member signed in with a password alone is
    sent to enrol an authenticator app (the first time) or to enter its code, from any
    admin or editor page; the sign-in, sign-out and these two pages stay open. Elsewhere
    such a session counts as a visitor's (no draft previews for a password alone). Visitors
    without a session cookie are left alone (reading the session adds ``Vary: Cookie``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            user = request.user
            if user.is_authenticated and user.is_staff and not user.is_verified():
                if not request.path_info.startswith(staff_path_prefixes()):
                    request.user = AnonymousUser()
                elif request.path not in self.open_paths():
                    return self.ask_for_the_second_factor(request)
        return self.get_response(request)

    @staticmethod
    def open_paths():
        return {
            reverse("admin:login"),
            reverse("admin:logout"),
            reverse("second_factor:verify"),
            reverse("second_factor:enrol"),
        }

    @staticmethod
    def ask_for_the_second_factor(request):
        step = "second_factor:verify" if is_enrolled(request.user) else "second_factor:enrol"
        target = request.get_full_path() if request.method == "GET" else reverse("admin:index")
        return redirect(f"{reverse(step)}?{urlencode({'next': target})}")
