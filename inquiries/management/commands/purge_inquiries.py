from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from inquiries.retention import purge_inquiries


class Command(BaseCommand):
    help = (
        "Delete closed and spam requests (with their notes and history) not changed for DAYS "
        "days. Prints request numbers and counts only, never patients' details. The nightly "
        "run is the task inquiries.tasks.purge_inquiries (manage.py enqueue_periodic_tasks)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            default=settings.INQUIRY_RETENTION_DAYS,
            help="Retention in days (default: INQUIRY_RETENTION_DAYS, %(default)s).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be deleted; delete nothing."
        )

    def handle(self, *, older_than, dry_run, **options):
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 day.")
        ids, per_model = purge_inquiries(older_than_days=older_than, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleting"
        self.stdout.write(
            f"{verb} {len(ids)} closed or spam request(s) unchanged for {older_than} days"
            + (f": #{', #'.join(map(str, ids))}" if ids else ".")
        )
        if dry_run or not ids:
            return
        for label, count in sorted(per_model.items()):
            self.stdout.write(f"  {label}: {count} deleted")
        self.stdout.write(self.style.SUCCESS("Done."))
