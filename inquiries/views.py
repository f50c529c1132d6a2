import datetime
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article

from .forms import InquiryForm
from .ratelimit import RateLimited
from .services import submit_inquiry

DRAFT_KEY = "inquiries:draft"
REFERENCE_COOKIE = "inquiry_reference"
# How long a patient's browser keeps what the form needs between two pages (what they
# typed in a form that was not sent, the reference of the request just sent): long enough
# to fix a mistake or wait for the rate limit, short enough that the next person at a
# shared computer finds nothing. A request sent clears what was typed.
REMEMBER_SECONDS = 30 * 60


def keep_draft(request, draft, seconds=REMEMBER_SECONDS):
    """Keep what was typed in the session for ``seconds``; False if the session cannot be
    saved now (the database is down).

    A visitor who is not signed in gets a session that ends as soon (staff sessions keep
    their own expiry), so nothing lingers in a shared browser.
    """
    request.session[DRAFT_KEY] = {"value": draft, "until": time.time() + seconds}
    if not request.user.is_authenticated:
        request.session.set_expiry(seconds)
    return _save_session(request)


def recall_draft(request):
    """What keep_draft() kept, or None once its time is over."""
    kept = request.session.get(DRAFT_KEY)
    if kept is None:
        return None
    if kept["until"] < time.time():
        del request.session[DRAFT_KEY]
        return None
    return kept["value"]


def _save_session(request):
    """Save the session now, in the view, so that a database outage is the view's to
    handle; the session middleware then saves it once more only to send its cookie."""
    try:
        request.session.save()
    except (DatabaseError, UpdateError):
        request.session.modified = False
        return False
    return True


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    """The form. A POST that is not stored (a mistake, or the rate limit) keeps what was
    typed in the session and redirects back here (POST/redirect/GET), where the form shows
    it again with its errors: no page in the browser's history is the answer to a POST,
    so going back never asks to send the form again."""
    if request.method == "POST":
        return _submit(request)
    draft = recall_draft(request)
    if draft is None:
        form = InquiryForm(initial=_initial_from(request))
        return render(request, "inquiries/contact.html", {"form": form})
    form = InquiryForm(draft["data"])
    form.is_valid()  # the errors to show again
    until = draft.get("limited_until")
    if until is None or until <= time.time():
        return render(request, "inquiries/contact.html", {"form": form})
    limited = RateLimited(datetime.datetime.fromtimestamp(until, tz=datetime.UTC))
    return _rate_limited(request, form, limited)


def _submit(request):
    form = InquiryForm(request.POST)
    draft = {"data": {name: request.POST[name] for name in form.fields if name in request.POST}}
    if not form.is_valid():
        if keep_draft(request, draft):
            return _see_other(request.get_full_path())
        return render(request, "inquiries/contact.html", {"form": form})  # as a last resort
    had_draft = DRAFT_KEY in request.session  # read before storing: an outage shows now
    try:
        inquiry = submit_inquiry(form=form, request=request)
    except RateLimited as limited:
        draft["limited_until"] = limited.until.timestamp()
        # Kept until they can send it, and a while after.
        if keep_draft(request, draft, REMEMBER_SECONDS + limited.retry_after):
            return _see_other(request.get_full_path())
        return _rate_limited(request, form, limited)
    if had_draft:
        # Once sent, never shown again; if the session cannot be saved now, the draft
        # ends with it (sent again, the same form finds this request, and stores nothing).
        del request.session[DRAFT_KEY]
        _save_session(request)
    # The reference rides in a signed cookie only the thank-you page receives: no write
    # to the database once the request is stored, nothing in the URL or its history.
    response = redirect("inquiries:thanks")
    response.set_signed_cookie(
        REFERENCE_COOKIE,
        inquiry.reference,
        salt=REFERENCE_COOKIE,
        max_age=REMEMBER_SECONDS,
        path=reverse("inquiries:thanks"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _rate_limited(request, form, limited):
    """The form again, with everything typed, saying when it can be sent (429)."""
    context = {"form": form, "send_after": send_after(limited.until)}
    response = render(request, "inquiries/contact.html", context, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response


def _see_other(url):
    response = HttpResponseRedirect(url)
    response.status_code = 303  # See Other: the browser follows with a GET
    return response


def send_after(moment):
    """When, in the clinic's time zone and the page's language: '3:40 pm', or '9:05 am on
    Tuesday 4 March' ('9:05 a. m. del martes 4 de marzo')."""
    local = timezone.localtime(moment)
    if local.hour < 12:
        clock = pgettext("time of day", "%(clock)s am")
    else:
        clock = pgettext("time of day", "%(clock)s pm")
    clock %= {"clock": date_format(local, "g:i")}
    if local.date() == timezone.localdate():
        return clock
    # Translators: a date format (see Django's date filter), e.g. Tuesday 4 March
    day = date_format(local, pgettext("date format", "l j F"))
    return gettext("%(time)s on %(day)s") % {"time": clock, "day": day}


def _initial_from(request):
    """Preselect the topic from ?topic=<slug>, and note the page on this site they came from."""
    initial = {}
    article = None
    # NUL characters are dropped: PostgreSQL refuses them in a query (a 500, not a 404).
    if topic := request.GET.get("topic", "").replace("\x00", "").strip()[:200]:
        article = (
            Article.objects.published().filter(slug=topic).only("slug", "kind", "language").first()
        )
    if article is not None:
        initial["article"] = article.pk
    referrer = urlsplit(request.headers.get("Referer", ""))
    if referrer.netloc == request.get_host() and referrer.path != request.path:
        initial["source_page"] = referrer.path
    elif article is not None:
        initial["source_page"] = article.get_absolute_url()
    return initial


@never_cache
@require_safe
def thanks(request):
    reference = request.get_signed_cookie(
        REFERENCE_COOKIE, default=None, salt=REFERENCE_COOKIE, max_age=REMEMBER_SECONDS
    )
    return render(request, "inquiries/thanks.html", {"reference": reference})


@require_safe
def privacy(request):
    return render(request, "inquiries/privacy.html")
