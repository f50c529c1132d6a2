"""The request's page: one click to take it, one click per try at reaching the patient,
and one history (status and assignee changes, contact attempts and notes, in time order)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from .. import triage
from ..models import ContactAttempt, Inquiry


class TriagePageMixin:
    """For InquiryAdmin: the change page's quick actions, each a POST (CSRF-protected by
    the admin) that records who did it and returns to the page."""

    def get_urls(self):
        def view(function, name):
            return path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(require_POST(function)),
                name=f"inquiries_inquiry_{name.replace('-', '_')}",
            )

        return [
            view(self.assign_to_me_view, "assign-to-me"),
            view(self.contact_attempt_view, "contact-attempt"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        inquiry = self.get_object(request, object_id)
        if inquiry is not None:
            extra_context = {
                **(extra_context or {}),
                "timeline": inquiry.timeline(),
                "outcomes": ContactAttempt.Outcome.choices,
                "can_assign_to_me": inquiry.assigned_to_id != request.user.pk
                and triage.care_coordinators().filter(pk=request.user.pk).exists(),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def _changeable(self, request, object_id):
        inquiry = get_object_or_404(Inquiry, pk=object_id)
        if not self.has_change_permission(request, inquiry):
            raise PermissionDenied
        return inquiry

    def _back_to(self, inquiry):
        return HttpResponseRedirect(reverse("admin:inquiries_inquiry_change", args=[inquiry.pk]))

    def assign_to_me_view(self, request, object_id):
        inquiry = self._changeable(request, object_id)
        if not triage.care_coordinators().filter(pk=request.user.pk).exists():
            self.message_user(
                request, "Only care coordinators can be assigned requests.", messages.ERROR
            )
        else:
            triage.assign(
                inquiries=Inquiry.objects.filter(pk=inquiry.pk),
                assignee=request.user,
                actor=request.user,
            )
            self.message_user(request, f"{inquiry} is assigned to you.", messages.SUCCESS)
        return self._back_to(inquiry)

    def contact_attempt_view(self, request, object_id):
        inquiry = self._changeable(request, object_id)
        outcome = request.POST.get("outcome")
        if outcome not in ContactAttempt.Outcome.values:
            self.message_user(request, "Choose what came of the attempt.", messages.ERROR)
            return self._back_to(inquiry)
        triage.record_contact_attempt(inquiry=inquiry, outcome=outcome, actor=request.user)
        label = ContactAttempt.Outcome(outcome).label.lower()
        self.message_user(
            request, f"Contact attempt recorded on {inquiry}: {label}.", messages.SUCCESS
        )
        return self._back_to(inquiry)
