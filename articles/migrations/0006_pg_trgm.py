"""PostgreSQL's pg_trgm, for the search's "Did you mean" (articles/suggestions.py), where it
can be created: a database user without the right to create it gets a warning, and the
search offers suggestions without it (the words of published titles and other names)."""

import logging

from django.contrib.postgres.operations import TrigramExtension
from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)


class TrigramExtensionIfAllowed(TrigramExtension):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        try:
            # A savepoint: a refusal must not abort the migration's transaction.
            with transaction.atomic(using=schema_editor.connection.alias):
                super().database_forwards(app_label, schema_editor, from_state, to_state)
        except DatabaseError as error:
            logger.warning("pg_trgm could not be created (%s): no trigram suggestions", error)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        """Left in place: other applications of the database may use it."""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_search_fts"),
    ]

    operations = [TrigramExtensionIfAllowed()]
