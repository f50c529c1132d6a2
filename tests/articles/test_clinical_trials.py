"""Clinical trials a patient can join: the nightly task asks ClinicalTrials.gov (API v2,
recorded responses on a local server) and the page lists the recruiting trials, when they
were fetched, each record and the registry's own search; when the registry cannot be
reached, the page says when it last could."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Trial, TrialSearch
from articles.trials.tasks import refresh_clinical_trials
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

ALS = "amyotrophic lateral sclerosis"
HEALEY = "HEALEY ALS Platform Trial - Master Protocol"
TRIALS = f"/{settings.ADMIN_PATH}articles/trialsearch/"
# The read-only list of trials under the form (an inline with no row to add).
NO_TRIALS = {"trials-TOTAL_FORMS": "0", "trials-INITIAL_FORMS": "0"}


@pytest.fixture
def als_page(published_condition):
    return published_condition


def text_of(response):
    return " ".join(response.content.decode().split())


def test_the_nightly_task_lists_recruiting_trials_on_the_page_with_the_date_and_links(
    client, als_page, registry
):
    TrialSearch.objects.create(article=als_page, condition=ALS)

    assert refresh_clinical_trials.call() == {"unavailable": []}

    path, query = registry.requests[-1]
    assert path == "/api/v2/studies"
    assert query["query.cond"] == ALS
    assert query["filter.overallStatus"] == "RECRUITING"
    assert "query.intr" not in query
    page = text_of(client.get("/conditions/als/"))
    assert "Clinical trials recruiting now" in page
    assert f'<a href="https://clinicaltrials.gov/study/NCT04297683" lang="en">{HEALEY}</a>' in page
    assert 'NCT04297683 · Phase 2, Phase 3 · <span lang="en">United States</span>' in page
    today = timezone.localdate()
    assert f'<time datetime="{today:%Y-%m-%d}">{today.day} {today:%B %Y}</time>' in page
    assert (
        'href="https://clinicaltrials.gov/search?cond=amyotrophic+lateral+sclerosis'
        '&amp;aggFilters=status%3Arec"' in page
    )


def test_a_treatment_page_asks_for_its_intervention_and_says_when_none_recruits(client, registry):
    treatment = ArticleFactory(treatment=True, slug="stem-cells")
    TrialSearch.objects.create(article=treatment, condition=ALS, intervention="stem cells")

    refresh_clinical_trials.call()

    assert registry.requests[-1][1]["query.intr"] == "stem cells"
    page = text_of(client.get("/treatments/stem-cells/"))
    assert "ClinicalTrials.gov listed no recruiting trial for this search." in page
    assert "cond=amyotrophic+lateral+sclerosis&amp;intr=stem+cells&amp;aggFilters" in page


def test_when_the_registry_is_down_the_page_keeps_its_list_and_says_when_it_last_could(
    client, als_page, registry, committed
):
    search = TrialSearch.objects.create(article=als_page, condition=ALS)
    refresh_clinical_trials.call()
    fetched_on = timezone.localdate()
    client.get("/conditions/als/")  # stored by the page cache
    TrialSearch.objects.filter(pk=search.pk).update(
        fetched_at=timezone.now() - datetime.timedelta(days=3)
    )
    registry.stop()

    with committed():  # the stored page ends when the refresh commits
        assert refresh_clinical_trials.call() == {"unavailable": [search.pk]}

    search.refresh_from_db()
    assert search.last_error == "ClinicalTrials.gov could not be reached."
    assert search.trials.count() == 1
    page = text_of(client.get("/conditions/als/"))
    three_days_ago = fetched_on - datetime.timedelta(days=3)
    assert (
        "We could not reach ClinicalTrials.gov when we last tried, on "
        f'<time datetime="{fetched_on:%Y-%m-%d}">'
    ) in page
    assert f'This list is from <time datetime="{three_days_ago:%Y-%m-%d}">' in page
    assert HEALEY in page


def test_an_error_answer_is_recorded_and_a_page_never_fetched_says_so(
    client, als_page, registry, committed
):
    TrialSearch.objects.create(article=als_page, condition=ALS)
    assert "We have not yet asked ClinicalTrials.gov" in text_of(client.get("/conditions/als/"))
    registry.failing_with = 503

    with committed():
        refresh_clinical_trials.call()

    assert (
        TrialSearch.objects.get().last_error == "ClinicalTrials.gov answered with an error (503)."
    )
    page = text_of(client.get("/conditions/als/"))
    assert "so this page lists no trials yet" in page
    assert "Search ClinicalTrials.gov for recruiting trials" in page


def test_the_spanish_page_lists_the_trials_of_its_english_version(client, als_page, registry):
    ArticleFactory(
        title="Esclerosis lateral amiotrófica (ELA)",
        slug="ela",
        language="es",
        translation_key=als_page.translation_key,
    )
    TrialSearch.objects.create(article=als_page, condition=ALS)
    refresh_clinical_trials.call()

    page = text_of(client.get("/es/condiciones/ela/"))

    assert "Ensayos clínicos que buscan participantes" in page
    assert f'lang="en">{HEALEY}</a> (en inglés)' in page
    assert "Fase 2, Fase 3" in page


def test_an_editor_sets_the_search_in_the_admin_and_the_registry_is_asked(
    editor_client, als_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"{TRIALS}add/",
            {"article": als_page.pk, "condition": ALS, "intervention": "", **NO_TRIALS},
        )

    assert response.status_code == 302, response.context["adminform"].form.errors
    search = TrialSearch.objects.get()
    queued = DBTaskResult.objects.get(task_path="articles.trials.tasks.refresh_clinical_trials")
    assert queued.args_kwargs["kwargs"] == {"search_ids": [search.pk]}
    change = editor_client.get(f"{TRIALS}{search.pk}/change/").content.decode()
    assert "https://clinicaltrials.gov/search?cond=amyotrophic+lateral+sclerosis" in change
    blank = editor_client.post(
        f"{TRIALS}add/",
        {"article": ArticleFactory().pk, "condition": "", "intervention": "", **NO_TRIALS},
    )
    assert blank.status_code == 200
    assert "This field is required." in blank.content.decode()


def test_the_refresh_is_a_nightly_periodic_task(registry):
    assert "articles.trials.tasks.refresh_clinical_trials" in settings.PERIODIC_TASKS["nightly"]
    call_command("enqueue_periodic_tasks", "nightly", stdout=io.StringIO())
    assert DBTaskResult.objects.filter(
        task_path="articles.trials.tasks.refresh_clinical_trials"
    ).exists()


def test_a_trial_number_not_in_the_registry_form_is_refused_by_the_database(als_page):
    search = TrialSearch.objects.create(article=als_page, condition=ALS)
    with pytest.raises(Exception, match="nct_id_form"):
        Trial.objects.create(search=search, position=0, nct_id="NCT123", title="x")


def test_the_demo_pages_ask_for_trials_and_invent_none_before_the_registry_answers(client):
    call_command("load_demo_content", stdout=io.StringIO())

    searches = TrialSearch.objects.order_by("article__kind")
    assert [(s.article.slug, s.condition, s.intervention) for s in searches] == [
        ("amyotrophic-lateral-sclerosis", ALS, ""),
        ("stem-cell-therapy-for-als", ALS, "stem cells"),
    ]
    assert not Trial.objects.exists()
    page = text_of(client.get("/conditions/amyotrophic-lateral-sclerosis/"))
    box = page.split('id="recruiting-trials"')[1].split("</section>")[0]
    assert "We have not yet asked ClinicalTrials.gov for this page's trials." in box
    assert "https://clinicaltrials.gov/study/" not in box
    assert "fetched" not in box
