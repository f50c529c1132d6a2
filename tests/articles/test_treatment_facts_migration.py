"""The migration that gives treatment pages their regulatory source and the clinic's
involvement keeps what each page said, and fills what the new rules require."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0003_citation_notices")]
AFTER = [("articles", "0004_treatment_facts_and_evidence")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_treatments_keep_their_statement_and_say_not_offered():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old_apps = migrate(BEFORE)
        Article = old_apps.get_model("articles", "Article")
        common = {"summary": "S.", "body": "<p>B.</p>", "status": "draft"}
        Article.objects.create(
            slug="treatment",
            kind="treatment",
            regulatory_status="not_approved",
            regulatory_note="Not approved by the FDA for ALS.",
            **common,
        )
        Article.objects.create(slug="condition", kind="condition", **common)

        Article = migrate(AFTER).get_model("articles", "Article")
        treatment = Article.objects.get(slug="treatment")
        assert treatment.regulatory_statement == "Not approved by the FDA for ALS."
        assert treatment.regulatory_jurisdiction == "us_fda"
        assert treatment.regulatory_checked_on is None  # flagged stale until an editor checks
        assert treatment.clinic_offer == "not_offered"
        assert Article.objects.get(slug="condition").clinic_offer == ""
    finally:
        migrate(latest)
