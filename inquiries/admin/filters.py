"""The coordinators' list filters: open requests first, what is past the response-time
promise or due for a follow-up, who has a request and what it is about."""

import re

from django.contrib import admin
from django.contrib.auth import get_user_model

from articles.models import Article

from ..models import Inquiry
from .patients import is_searching

# A filter's record id: ASCII digits only ("²".isdigit() is True, and int("²") fails).
RECORD_ID = re.compile(r"[0-9]{1,18}")


class StatusFilter(admin.SimpleListFilter):
    """Open requests (new, in progress, scheduled) unless asked otherwise: closed and spam
    are one click away, never in the way of today's work. A search looks through every
    status unless one is chosen: a closed request's reference is found too."""

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
        if is_searching(request):
            return queryset
        return queryset.open()

    def choices(self, changelist):
        value = self.value()
        shown = value if value == self.ALL or value in Inquiry.Status.values else None
        if shown is None and changelist.query.strip():
            shown = self.ALL
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


class RelatedRecordFilter(admin.SimpleListFilter):
    """Requests by the record ``field`` points to (its id in the query string), or
    (``NONE``) those that point to none."""

    field = None
    NONE = "none"

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.NONE:
            return queryset.filter(**{f"{self.field}__isnull": True})
        if value and RECORD_ID.fullmatch(value):
            return queryset.filter(**{f"{self.field}_id": int(value)})
        return queryset


class AssignedToFilter(RelatedRecordFilter):
    title = "assigned to"
    parameter_name = "assigned"
    field = "assigned_to"
    NONE = "nobody"
    ME = "me"

    def lookups(self, request, model_admin):
        # Those who hold requests (editors and reviewers never do), by the name shown.
        assignees = get_user_model().objects.filter(assigned_inquiries__isnull=False).distinct()
        return [
            (self.ME, "Me"),
            (self.NONE, "Unassigned"),
            *sorted(((str(user.pk), str(user)) for user in assignees), key=lambda c: c[1]),
        ]

    def queryset(self, request, queryset):
        if self.value() == self.ME:
            return queryset.filter(assigned_to=request.user)
        return super().queryset(request, queryset)


class AboutFilter(RelatedRecordFilter):
    """The articles requests were sent about (titles only: article bodies are large)."""

    title = "about"
    parameter_name = "about"
    field = "article"

    def lookups(self, request, model_admin):
        articles = (
            Article.objects.filter(inquiries__isnull=False)
            .distinct()
            .order_by("title")
            .values_list("pk", "title")
        )
        return [(self.NONE, "Not given"), *((str(pk), title) for pk, title in articles)]


class LanguageFilter(admin.SimpleListFilter):
    """The language of the form a request came from: the one to call the patient back in."""

    title = "call back in"
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return Inquiry.Language.choices

    def queryset(self, request, queryset):
        if self.value() in Inquiry.Language.values:
            return queryset.filter(language=self.value())
        return queryset
