"""Each article indexed in its own language (articles/search.py).

PostgreSQL: the trigger of 0002_search stems a Spanish row with the ``spanish`` text search
configuration and every other row with ``english``, as before; accents are still folded
(unaccent), so "celulas madre" finds "células madre". The query side picks the same
configuration by the page's language. Every row is indexed again.

SQLite: nothing changes. FTS5 has one tokenizer for the whole table (``porter``, with
``remove_diacritics``): Spanish words are folded without accents and their plurals mostly
stemmed, as articles/search.py and docs/developers/architecture.md say.
"""

from django.db import migrations

INDEX_BY_LANGUAGE = """
CREATE OR REPLACE FUNCTION articles_article_search_vector_update() RETURNS trigger AS $$
DECLARE
    config regconfig := CASE NEW.language
        WHEN 'es' THEN 'spanish'::regconfig
        ELSE 'english'::regconfig
    END;
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector(config, unaccent(coalesce(NEW.title, ''))), 'A') ||
        setweight(to_tsvector(config, unaccent(coalesce(NEW.also_known_as, ''))), 'B') ||
        setweight(to_tsvector(config, unaccent(coalesce(NEW.summary, ''))), 'C') ||
        setweight(to_tsvector(config, unaccent(coalesce(NEW.body_text, ''))), 'D');
    NEW.search_head :=
        setweight(to_tsvector(config, unaccent(coalesce(NEW.title, ''))), 'A') ||
        setweight(to_tsvector(config, unaccent(coalesce(NEW.also_known_as, ''))), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

UPDATE articles_article SET title = title;
"""

# 0002_search's function: every row in English.
INDEX_IN_ENGLISH = """
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


def index_by_language(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_BY_LANGUAGE)


def index_in_english(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_IN_ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_translations"),
    ]

    operations = [
        migrations.RunPython(index_by_language, index_in_english),
    ]
