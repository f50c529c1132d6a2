import time
from urllib.parse import urlsplit

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
# How long a patient's browser keeps what the form needs between two pages (the
# reference of the request just sent): long enough to read it, short enough that the
# next person at a shared computer finds nothing (see remember()).
REMEMBER_SECONDS = 30 * 60


def remember(request, key, value):
    """Keep ``value`` in the session for REMEMBER_SECONDS.

    A visitor who is not signed in gets a session that ends REMEMBER_SECONDS after this
    (staff sessions keep their own expiry), so nothing lingers in a shared browser.
    """
    request.session[key] = {"value": value, "until": time.time() + REMEMBER_SECONDS}
    if not request.user.is_authenticated:
        request.session.set_expiry(REMEMBER_SECONDS)


def recall(request, key):
    """What remember() kept under ``key``, or None once it is older than REMEMBER_SECONDS."""
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
    if request.method == "POST":
        form = InquiryForm(request.POST)
        if form.is_valid():
            try:
                inquiry = submit_inquiry(form=form, request=request)
            except RateLimited as limited:
                return _rate_limited(request, form, limited)
            remember(request, REFERENCE_KEY, inquiry.reference)
            return redirect("inquiries:thanks")
    else:
        form = InquiryForm(initial=_initial_from(request))
    return render(request, "inquiries/contact.html", {"form": form})


def _rate_limited(request, form, limited):
    """The form again, with everything typed, saying when it can be sent (429)."""
    context = {"form": form, "send_after": send_after(limited.until)}
    response = render(request, "inquiries/contact.html", context, status=429)
    response["Retry-After"] = str(limited.retry_after)
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
