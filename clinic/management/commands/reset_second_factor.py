"""Forget a staff member's second factor (a lost or replaced phone): at their next sign-in
they enrol an authenticator app again and get new recovery codes."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from clinic.second_factor.devices import remove_devices


class Command(BaseCommand):
    help = (
        "Remove a staff member's authenticator app and recovery codes; their next sign-in "
        "asks them to enrol again. Check who is asking before you run it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = remove_devices(user)
        self.stdout.write(
            f"Removed {removed} device(s) of {username!r}: their next sign-in asks them to "
            "enrol an authenticator app again."
        )
