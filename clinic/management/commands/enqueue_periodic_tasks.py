from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks of SCHEDULE (settings.PERIODIC_TASKS) for the task worker: "
        "the one entry point for cron or a systemd timer ('frequent' every 5 minutes, "
        "'nightly' once a day). A task whose previous run has not started yet is not "
        "enqueued twice, so a stopped worker does not come back to a pile of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("schedule", choices=sorted(settings.PERIODIC_TASKS))

    def handle(self, *, schedule, **options):
        paths = settings.PERIODIC_TASKS[schedule]
        with transaction.atomic():
            waiting = set(
                DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path__in=paths)
                .values_list("task_path", flat=True)
                .distinct()
            )
            for path in paths:
                if path in waiting:
                    self.stdout.write(f"{path}: the previous one has not run yet, skipped")
                    continue
                result = import_string(path).enqueue()
                self.stdout.write(f"{path}: enqueued ({result.id})")
