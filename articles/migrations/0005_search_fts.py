import django.contrib.postgres.search
from django.db import migrations, models

from articles.search import install_sqlite_fts, uninstall_sqlite_fts

# PostgreSQL: the search vector folds accents as SQLite's FTS5 does (remove_diacritics),
# so that both find "Guillain-Barré" from "barre" (articles/search.py).
POSTGRESQL_UNACCENT = """
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

UPDATE articles_article SET title = title;
"""

POSTGRESQL_ACCENTS_KEPT = """
CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(NEW.also_known_as, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.summary, '')), 'C') ||
        setweight(to_tsvector('english', coalesce(NEW.body_text, '')), 'D');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

UPDATE articles_article SET title = title;
"""


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_UNACCENT)
    elif schema_editor.connection.vendor == "sqlite":
        install_sqlite_fts(schema_editor.connection)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_ACCENTS_KEPT)
    elif schema_editor.connection.vendor == "sqlite":
        uninstall_sqlite_fts(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_hero_image_sizes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_head",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_index, drop_index),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("featured", True)),
                fields=["title"],
                name="articles_article_featured",
            ),
        ),
    ]
