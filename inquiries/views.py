import datetime
import time
from urllib.parse import urlsplit

from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article

from .forms import InquiryForm
from .ratelimit import RateLimited
from .services import submit_inquiry

REFERENCE_KEY = "inquiries:reference"
DRAFT_KEY = "inquiries:draft"
# How long a patient's browser keeps what the form needs between two pages (what they
# typed in a form that was not sent, the reference of the request just sent): long enough
# to fix a mistake or wait for the rate limit, short enough that the next person at a
# shared computer finds nothing (see remember()). A request sent clears what was typed.
REMEMBER_SECONDS = 30 * 60


def remember(request, key, value, seconds=REMEMBER_SECONDS):
    """Keep ``value`` in the session for ``seconds``.

    A visitor who is not signed in gets a session that ends as soon (staff sessions keep
    their own expiry), so nothing lingers in a shared browser.
    """
    request.session[key] = {"value": value, "until": time.time() + seconds}
    if not request.user.is_authenticated:
        request.session.set_expiry(seconds)


def recall(request, key):
    """What remember() kept under ``key``, or None once its time is over."""
    kept = request.session.get(key)
    if kept is None:
        return None
    if kept["until"] < time.time():
        del request.session[key]
        return None
    return kept["value"]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    """The form. A POST that is not stored (a mistake, or the rate limit) keeps what was
    typed in the session and redirects back here (POST/redirect/GET), where the form shows
    it again with its errors: no page in the browser's history is the answer to a POST,
    so going back never asks to send the form again."""
    if request.method == "POST":
        return _submit(request)
    draft = recall(request, DRAFT_KEY)
    if draft is None:
        form = InquiryForm(initial=_initial_from(request))
        return render(request, "inquiries/contact.html", {"form": form})
    form = InquiryForm(draft["data"])
    form.is_valid()  # the errors to show again
    until = draft.get("limited_until")
    if until is None or until <= time.time():
        return render(request, "inquiries/contact.html", {"form": form})
    limited = RateLimited(datetime.datetime.fromtimestamp(until, tz=datetime.UTC))
    context = {"form": form, "send_after": send_after(limited.until)}
    response = render(request, "inquiries/contact.html", context, status=429)
    response["Retry-After"] = str(limited.retry_after)
    return response


def _submit(request):
    form = InquiryForm(request.POST)
    draft = {"data": {name: request.POST[name] for name in form.fields if name in request.POST}}
    if form.is_valid():
        try:
            inquiry = submit_inquiry(form=form, request=request)
        except RateLimited as limited:
            draft["limited_until"] = limited.until.timestamp()
            # Kept until they can send it, and a while after.
            remember(request, DRAFT_KEY, draft, REMEMBER_SECONDS + limited.retry_after)
            return _see_other(request.get_full_path())
        request.session.pop(DRAFT_KEY, None)
        remember(request, REFERENCE_KEY, inquiry.reference)
        return redirect("inquiries:thanks")
    remember(request, DRAFT_KEY, draft)
    return _see_other(request.get_full_path())


def _see_other(url):
    response = HttpResponseRedirect(url)
    response.status_code = 303  # See Other: the browser follows with a GET
    return response


def send_after(moment):
    """When, in the clinic's time zone: '3:40 pm', or '9:05 am on Tuesday 4 March'."""
    local = timezone.localtime(moment)
    clock = f"{date_format(local, 'g:i')} {'am' if local.hour < 12 else 'pm'}"
    if local.date() == timezone.localdate():
        return clock
    return f"{clock} on {date_format(local, 'l j F')}"


def _initial_from(request):
    """Preselect the topic from ?topic=<slug>, and note the page on this site they came from."""
    initial = {}
    article = None
    # NUL characters are dropped: PostgreSQL refuses them in a query (a 500, not a 404).
    if topic := request.GET.get("topic", "").replace("\x00", "").strip()[:200]:
        article = Article.objects.published().filter(slug=topic).only("slug", "kind").first()
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
    return render(request, "inquiries/thanks.html", {"reference": recall(request, REFERENCE_KEY)})


@require_safe
def privacy(request):
    return render(request, "inquiries/privacy.html")
