from django.core.management.commands import makemessages

# What is not the site's own words: other people's code and files made by commands, the
# tests, and the admin's templates (the admin stays in English).
IGNORED = [
    "node_modules",
    "tests",
    "docs",
    "static",
    "staticfiles",
    "media",
    "results",
    "backups",
    "templates/admin",
    "templates/axes",
]


class Command(makemessages.Command):
    """Django's makemessages, with this project's defaults (docs/translators.md).

    Only the site's own code and templates are read (``IGNORED`` is skipped besides what
    ``--ignore`` adds), and each entry notes its file but not its line, so that moving
    code does not rewrite the catalogues. Long strings stay on one line (``--no-wrap``,
    always): a changed word changes one line of the catalogue, not a re-wrapped paragraph.
    On a catalogue already in step, the command changes nothing (msgmerge leaves a file
    whose only change would be its POT-Creation-Date).
    """

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *IGNORED]
        options["no_wrap"] = True
        if options["add_location"] is None and not options["no_location"]:
            options["add_location"] = "file"
        return super().handle(*args, **options)
