"""The coordinators' list filters that shape the day's work: open requests first, and
what is past the response-time promise or due for a follow-up."""

from django.contrib import admin

from .models import Inquiry


class StatusFilter(admin.SimpleListFilter):
    """Open requests (new, in progress, scheduled) unless asked otherwise: closed and spam
    are one click away, never in the way of today's work."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [(self.ALL, "All"), *Inquiry.Status.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ALL:
            return queryset
        if value in Inquiry.Status.values:
            return queryset.filter(status=value)
        return queryset.open()

    def choices(self, changelist):
        value = self.value()
        shown = value if value == self.ALL or value in Inquiry.Status.values else None
        yield {
            "selected": shown is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Open (new, in progress, scheduled)",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": shown == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class DueFilter(admin.SimpleListFilter):
    """Requests past the response-time promise, and follow-ups due today or earlier."""

    title = "needs attention"
    parameter_name = "due"
    OVERDUE = "overdue"
    FOLLOW_UP = "follow_up"

    def lookups(self, request, model_admin):
        return [(self.OVERDUE, "Overdue"), (self.FOLLOW_UP, "Follow up today")]

    def queryset(self, request, queryset):
        if self.value() == self.OVERDUE:
            return queryset.overdue()
        if self.value() == self.FOLLOW_UP:
            return queryset.follow_up_due()
        return queryset
