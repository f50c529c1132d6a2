import django.contrib.postgres.search
from django.db import migrations

# PostgreSQL keeps search_vector up to date itself, whatever writes the row (the admin,
# bulk loads, raw SQL): title > other names > summary > body (weights A to D).
CREATE_TRIGGER = """
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

CREATE TRIGGER articles_article_search_vector
    BEFORE INSERT OR UPDATE ON articles_article
    FOR EACH ROW EXECUTE FUNCTION articles_article_search_vector_update();

CREATE INDEX articles_article_search_vector_gin
    ON articles_article USING gin (search_vector);

UPDATE articles_article SET title = title;
"""

DROP_TRIGGER = """
DROP INDEX IF EXISTS articles_article_search_vector_gin;
DROP TRIGGER IF EXISTS articles_article_search_vector ON articles_article;
DROP FUNCTION IF EXISTS articles_article_search_vector_update();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_TRIGGER)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
