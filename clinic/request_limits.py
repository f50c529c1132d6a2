"""Public requests carry small bodies: the site's public forms (the contact form) are a few
fields of text, with no file field, sent URL-encoded as a browser sends a form without an
``enctype``."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from .middleware import staff_path_prefixes


class PublicBodyLimitMiddleware:
    """Refuse, before anything reads it, a public request's body that no public form sends.

    Above the session and CSRF middleware (the CSRF check reads the form, and Django's
    multipart parser writes large files to disk): a body declared longer than
    ``PUBLIC_REQUEST_MAX_BYTES`` gets a 413, and a multipart body (what carries files) a
    415, without a byte of it read. Staff paths keep
    Django's own limits (the editor uploads images). Works without a proxy in front.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(staff_path_prefixes()):
            refusal = self.refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    @staticmethod
    def refusal(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.PUBLIC_REQUEST_MAX_BYTES:
            return HttpResponse(
                _("This request is too large."), status=413, content_type="text/plain"
            )
        if request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/"):
            return HttpResponse(
                _("This form does not accept files."), status=415, content_type="text/plain"
            )
        return None
