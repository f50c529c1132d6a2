"""A consistent backup of the database and the uploaded media, in one folder.

    python manage.py backup_site --output /var/backups/clinic

writes ``/var/backups/clinic/clinic-<UTC timestamp>/`` with:

- ``database.dump`` (PostgreSQL: ``pg_dump --format=custom``, one consistent snapshot
  taken while the site keeps running) or ``database.sqlite3`` (SQLite: the online backup
  API, a consistent copy even while others write);
- ``media.tar.gz``: every uploaded file, wherever it is stored: everything under
  ``MEDIA_ROOT``, or each object of the bucket (``DJANGO_MEDIA_S3_BUCKET``), downloaded;
- ``manifest.json``: when, which database engine, row counts, file sizes and SHA-256.

The database is copied first and the media second: uploads are only ever added, so every
file the database refers to is in the archive. docs/operators/backups.md shows how to restore
(``manage.py restore_media`` puts the media back into a bucket).

bandit's subprocess warnings are silenced (``# nosec``) because the only program run is
pg_dump, found with ``shutil.which``, given an argument list built from settings, no shell.
"""

import datetime
import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Back up the database and the uploaded media into a new folder under --output."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", required=True, help="Folder under which the backup folder is created."
        )

    def handle(self, *args, output, **options):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = Path(output) / f"clinic-{stamp}"
        # Every model's rows (e.g. "articles.article": 4), to check a restore against.
        counts = {
            model._meta.label_lower: model._default_manager.count()
            for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy
        }
        # Written under a temporary name, renamed when complete: a folder named
        # clinic-<stamp> is always a whole backup.
        partial = target.with_name(target.name + ".partial")
        partial.mkdir(parents=True, mode=0o700)
        try:
            database = self.backup_database(partial)
            media = self.backup_media(partial / "media.tar.gz")
            manifest = {
                "created_at": stamp,
                "engine": connection.vendor,
                "counts": counts,
                "files": {path.name: _describe(path) for path in (database, media)},
            }
            (partial / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        partial.rename(target)
        self.stdout.write(f"Backup written to {target}")

    def backup_database(self, target):
        if connection.vendor == "sqlite":
            path = target / "database.sqlite3"
            connection.ensure_connection()
            copy = sqlite3.connect(path)
            try:
                connection.connection.backup(copy)
            finally:
                copy.close()
            return path
        if connection.vendor == "postgresql":
            return self.pg_dump(target / "database.dump")
        raise CommandError(f"Backups of {connection.vendor} databases are not supported.")

    def pg_dump(self, path):
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            raise CommandError("pg_dump was not found (Debian: apt-get install postgresql-client).")
        db = connection.settings_dict
        command = [pg_dump, "--format=custom", "--no-owner", "--file", str(path)]
        for option, value in [("--host", db["HOST"]), ("--port", db["PORT"])]:
            if value:
                command += [option, str(value)]
        if db["USER"]:
            command += ["--username", db["USER"]]
        command.append(db["NAME"])
        env = dict(os.environ)
        if db["PASSWORD"]:
            env["PGPASSWORD"] = db["PASSWORD"]
        # Safe: a fixed program, an argument list built from settings, no shell.
        result = subprocess.run(  # noqa: S603  # nosec B603
            command, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        return path

    def backup_media(self, path):
        with tarfile.open(path, "w:gz") as archive:
            try:
                media_root = Path(default_storage.path(""))
            except NotImplementedError:  # a bucket: no local path
                archive_storage(default_storage, archive)
            else:
                if media_root.is_dir():
                    archive.add(media_root, arcname=".")
        return path


def archive_storage(storage, archive):
    """Download every file of ``storage`` into ``archive``, named as under MEDIA_ROOT."""
    now = time.time()
    for name in stored_names(storage):
        # Spooled: small files stay in memory, a large one goes to a temporary file.
        with storage.open(name, "rb") as source, tempfile.SpooledTemporaryFile(2**24) as copy:
            shutil.copyfileobj(source, copy)
            info = tarfile.TarInfo(f"./{name}")
            info.size, info.mtime, info.mode = copy.tell(), now, 0o644
            copy.seek(0)
            archive.addfile(info, copy)


def stored_names(storage, folder=""):
    folders, files = storage.listdir(folder)
    for file in files:
        yield posixpath.join(folder, file)
    for subfolder in folders:
        yield from stored_names(storage, posixpath.join(folder, subfolder))


def _describe(path):
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}
