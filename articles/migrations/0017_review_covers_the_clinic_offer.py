"""The review covers the treatment box's source link and the clinic's offer (issue 19.2):
each review's snapshot and each page's digest are computed again, as 0015 did, so a page
whose version reviewed showed the same offer stays reviewed."""

import importlib

from django.db import migrations

covers_the_page = importlib.import_module("articles.migrations.0015_review_covers_the_page")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_review_keeps_the_reviewer_as_signed"),
    ]

    operations = [
        migrations.RunPython(covers_the_page.cover_the_pages, migrations.RunPython.noop),
    ]
