"""The access log's screen: who looked at which requests, for superusers and the Privacy
officers group; read-only (the database refuses changes too)."""

from django.contrib import admin
from django.utils.html import format_html_join

from ..models import AccessEvent
from ..roles import PRIVACY_OFFICERS_GROUP
from .filters import RECORD_ID


def may_read_access_log(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=PRIVACY_OFFICERS_GROUP).exists()
    )


class RequestFilter(admin.SimpleListFilter):
    """The events that show one request: ?request=<its number> (the request's page links
    here); the list of every request ever read would be no list at all."""

    title = "request"
    parameter_name = "request"

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, f"#{value}")] if value and RECORD_ID.fullmatch(value) else []

    def queryset(self, request, queryset):
        value = self.value()
        if value and RECORD_ID.fullmatch(value):
            return queryset.about_request(int(value))
        if value:
            return queryset.none()
        return queryset


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    list_display = ["at", "staff", "action", "requests", "messages_included", "ip_address"]
    list_filter = [
        ("staff", admin.RelatedOnlyFieldListFilter),
        RequestFilter,
        "action",
        "messages_included",
        ("at", admin.DateFieldListFilter),
    ]
    list_select_related = ["staff"]
    search_fields = ["query", "reason"]
    search_help_text = "Search the lists' searches and filters, and the exports' reasons."
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False
    fields = [
        "at",
        "staff",
        "ip_address",
        "action",
        "requests",
        "messages_included",
        "query",
        "reason",
    ]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return may_read_access_log(request.user)

    def has_module_permission(self, request):
        return may_read_access_log(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="requests")
    def requests(self, event):
        return format_html_join(", ", "#{}", ((pk,) for pk in event.request_ids)) or "-"
