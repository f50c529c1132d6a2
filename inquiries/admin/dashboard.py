"""The coordinators' dashboard, an admin page beside the requests' list:
/admin/inquiries/inquiry/dashboard/ (figures from inquiries/dashboard.py)."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from .. import dashboard


class DashboardMixin:
    def get_urls(self):
        return [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name="inquiries_inquiry_dashboard",
            ),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Requests at a glance"),
            "opts": self.opts,
            **dashboard.figures(),
        }
        return TemplateResponse(request, "admin/inquiries/inquiry/dashboard.html", context)
