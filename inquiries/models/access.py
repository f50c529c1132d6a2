"""The access log (AccessEvent): who looked at patients' requests, when, from which address,
and which requests. Append-only: the application never changes or deletes a row, and the
database refuses to (migration 0003's triggers); only the retention's pruning
(inquiries/access_log.py) removes rows past INQUIRY_ACCESS_LOG_RETENTION_DAYS."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class AccessAction(models.TextChoices):
    VIEWED = "viewed", "Opened a request"
    LISTED = "listed", "Listed requests"
    SEARCHED = "searched", "Searched or filtered requests"
    EXPORTED = "exported", "Exported requests (CSV)"
    TASK_RESULTS = "task_results", "Read task results"


class AccessEventQuerySet(models.QuerySet):
    def about_request(self, inquiry_id):
        """The events that show request ``inquiry_id``."""
        return self.filter(inquiry_ids__contains=f",{int(inquiry_id)},")


class AccessEvent(models.Model):
    """One look at patients' requests by a staff member."""

    Action = AccessAction

    # PROTECT: a staff member who has read requests is deactivated, never deleted, so that
    # the log keeps saying who it was.
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="staff member",
    )
    at = models.DateTimeField("when", default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField("from address", null=True, blank=True)
    action = models.CharField(max_length=20, choices=AccessAction.choices)
    # ",12,15," (ids, not foreign keys: the log outlives the requests it names); the
    # commas on both ends let one LIKE find a request on every database.
    inquiry_ids = models.TextField("requests", blank=True)
    messages_included = models.BooleanField("patients' messages included", default=False)
    query = models.CharField(
        "search and filters", max_length=1000, blank=True, help_text="The list's query string."
    )
    reason = models.TextField(blank=True, help_text="Why, when the export asked for one.")

    objects = AccessEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=AccessAction.values),
                name="%(app_label)s_%(class)s_action_valid",
            ),
        ]

    def __str__(self):
        return f"{self.staff_id} {self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"

    @staticmethod
    def encode_ids(ids):
        return "," + ",".join(str(int(pk)) for pk in ids) + "," if ids else ""

    @property
    def request_ids(self):
        return [int(pk) for pk in self.inquiry_ids.strip(",").split(",") if pk]
