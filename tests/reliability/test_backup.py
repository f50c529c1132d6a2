"""`manage.py backup_site`: a backup restores into a fresh database with every row in it."""

import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article
from inquiries.models import Inquiry
from tests.factories import ArticleFactory, CitationFactory, InquiryFactory, jpeg
from tests.subprocesses import environment, run_manage

pytestmark = pytest.mark.django_db(transaction=True)

LIST_ROWS = """
import io
import json
from articles.models import Article
from inquiries.models import Inquiry
print(json.dumps({
    "articles": sorted(Article.objects.values_list("slug", flat=True)),
    "inquiries": sorted([i.pk, i.email, i.message] for i in Inquiry.objects.all()),
}))
"""


def manage(*args, database_url, media_root):
    env = environment(
        dropping=("DATABASE_URL", "REDIS_URL"),
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(media_root),
    )
    return run_manage(*args, env=env)


def postgres_url(name):
    db = connection.settings_dict
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def fresh_database(tmp_path):
    """Restore a backup folder into a database nobody has used: returns (restore, url)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"

        def restore(backup):
            shutil.copyfile(backup / "database.sqlite3", path)

        yield restore, f"sqlite:///{path}"
        return

    name = f"clinic_restore_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = postgres_url(name)

    def restore(backup):
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", url],
            stdin=(backup / "database.dump").open("rb"),
            check=True,
            capture_output=True,
            timeout=120,
        )

    try:
        yield restore, url
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_a_fresh_database_with_every_article_and_inquiry(
    tmp_path, settings, fresh_database
):
    restore, restored_url = fresh_database
    for n in range(3):
        ArticleFactory(slug=f"page-{n}")
    ArticleFactory(slug="a-draft", draft=True)
    CitationFactory()
    for n in range(5):
        InquiryFactory(
            email=f"patient{n}@example.com", message=f"Question {n} \u00e9\u2019\U0001f600"
        )
    upload = Path(settings.MEDIA_ROOT) / "uploads" / "chart.png"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\x89PNG not really")

    call_command("backup_site", output=str(tmp_path / "backups"))

    (backup,) = (tmp_path / "backups").iterdir()
    manifest = json.loads((backup / "manifest.json").read_text())
    counts = manifest["counts"]
    assert (counts["articles.article"], counts["articles.citation"]) == (4, 1)
    assert counts["inquiries.inquiry"] == 5
    assert manifest["engine"] == connection.vendor
    assert oct(backup.stat().st_mode & 0o777) == "0o700"  # patients' data: owner only

    restore(backup)
    restored_media = tmp_path / "restored-media"
    with tarfile.open(backup / "media.tar.gz") as archive:
        archive.extractall(restored_media, filter="data")

    check = manage("migrate", "--check", database_url=restored_url, media_root=restored_media)
    assert check.returncode == 0, check.stdout + check.stderr  # the schema is complete
    rows = manage("shell", "-c", LIST_ROWS, database_url=restored_url, media_root=restored_media)
    assert rows.returncode == 0, rows.stderr
    restored = json.loads(rows.stdout.strip().splitlines()[-1])
    assert restored["articles"] == sorted(Article.objects.values_list("slug", flat=True))
    assert restored["inquiries"] == sorted(
        [i.pk, i.email, i.message] for i in Inquiry.objects.all()
    )
    assert len(restored["inquiries"]) == 5
    assert (restored_media / "uploads" / "chart.png").read_bytes() == b"\x89PNG not really"


def test_a_backup_folder_holds_the_database_the_media_and_a_manifest(tmp_path):
    call_command("backup_site", output=str(tmp_path))
    (backup,) = tmp_path.iterdir()
    assert {p.name for p in backup.iterdir()} == {
        "manifest.json",
        "media.tar.gz",
        "database.dump" if connection.vendor == "postgresql" else "database.sqlite3",
    }


def archived_files(archive_path):
    with tarfile.open(archive_path) as archive:
        return {
            member.name.removeprefix("./"): archive.extractfile(member).read()
            for member in archive
            if member.isfile()
        }


def bucket_files(bucket):
    return {name: bucket.get(name)["Body"].read() for name in bucket.object_names()}


def test_media_in_a_bucket_is_backed_up_and_restored_into_an_empty_bucket(
    tmp_path, settings, s3_media, s3_endpoint
):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.s3 import Bucket

    ArticleFactory(hero_image=jpeg(900, 450), hero_image_alt="A chart.")  # with its sizes
    default_storage.save("uploads/2026/01/02/chart-x1.png", ContentFile(b"\x89PNG not really"))
    stored = bucket_files(s3_media)
    assert len(stored) == 4  # the hero image, its 480 and 800 sizes, the upload

    call_command("backup_site", output=str(tmp_path / "backups"))

    (backup,) = (tmp_path / "backups").iterdir()
    assert archived_files(backup / "media.tar.gz") == stored
    assert not list(Path(settings.MEDIA_ROOT).glob("**/*.*"))  # nothing went through the disk

    replacement = Bucket.create(s3_endpoint)
    settings.STORAGES = {**settings.STORAGES, "default": replacement.storage_settings()}
    call_command("restore_media", str(backup / "media.tar.gz"), stdout=io.StringIO())

    assert bucket_files(replacement) == stored
    assert replacement.get("uploads/2026/01/02/chart-x1.png")["ContentType"] == "image/png"
    again = io.StringIO()
    call_command("restore_media", str(backup / "media.tar.gz"), stdout=again)
    assert "Restored 0 file(s); 4 already there" in again.getvalue()


def test_restore_media_puts_the_files_back_under_media_root(tmp_path, settings):
    upload = Path(settings.MEDIA_ROOT) / "uploads" / "chart.png"
    upload.parent.mkdir(parents=True)
    upload.write_bytes(b"\x89PNG not really")
    call_command("backup_site", output=str(tmp_path / "backups"))
    (backup,) = (tmp_path / "backups").iterdir()

    settings.MEDIA_ROOT = tmp_path / "new-host-media"
    call_command("restore_media", str(backup / "media.tar.gz"), stdout=io.StringIO())

    assert (tmp_path / "new-host-media" / "uploads" / "chart.png").read_bytes() == (
        b"\x89PNG not really"
    )
