"""A per-account limit on wrong passwords, whatever the address they come from.

django-axes locks a username at one address after a few failures; an attacker spreading
guesses over many addresses never meets it. Here every failed sign-in counts against the
username: past ``ACCOUNT_LOCKOUT_FAILURES`` within ``ACCOUNT_LOCKOUT_MINUTES`` the account
refuses even its right password until the cool-off ends, and its owner is emailed once.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.utils.translation import gettext as _


def _key(kind, username):
    return f"clinic:account-lockout:{kind}:{username.casefold()}"


def _cool_off_seconds():
    return settings.ACCOUNT_LOCKOUT_MINUTES * 60


def is_locked(username):
    return bool(username) and cache.get(_key("locked", username)) is not None


def record_failure(sender, credentials, request=None, **kwargs):
    """``user_login_failed``: count the failure; lock the account at the limit."""
    username = credentials.get("username") or ""
    if not username or is_locked(username):
        return
    key = _key("failures", username)
    cache.add(key, 0, timeout=_cool_off_seconds())
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        return
    if failures >= settings.ACCOUNT_LOCKOUT_FAILURES:
        cache.set(_key("locked", username), True, timeout=_cool_off_seconds())
        cache.delete(key)
        _tell_the_owner(username)


def _tell_the_owner(username):
    user = get_user_model().objects.filter(username=username).first()
    if user is None or not user.email:
        return
    send_mail(
        _("Your clinic staff account is locked"),
        _(
            "Someone entered a wrong password for your account %(username)s "
            "%(failures)s times. To protect it, the account refuses every sign-in for "
            "%(minutes)s minutes. If this was not you, tell an administrator."
        )
        % {
            "username": username,
            "failures": settings.ACCOUNT_LOCKOUT_FAILURES,
            "minutes": settings.ACCOUNT_LOCKOUT_MINUTES,
        },
        None,
        [user.email],
    )


class AccountLockoutBackend:
    """Before the password is checked: a locked account signs in with no password. It
    never signs anyone in, so has no get_user() (a session never names it)."""

    def authenticate(self, request, username=None, **kwargs):
        if is_locked(username):
            raise PermissionDenied
        return None
