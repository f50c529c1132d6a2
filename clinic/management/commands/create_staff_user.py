"""Create a staff account in one group: a care coordinator, an editor or a medical reviewer,
not a superuser."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

ENV_VARIABLE = "DJANGO_STAFF_PASSWORD"


class Command(BaseCommand):
    help = (
        'Create a staff account in a group, e.g. --group "Care coordinators" or --group '
        f"Editors. Asks for the password, or reads {ENV_VARIABLE} with --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--group", required=True, help='"Care coordinators", "Editors" or "Medical reviewers"'
        )
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--display-name", default="", help='How the name is shown, e.g. "Dr. Ana Rao"'
        )
        parser.add_argument("--credentials", default="", help='e.g. "MD, neurologist"')
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive",
            help=f"Read the password from the {ENV_VARIABLE} environment variable.",
        )  # fmt: skip

    def handle(self, *args, username, group, interactive, **options):
        User = get_user_model()
        found = Group.objects.filter(name=group).first()
        if found is None:
            names = ", ".join(sorted(Group.objects.values_list("name", flat=True))) or "none"
            raise CommandError(f"No group named {group!r} (groups: {names}).")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        user = User(
            username=username,
            email=options["email"],
            first_name=options["first_name"],
            last_name=options["last_name"],
            display_name=options["display_name"],
            credentials=options["credentials"],
            is_staff=True,
        )
        password = self._password(user, interactive)
        user.set_password(password)
        with transaction.atomic():
            user.save()
            user.groups.add(found)
        self.stdout.write(f"Created {username!r} (staff, {group}). Sign in at /admin/.")

    def _password(self, user, interactive):
        if not interactive:
            password = os.environ.get(ENV_VARIABLE, "")
            if not password:
                raise CommandError(f"Set {ENV_VARIABLE} to use --no-input.")
            return self._validated(password, user)
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ. Try again.")
                continue
            try:
                return self._validated(password, user)
            except CommandError as error:
                self.stderr.write(str(error))

    def _validated(self, password, user):
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
