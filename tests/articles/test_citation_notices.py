"""The weekly check of every cited DOI and PMID: a retraction, correction or expression of
concern recorded by Crossref or PubMed flags the citation and the articles citing it in the
admin. Run by the real task worker against recorded responses on a local server."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Citation
from tests.articles.literature_server import RecordedLiterature
from tests.factories import ArticleCitationFactory, ArticleFactory, CitationFactory

ADMIN = f"/{settings.ADMIN_PATH}"
CHECK = "articles.tasks.check_citation_notices"


def cited(title, **citation):
    """A published article citing one study, and that study's citation."""
    study = CitationFactory(**citation)
    ArticleCitationFactory(article=ArticleFactory(title=title), citation=study, order=1)
    return study


def wakefield(**fields):
    """The retracted paper, by its DOI alone (the weekly check finds its PMID)."""
    return cited("Vaccines and autism", doi="10.1016/S0140-6736(97)11096-0", pmid="", **fields)


def cudkowicz():
    return cited("Stem cell therapy", doi="10.1002/mus.27472", pmid="34890069")


def enqueue_weekly():
    call_command("enqueue_periodic_tasks", "weekly", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_the_weekly_check_flags_a_retracted_study_and_the_articles_citing_it(
    literature, run_tasks, editor_client
):
    retracted, sound = wakefield(), cudkowicz()
    uncited = CitationFactory(doi="", pmid="")

    enqueue_weekly()
    run_tasks()

    retracted.refresh_from_db()
    assert retracted.notice_kind == Citation.NoticeKind.RETRACTION
    assert retracted.notice_url == "https://pubmed.ncbi.nlm.nih.gov/20137807/"
    assert [(n["kind"], n["source"], n["url"]) for n in retracted.notices] == [
        ("retraction", "PubMed", "https://pubmed.ncbi.nlm.nih.gov/20137807/"),
        (
            "correction",
            "Crossref, from Retraction Watch",
            "https://doi.org/10.1016/s0140-6736(04)15715-2",
        ),
        (
            "retraction",
            "Crossref, from Retraction Watch",
            "https://doi.org/10.1016/s0140-6736(10)60175-4",
        ),
    ]
    sound.refresh_from_db()
    assert (sound.notice_kind, sound.notices) == ("", [])
    assert sound.notices_checked_at is not None
    assert Citation.objects.get(pk=uncited.pk).notices_checked_at is None, "nothing to ask"
    [run] = DBTaskResult.objects.filter(task_path=CHECK)
    assert run.status == "SUCCESSFUL"
    assert run.return_value == {"checked": 2, "changed": [retracted.pk], "again": []}

    flagged = editor_client.get(f"{ADMIN}articles/article/", {"citation_notice": "any"})
    assert [a.title for a in flagged.context["cl"].result_list] == ["Vaccines and autism"]
    html = flagged.content.decode()
    assert '<td class="field-citation_notice">Retraction</td>' in html
    article = flagged.context["cl"].result_list[0]
    page = editor_client.get(f"{ADMIN}articles/article/{article.pk}/change/").content.decode()
    assert "Notices on the references" in page
    assert "Retraction: Lancet. 2010 Feb 6;375(9713):445." in page
    citations = editor_client.get(f"{ADMIN}articles/citation/", {"notice_kind": "retraction"})
    assert list(citations.context["cl"].result_list) == [retracted]
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/20137807/"' in citations.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_check_that_cannot_reach_the_services_is_tried_again_later(
    literature, run_tasks, settings
):
    retracted = wakefield()
    literature.stop()

    enqueue_weekly()
    run_tasks()

    retracted.refresh_from_db()
    assert (retracted.notice_kind, retracted.notices_checked_at) == ("", None)
    first = DBTaskResult.objects.get(task_path=CHECK, status="SUCCESSFUL")
    assert first.return_value == {"checked": 0, "changed": [], "again": [retracted.pk]}
    [again] = DBTaskResult.objects.filter(task_path=CHECK, status="READY")
    assert again.args_kwargs["kwargs"] == {"citation_ids": [retracted.pk], "attempt": 2}
    wait = again.run_after - first.finished_at
    assert datetime.timedelta(seconds=settings.LITERATURE_RETRY_SECONDS - 60) < wait
    assert wait <= datetime.timedelta(seconds=settings.LITERATURE_RETRY_SECONDS)

    # The services are back by the time the retry is due.
    back = RecordedLiterature()
    try:
        settings.CROSSREF_API_URL = back.url
        settings.NCBI_EUTILS_URL = f"{back.url}/eutils"
        DBTaskResult.objects.filter(pk=again.pk).update(run_after=timezone.now())
        run_tasks()
    finally:
        back.stop()

    retracted.refresh_from_db()
    assert retracted.notice_kind == Citation.NoticeKind.RETRACTION
    assert not DBTaskResult.objects.filter(task_path=CHECK, status="READY").exists()


@pytest.mark.django_db(transaction=True)
def test_a_service_too_slow_is_asked_once_per_check(literature, run_tasks, settings):
    settings.LITERATURE_TIMEOUT_SECONDS = 0.5
    first, second = wakefield(), cudkowicz()
    literature.stalled = True

    enqueue_weekly()
    run_tasks()

    # Neither answered for the first citation: the second does not wait for them again.
    assert [path for path, _, _ in literature.requests] == [
        "/eutils/esearch.fcgi",
        "/works/10.1016%2FS0140-6736%2897%2911096-0",
    ]
    done = DBTaskResult.objects.get(task_path=CHECK, status="SUCCESSFUL")
    assert done.return_value["again"] == [first.pk, second.pk]


@pytest.mark.django_db(transaction=True)
def test_saving_a_doi_in_the_admin_records_its_notices(literature, run_tasks, editor_client):
    response = editor_client.post(
        f"{ADMIN}articles/citation/add/",
        {
            "doi": "10.1371/journal.pone.0033693",
            "authors": "Sadasivan S, Pond BB, Pani AK, Qu C, Jiao Y, Smeyne RJ",
            "title": "Methylphenidate exposure induces dopamine neuron loss",
            "journal": "PLoS One",
            "year": "2012",
            "study_design": "preclinical",
            "_save": "Save",
        },
    )
    assert response.status_code == 302

    run_tasks()

    citation = Citation.objects.get()
    assert citation.notice_kind == Citation.NoticeKind.CORRECTION
    assert citation.notice_url == (
        "https://doi.org/10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"
    )
    page = editor_client.get(f"{ADMIN}articles/citation/{citation.pk}/change/")
    assert "<strong>Correction</strong>: Correction (Crossref, 2012-05-08)" in (
        page.content.decode()
    )


@pytest.mark.django_db(transaction=True)
def test_a_check_that_finds_nothing_new_changes_nothing(literature, run_tasks):
    retracted = wakefield()
    enqueue_weekly()
    run_tasks()
    retracted.refresh_from_db()
    first_check, versions = retracted.notices_checked_at, retracted.history.count()

    enqueue_weekly()
    run_tasks()

    retracted.refresh_from_db()
    assert retracted.notices_checked_at > first_check
    assert retracted.history.count() == versions, "no history record for an unchanged check"


@pytest.mark.django_db
def test_the_article_list_filters_each_kind_of_notice(editor_client):
    cited("Concern", notice_kind="concern")
    cited("Corrected", notice_kind="correction")
    cited("Clean")

    def titles(value):
        response = editor_client.get(f"{ADMIN}articles/article/", {"citation_notice": value})
        return sorted(article.title for article in response.context["cl"].result_list)

    assert titles("concern") == ["Concern"]
    assert titles("correction") == ["Corrected"]
    assert titles("retraction") == []
    assert titles("any") == ["Concern", "Corrected"]
    assert titles("none") == ["Clean"]


@pytest.mark.django_db(transaction=True)
def test_a_large_library_is_checked_in_batches(literature, run_tasks, monkeypatch):
    from articles import tasks

    monkeypatch.setattr(tasks, "BATCH", 1)
    first, second = wakefield(), cudkowicz()

    enqueue_weekly()
    run_tasks()

    runs = DBTaskResult.objects.filter(task_path=CHECK).order_by("enqueued_at")
    assert [run.args_kwargs["kwargs"] for run in runs] == [
        {},
        {"citation_ids": [second.pk], "attempt": 1},
    ]
    assert [run.return_value["checked"] for run in runs] == [1, 1]
    assert Citation.objects.filter(notices_checked_at__isnull=True).count() == 0
    assert Citation.objects.get(pk=first.pk).notice_kind == Citation.NoticeKind.RETRACTION


@pytest.mark.django_db
def test_editors_can_ask_for_a_check_of_selected_citations(editor_client):
    with_doi, without = CitationFactory(), CitationFactory(doi="", pmid="")

    response = editor_client.post(
        f"{ADMIN}articles/citation/",
        {"action": "check_notices", "_selected_action": [with_doi.pk, without.pk]},
        follow=True,
    )

    assert "Asked Crossref and PubMed about 1 citation(s)" in response.content.decode()
    [queued] = DBTaskResult.objects.filter(task_path=CHECK, status="READY")
    assert queued.args_kwargs["kwargs"] == {"citation_ids": [with_doi.pk]}
