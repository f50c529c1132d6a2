"""Put a backup's media (its ``media.tar.gz``) back where the site now stores media.

    python manage.py restore_media /var/backups/clinic/clinic-<stamp>/media.tar.gz

Each file goes into the default storage under its own name: MEDIA_ROOT on one host, the
bucket when DJANGO_MEDIA_S3_BUCKET is set (docs/operators/backups.md). A file already there is
left as it is, so an interrupted restore can simply be run again.
"""

import posixpath
import tarfile

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Copy the files of a backup's media.tar.gz into the media storage (disk or bucket)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The backup's media.tar.gz.")

    def handle(self, *args, archive, **options):
        restored = kept = 0
        with tarfile.open(archive, "r:gz") as media:
            for member in media:
                if not member.isfile():
                    continue
                name = posixpath.normpath(member.name)
                if name.startswith(("/", "../")) or name == "..":
                    raise CommandError(f"{member.name}: a name outside the media folder.")
                if default_storage.exists(name):
                    kept += 1
                    continue
                default_storage.save(name, File(media.extractfile(member), name=name))
                restored += 1
        self.stdout.write(f"Restored {restored} file(s); {kept} already there, kept.")
