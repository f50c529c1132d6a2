import math
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from articles.models import Article

from .forms import InquiryForm
from .ratelimit import allow_submission
from .services import submit_inquiry


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    if request.method == "POST":
        if not allow_submission(request):
            window = settings.INQUIRY_RATE_WINDOW_SECONDS
            response = render(
                request,
                "inquiries/rate_limited.html",
                {"retry_minutes": max(1, math.ceil(window / 60))},
                status=429,
            )
            response["Retry-After"] = str(window)
            return response
        form = InquiryForm(request.POST)
        if form.is_valid():
            submit_inquiry(form=form, request=request)
            return redirect("inquiries:thanks")
    else:
        form = InquiryForm(initial=_initial_from(request))
    return render(request, "inquiries/contact.html", {"form": form})


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
    return render(request, "inquiries/thanks.html")


@require_safe
def privacy(request):
    return render(request, "inquiries/privacy.html")
