import datetime
import time
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

from django.conf import settings
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

# A signed cookie, sent back only to the form and its thank-you page, saying which request
# this browser just sent and when: the thank-you page shows its reference, and the form,
# reached again with Back, says it was sent instead of showing it filled in. Nothing the
# patient typed is kept anywhere before the request is stored: a form with mistakes comes
# back as the POST's own answer (no-store), never through the session.
SENT_COOKIE = "inquiry_sent"
# Long enough for the thank-you page and a look back, short enough that the next person
# at a shared computer finds the form empty.
REMEMBER_SECONDS = 30 * 60


class SentRequest(NamedTuple):
    reference: str
    at: datetime.datetime


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    """The form. A POST with mistakes, or over the rate limit, answers with the form and
    everything typed (no-store, so nothing keeps it); a request stored goes on to the
    thank-you page. A browser that has just sent a request gets "You sent request REF"
    instead of the form (going back never shows it filled in), unless it asks for
    another (?another=REF)."""
    if request.method == "POST":
        return _submit(request)
    sent = _sent_request(request)
    if sent is not None and request.GET.get("another") != sent.reference:
        another = f"{reverse('inquiries:contact')}?{urlencode({'another': sent.reference})}"
        context = {"sent": sent, "sent_at": moment_text(sent.at), "another_url": another}
        return render(request, "inquiries/sent.html", context)
    form = InquiryForm(initial=_initial_from(request))
    return render(request, "inquiries/contact.html", {"form": form})


def _submit(request):
    form = InquiryForm(request.POST)
    if not form.is_valid():
        return render(request, "inquiries/contact.html", {"form": form})
    try:
        inquiry = submit_inquiry(form=form, request=request)
    except RateLimited as limited:
        return _rate_limited(request, form, limited)
    # The reference rides in a signed cookie: no write to the database once the request
    # is stored, nothing in the URL or its history.
    response = redirect("inquiries:thanks")
    response.set_signed_cookie(
        SENT_COOKIE,
        f"{inquiry.reference} {int(time.time())}",
        salt=SENT_COOKIE,
        max_age=REMEMBER_SECONDS,
        path=reverse("inquiries:contact"),  # the form and its thank-you page below it
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _sent_request(request):
    """The request this browser sent in the last REMEMBER_SECONDS, or None."""
    value = request.get_signed_cookie(
        SENT_COOKIE, default=None, salt=SENT_COOKIE, max_age=REMEMBER_SECONDS
    )
    try:
        reference, at = value.split(" ")
        return SentRequest(reference, datetime.datetime.fromtimestamp(int(at), tz=datetime.UTC))
    except (AttributeError, ValueError, OverflowError, OSError):
        return None


def _rate_limited(request, form, limited):
    """The form again, with everything typed, saying when it can be sent (429)."""
    context = {"form": form, "send_after": moment_text(limited.until)}
    response = render(request, "inquiries/contact.html", context, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response


def moment_text(moment):
    """A moment, in the clinic's time zone and the page's language: '3:40 pm', or '9:05 am on
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
    """The request just sent, with its reference; with nothing sent, the form."""
    sent = _sent_request(request)
    if sent is None:
        return redirect("inquiries:contact")
    return render(request, "inquiries/thanks.html", {"reference": sent.reference})


@require_safe
def privacy(request):
    context = {"retention_days": settings.INQUIRY_RETENTION_DAYS}
    return render(request, "inquiries/privacy.html", context)
