"""The requests' CSV export (an admin action): the open requests as they are; an export
that reaches beyond them (closed or spam requests, from "All") first asks why, and the
reason goes to the access log with the export."""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .. import exports
from ..models import Inquiry

REASON_MAX_LENGTH = 500


class ExportReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need these requests?"),
        help_text=_("Recorded in the access log with the export."),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={"required": _("Say why you need closed or spam requests exported.")},
    )


class ExportActionMixin:
    """For InquiryAdmin: the "Export selected requests as CSV" action."""

    @admin.action(description="Export selected requests as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        beyond_open = queryset.exclude(status__in=Inquiry.OPEN_STATUSES)
        if not beyond_open.exists():
            return exports.inquiries_csv(request, queryset)
        form = ExportReasonForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            return exports.inquiries_csv(request, queryset, reason=form.cleaned_data["reason"])
        return TemplateResponse(
            request,
            "admin/inquiries/inquiry/export_reason.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Export closed or spam requests"),
                "opts": self.model._meta,
                "form": form,
                "selected_ids": list(queryset.values_list("pk", flat=True)),
                "count": queryset.count(),
                "beyond_open_count": beyond_open.count(),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
