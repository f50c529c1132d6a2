"""Finding a patient: the list's search (reference, name, email, phone by its digits,
whatever the request's status) and, on a request's page, the same person's other requests."""

from django.contrib.admin.views.main import SEARCH_VAR
from django.utils.translation import gettext_lazy as _


def is_searching(request):
    """Whether the list is showing a search: then every status is searched."""
    return bool(request.GET.get(SEARCH_VAR, "").strip())


class PatientSearchMixin:
    """For InquiryAdmin: the search box finds a request whatever its status (the status
    filter's default, open requests, steps aside: filters.StatusFilter), and a phone
    number however it is written."""

    search_help_text = _(
        "Search by reference, name, email address or phone number (any way it is written); "
        "a search looks through every status unless you choose one."
    )

    def get_search_results(self, request, queryset, search_term):
        return queryset.search(search_term), False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["same_person_requests"] = obj.same_person_requests().order_by("-created_at")
        return super().render_change_form(request, context, add, change, form_url, obj)
