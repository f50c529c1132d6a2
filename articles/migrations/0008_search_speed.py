"""Search at 10,000 articles (issue 14).

- An index on what the public may see in a language (``published()``): the search filters its
  matches through it, and "Did you mean" stamps its vocabulary from it, without reading a row
  (articles/search.py, articles/suggestions.py).
- The featured pages (the home page, the contact form's topics) found with the filters of
  ``published()``, not by the title alone: SQLite read every article of the language.
- PostgreSQL: the full-text GIN index without a pending list (``fastupdate = off``). With
  it, new and changed rows wait in an unsorted list that every search reads in full until a
  VACUUM merges it; after a bulk import of 10,000 articles the planner priced the index so
  high (its pending pages) that it read every row's ``search_vector`` instead, 63 ms for a
  word found in one article (0.8 ms through the index). A clinic saves a few articles a day:
  writing each straight into the index costs nothing it would notice.
"""

from django.db import migrations, models

GIN_INDEX = "articles_article_search_vector_gin"


def index_without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {GIN_INDEX} SET (fastupdate = off)")
        # What waits in the list already goes into the index now.
        schema_editor.execute(f"SELECT gin_clean_pending_list('{GIN_INDEX}'::regclass)")


def index_with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER INDEX {GIN_INDEX} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_search_languages"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="article", name="articles_article_featured"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["language", "status", "published_at", "title"],
                condition=models.Q(featured=True),
                name="articles_article_featured",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["language", "status", "published_at", "updated_at"],
                name="articles_article_public",
            ),
        ),
        migrations.RunPython(index_without_pending_list, index_with_pending_list),
    ]
