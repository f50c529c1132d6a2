"""The search's indexes, which the model cannot declare (articles/search.py).

PostgreSQL keeps ``search_vector`` (title > other names > summary > body, weights A to D)
and ``search_head`` (title and other names) up to date itself with a trigger, whatever
writes the row (the admin, bulk loads, raw SQL); accents are folded (unaccent) as SQLite's
FTS5 folds them (remove_diacritics), so both find "Guillain-Barré" from "barre". pg_trgm,
for the search's "Did you mean" (articles/suggestions.py), is created where the database
user may: without it the search offers suggestions from the words of published titles.
SQLite: an FTS5 table kept in step by triggers.
"""

import logging

from django.contrib.postgres.operations import TrigramExtension
from django.db import DatabaseError, migrations, transaction

from articles.search import install_sqlite_fts, uninstall_sqlite_fts

logger = logging.getLogger(__name__)

POSTGRESQL_SEARCH = """
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', unaccent(coalesce(NEW.title, ''))), 'A') ||
        setweight(to_tsvector('english', unaccent(coalesce(NEW.also_known_as, ''))), 'B') ||
        setweight(to_tsvector('english', unaccent(coalesce(NEW.summary, ''))), 'C') ||
        setweight(to_tsvector('english', unaccent(coalesce(NEW.body_text, ''))), 'D');
    NEW.search_head :=
        setweight(to_tsvector('english', unaccent(coalesce(NEW.title, ''))), 'A') ||
        setweight(to_tsvector('english', unaccent(coalesce(NEW.also_known_as, ''))), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector_update();

CREATE INDEX articles_article_search_vector_gin
    ON articles_article USING gin (search_vector);

UPDATE articles_article SET title = title;
"""

POSTGRESQL_DROP_SEARCH = """
DROP INDEX IF EXISTS articles_article_search_vector_gin;
DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_vector_update();
"""


def create_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_SEARCH)
    elif schema_editor.connection.vendor == "sqlite":
        install_sqlite_fts(schema_editor.connection)


def drop_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP_SEARCH)
    elif schema_editor.connection.vendor == "sqlite":
        uninstall_sqlite_fts(schema_editor.connection)


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
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search, drop_search),
        TrigramExtensionIfAllowed(),
    ]
