"""A request's page's "Record a call" form: outcome, note, follow-up date and status in one
save, then on to the next request in the queue."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import triage
from ..models import ContactAttempt, Inquiry, InquiryNote

NEXT = "_next"


class RecordCallForm(forms.Form):
    # Its own ids beside the change form's (which has status and follow_up_on too).
    prefix = "call"

    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=ContactAttempt.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what came of the call")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=InquiryNote._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
    follow_up_on = forms.DateField(
        label=gettext_lazy("Follow up on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, *args, inquiry, **kwargs):
        kwargs.setdefault("initial", {"follow_up_on": inquiry.follow_up_on})
        super().__init__(*args, **kwargs)
        keep = _("Keep it: %(status)s") % {"status": inquiry.get_status_display()}
        self.fields["status"].choices = [("", keep), *Inquiry.Status.choices]


class RecordCallMixin:
    """For InquiryAdmin: the form on the request's page, its POST and "Next request"."""

    def get_urls(self):
        admin_view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/record-call/",
                admin_view(self.record_call_view),
                name="inquiries_inquiry_record_call",
            ),
            path(
                "<path:object_id>/next/",
                admin_view(self.next_request_view),
                name="inquiries_inquiry_next",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context["record_call_form"] = RecordCallForm(inquiry=obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def record_call_view(self, request, object_id):
        inquiry = self._changeable(request, object_id)
        if request.method != "POST":
            return self._back_to(inquiry)
        form = RecordCallForm(request.POST, inquiry=inquiry)
        if not form.is_valid():
            # Nothing typed is lost: the form comes back with its errors.
            context = {
                **self.admin_site.each_context(request),
                "title": _("Record a call on %(request)s") % {"request": inquiry},
                "opts": self.opts,
                "original": inquiry,
                "record_call_form": form,
            }
            return TemplateResponse(
                request, "admin/inquiries/inquiry/record_call.html", context, status=400
            )
        following = triage.next_in_queue(inquiry) if NEXT in request.POST else None
        triage.record_call(inquiry=inquiry, actor=request.user, **form.cleaned_data)
        outcome = ContactAttempt.Outcome(form.cleaned_data["outcome"]).label.lower()
        done = _("Call recorded on %(request)s: %(outcome)s.") % {
            "request": inquiry,
            "outcome": outcome,
        }
        if NEXT not in request.POST:
            self.message_user(request, done, messages.SUCCESS)
            return self._back_to(inquiry)
        return self._go_to_next(request, following, done)

    def next_request_view(self, request, object_id):
        inquiry = self._changeable(request, object_id)
        return self._go_to_next(request, triage.next_in_queue(inquiry), "")

    def _go_to_next(self, request, following, done):
        if following is None:
            empty = _("No other request is waiting in the queue.")
            self.message_user(request, f"{done} {empty}".strip())
            return HttpResponseRedirect(reverse("admin:inquiries_inquiry_changelist"))
        now = _("Next in the queue: %(request)s.") % {"request": following}
        self.message_user(request, f"{done} {now}".strip(), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:inquiries_inquiry_change", args=[following.pk]))
