"""The coordinators' queue: the list in the order things are due (most overdue first,
follow-ups due today next: InquiryQuerySet.in_queue_order), each row saying how overdue a
new request is, or when it falls due in the clinic's business hours."""

from django.contrib import admin
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models.querysets import QUEUE_ORDERING
from .markers import flag


def due_marker(inquiry, now):
    """ "Overdue by 2 days" or "Due Mon 16:00" for a new request; nothing once someone has
    tried to reach the patient (the promise is kept)."""
    if inquiry.status != inquiry.Status.NEW:
        return ""
    due = inquiry.response_due_at()
    if getattr(inquiry, "is_overdue", due <= now):
        late = timesince(due, now, depth=1)
        return flag(_("Overdue by %(time)s") % {"time": late}, "overdue")
    when = date_format(timezone.localtime(due), "D H:i")
    return format_html('<span class="inquiry-due">{}</span>', _("Due %(when)s") % {"when": when})


class QueueMixin:
    """For InquiryAdmin: the list opens in the queue's order (a column header still sorts)."""

    def get_ordering(self, request):
        # Not ``ordering``: the admin's checks take its names for model fields.
        return QUEUE_ORDERING

    def get_queryset(self, request):
        return super().get_queryset(request).in_queue_order()

    @admin.display(description=gettext_lazy("received"), ordering=F("queue_rank"))
    def received(self, inquiry):
        local = timezone.localtime(inquiry.created_at)
        due = due_marker(inquiry, timezone.now())
        return format_html(
            '{}<br><span class="inquiry-age">{}</span>{}',
            date_format(local, "SHORT_DATETIME_FORMAT"),
            naturaltime(inquiry.created_at),
            format_html("<br>{}", due) if due else "",
        )
