import os
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogues(locale_paths):
    """Compile each ``<language>/LC_MESSAGES/*.po`` under ``locale_paths`` to its ``.mo``,
    leaving out untranslated and fuzzy entries, as msgfmt does; return the ``.mo`` paths."""
    compiled = []
    for locale_path in locale_paths:
        for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            # Written beside and renamed: a process reading the catalogue meanwhile finds
            # the old one or the new one, never half a file.
            handle, temporary = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
            os.close(handle)
            try:
                polib.pofile(str(po_path)).save_as_mofile(temporary)
                Path(temporary).chmod(0o644)
                Path(temporary).replace(mo_path)
            finally:
                Path(temporary).unlink(missing_ok=True)
            compiled.append(mo_path)
    return compiled


class Command(BaseCommand):
    help = (
        "Compile the translations (settings.LOCALE_PATHS: locale/<language>/LC_MESSAGES/"
        "django.po) into the .mo files Django reads. Pure Python (polib): unlike "
        "compilemessages, it needs no GNU gettext. Run it on every deploy; the .mo files "
        "are not tracked."
    )

    def handle(self, *args, **options):
        for mo_path in compile_catalogues(settings.LOCALE_PATHS):
            self.stdout.write(f"Compiled {mo_path.relative_to(settings.BASE_DIR)}")
