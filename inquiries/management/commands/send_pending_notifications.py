import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from inquiries.models import Inquiry
from inquiries.services import notify_coordinators


class Command(BaseCommand):
    help = (
        "Email the coordinators about requests they were not told about (the mail server was "
        "down or slow, or a server restarted mid-send). Run it from cron every few minutes; "
        "it exits with status 1 while some emails still fail."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=2,
            metavar="MINUTES",
            help="Leave newer requests alone: their first email may still be on its way "
            "(default: %(default)s).",
        )

    def handle(self, *, older_than_minutes, **options):
        cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
        pending = (
            Inquiry.objects.awaiting_notification()
            .filter(created_at__lte=cutoff)
            .select_related("article")
            .order_by("created_at")
        )
        sent = failed = 0
        for inquiry in pending:
            if notify_coordinators(inquiry):
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"Coordinators notified about {sent} request(s); {failed} failed.")
        if failed:
            raise CommandError(f"{failed} notification(s) could not be sent; will retry.")
