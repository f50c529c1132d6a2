"""The site's URLs plus a baseline view, for the load benchmark only.

The baseline returns a constant string through the full middleware stack: the most this
stack can serve on this machine, against which every page's throughput is compared.
"""

from django.http import HttpResponse
from django.urls import path

from clinic.urls import handler500
from clinic.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def baseline(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/baseline", baseline), *site_urlpatterns]
