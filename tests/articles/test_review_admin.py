"""Medical reviews in the admin: a reviewer records one for the text they read; nobody records
one in another's name; editors cannot; the review columns and filters."""

import re

import pytest
from django.conf import settings

from articles.models import Article, Review
from tests.factories import ArticleFactory, ReviewFactory, StaffFactory
from tests.form_client import Client
from tests.pages import form_data
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db

ADMIN = f"/{settings.ADMIN_PATH}"
ARTICLES = f"{ADMIN}articles/article/"
ADD_REVIEW = f"{ADMIN}articles/review/add/"


def record_review(client, article, checked="Every claim against its reference.", **extra):
    form = client.get(ADD_REVIEW, {"article": article.pk})
    assert form.status_code == 200
    html = form.content.decode()
    version = re.search(r'name="article_version" value="(\d+)"', html)[1]
    shown = re.search(r'name="shown_digest" value="(\w+)"', html)[1]
    data = {
        "article": article.pk,
        "article_version": version,
        "shown_digest": shown,
        "checked": checked,
        **extra,
    }
    return client.post(f"{ADD_REVIEW}?article={article.pk}", data)


def test_a_reviewer_records_a_review_from_the_article_page(reviewer_client, reviewer, client):
    article = ArticleFactory(title="ALS", slug="als")
    change = reviewer_client.get(f"{ARTICLES}{article.pk}/change/").content.decode()
    assert f'href="{ADD_REVIEW}?article={article.pk}">Record a review</a>' in change
    form = reviewer_client.get(ADD_REVIEW, {"article": article.pk}).content.decode()
    assert "The page you are reviewing" in form
    assert 'href="/conditions/als/"' in form
    response = record_review(reviewer_client, article)
    assert response.status_code == 302
    assert response["Location"] == f"{ARTICLES}{article.pk}/change/"
    review = Review.objects.get()
    assert review.reviewer == reviewer
    assert review.article_version == article.history.first()
    assert review.checked == "Every claim against its reference."
    assert "Reviewed by Dr. A. Rao, MD, neurologist on" in Client().get("/conditions/als/").text


def test_a_review_is_always_in_the_name_of_the_reviewer_signed_in(reviewer_client, reviewer):
    someone_else = StaffFactory(username="other")
    response = record_review(reviewer_client, ArticleFactory(), reviewer=someone_else.pk)
    assert response.status_code == 302
    assert Review.objects.get().reviewer == reviewer


def test_the_record_a_review_action_opens_the_form_for_one_page(reviewer_client):
    first, second = ArticleFactory(), ArticleFactory()
    response = reviewer_client.post(
        ARTICLES, {"action": "record_review", "_selected_action": [first.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{ADD_REVIEW}?article={first.pk}"
    response = reviewer_client.post(
        ARTICLES,
        {"action": "record_review", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "Choose one page: a review records what you checked on that page." in response.text
    assert not Review.objects.exists()


def test_a_text_changed_while_the_reviewer_read_it_is_signed_only_after_an_explicit_step(
    reviewer_client, group_editor
):
    article = ArticleFactory(body="<p>The first text.</p>")
    form = reviewer_client.get(ADD_REVIEW, {"article": article.pk})
    assert "The first text." in form.text  # the form shows what is being signed
    data = {**form_data(form), "checked": "All."}
    article.body = "<p>Changed by an editor meanwhile.</p>"
    article.save()
    response = reviewer_client.post(f"{ADD_REVIEW}?article={article.pk}", data)
    assert response.status_code == 200
    assert "changed while you were reviewing it" in response.text
    assert "Changed by an editor meanwhile." in response.text  # the newer version, shown
    assert not Review.objects.exists()
    # The same Save again does not sign the newer version...
    again = form_data(response)
    response = reviewer_client.post(f"{ADD_REVIEW}?article={article.pk}", again)
    assert response.status_code == 200
    assert "then tick this box to record your review of the newer version" in response.text
    assert not Review.objects.exists()
    # ...the explicit step does.
    again = {**form_data(response), "read_newer_version": "on"}
    response = reviewer_client.post(f"{ADD_REVIEW}?article={article.pk}", again)
    assert response.status_code == 302
    [review] = Review.objects.all()
    assert "Changed by an editor meanwhile." in review.snapshot["body"]


def test_the_review_form_shows_what_changed_since_the_last_review(reviewer_client):
    article = ArticleFactory(reviewed=10, summary="The summary the reviewer read.")
    article.summary = "A new claim in the summary."
    article.save()
    form = reviewer_client.get(ADD_REVIEW, {"article": article.pk}).text
    assert "What changed since the last review" in form
    assert "The summary the reviewer read." in form
    assert "A new claim in the summary." in form


def test_the_review_form_without_a_page_sends_the_reviewer_to_choose_one(reviewer_client):
    response = reviewer_client.get(ADD_REVIEW, follow=True)
    assert response.redirect_chain == [(ARTICLES, 302)]
    assert "Choose the page you reviewed" in response.text


def test_editors_cannot_record_reviews(group_editor_client):
    article = ArticleFactory()
    assert group_editor_client.get(ADD_REVIEW, {"article": article.pk}).status_code == 403
    version = article.history.first().pk
    response = group_editor_client.post(
        f"{ADD_REVIEW}?article={article.pk}",
        {"article": article.pk, "article_version": version, "checked": "Trust me."},
    )
    assert response.status_code == 403
    assert not Review.objects.exists()
    change = group_editor_client.get(f"{ARTICLES}{article.pk}/change/").content.decode()
    assert f"{ADD_REVIEW}?article=" not in change
    assert 'value="record_review"' not in group_editor_client.get(ARTICLES).content.decode()
    # Editors see the reviews; they cannot change one.
    review = ReviewFactory(article=article)
    assert group_editor_client.get(f"{ADMIN}articles/review/").status_code == 200
    response = group_editor_client.post(
        f"{ADMIN}articles/review/{review.pk}/change/", {"checked": "Rewritten."}
    )
    assert response.status_code == 403


def test_the_permission_alone_without_the_group_records_no_review(client):
    from django.contrib.auth.models import Permission

    user = StaffFactory(username="granted")
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_review", "view_article"])
    )
    sign_in(client, user)
    assert client.get(ADD_REVIEW, {"article": ArticleFactory().pk}).status_code == 403


def test_a_recorded_review_is_never_changed_even_by_its_reviewer(reviewer_client):
    review = ReviewFactory()
    url = f"{ADMIN}articles/review/{review.pk}/change/"
    html = reviewer_client.get(url).content.decode()
    assert "Every claim against its reference." in html
    assert 'name="_save"' not in html
    assert reviewer_client.post(url, {"checked": "Rewritten."}).status_code == 403
    version = re.search(r'<a href="([^"]+)">The text saved ', html)[1]
    assert f"/articles/article/{review.article_id}/history/" in version
    assert review.article.summary in reviewer_client.get(version).content.decode()
    review.refresh_from_db()
    assert review.checked == "Every claim against its reference."


def test_the_article_form_shows_the_last_review_and_a_link_to_all(group_editor_client):
    article = ArticleFactory(reviewed=10)
    html = group_editor_client.get(f"{ARTICLES}{article.pk}/change/").content.decode()
    assert "Reviewed by Dr. A. Rao, MD, neurologist on" in html
    assert "Checked: Every claim against its reference." in html
    assert f"{ADMIN}articles/review/?article__id__exact={article.pk}" in html
    assert 'name="reviewed_by"' not in html


def titles(client, **query):
    html = client.get(ARTICLES, query).content.decode()
    return set(re.findall(r'<th class="field-title"><a href="[^"]+">([^<]+)</a>', html))


def test_the_review_filters_list_due_overdue_never_reviewed_and_updated_pages(
    group_editor_client,
):
    ArticleFactory(title="Current treatment", treatment=True, reviewed=30)
    ArticleFactory(title="Due treatment", treatment=True, reviewed=350)  # due in ~15 days
    ArticleFactory(title="Overdue treatment", treatment=True, reviewed=400)
    ArticleFactory(title="Current condition", reviewed=400)  # conditions: every 36 months
    ArticleFactory(title="Overdue condition", reviewed=3 * 366 + 2)
    ArticleFactory(title="Never reviewed")
    changed = ArticleFactory(title="Changed condition", reviewed=5)
    changed.body += "<p>More.</p>"
    changed.save()
    assert titles(group_editor_client, review="due") == {"Due treatment"}
    assert titles(group_editor_client, review="overdue") == {
        "Overdue treatment",
        "Overdue condition",
    }
    assert titles(group_editor_client, review="never") == {"Never reviewed"}
    assert titles(group_editor_client, review="updated") == {"Changed condition"}
    assert titles(group_editor_client, review="current") == {
        "Current treatment",
        "Due treatment",
        "Current condition",
    }
    html = group_editor_client.get(ARTICLES).content.decode()
    assert "Next review due" in html
    assert "(overdue)</strong>" in html


def test_a_condition_is_published_without_a_review(group_editor_client):
    draft = ArticleFactory(draft=True)
    group_editor_client.post(ARTICLES, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


TEXT_FIELDS = [
    "title",
    "slug",
    "kind",
    "also_known_as",
    "summary",
    "body",
    "regulatory_jurisdiction",
    "regulatory_status",
    "regulatory_statement",
    "regulatory_source_url",
    "clinic_offer",
    "clinic_trial_registration",
    "clinic_cost",
    "clinic_offer_note",
    "status",
]


def _form_data(client, article, **changes):
    """The article's change form as the browser would post it back."""
    html = client.get(f"{ARTICLES}{article.pk}/change/").content.decode()
    for name in TEXT_FIELDS:
        assert f'name="{name}"' in html, name
    checked_on = article.regulatory_checked_on
    data = {
        **{name: getattr(article, name) for name in TEXT_FIELDS},
        "regulatory_checked_on": checked_on.isoformat() if checked_on else "",
        "hero_image_alt": "",
        "published_at_0": "",
        "published_at_1": "",
        "article_citations-TOTAL_FORMS": "0",
        "article_citations-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


REFUSED = "Treatment pages are published only with a current medical review."


@pytest.mark.parametrize("how", ["publish button", "status field"])
def test_a_treatment_without_a_review_is_not_published_and_the_admin_says_why(
    group_editor_client, how
):
    draft = ArticleFactory(treatment=True, draft=True)
    extra = {"_publish": "Publish"} if how == "publish button" else {"status": "published"}
    response = group_editor_client.post(
        f"{ARTICLES}{draft.pk}/change/", _form_data(group_editor_client, draft, **extra)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert REFUSED in html
    assert "This page has none: ask a medical reviewer to review it" in html
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_the_publish_action_refuses_an_unreviewed_treatment_and_says_why(group_editor_client):
    draft = ArticleFactory(treatment=True, draft=True, title="Stem cells")
    condition = ArticleFactory(draft=True)
    response = group_editor_client.post(
        ARTICLES, {"action": "publish", "_selected_action": [draft.pk, condition.pk]}, follow=True
    )
    html = response.content.decode()
    assert f"\u201cStem cells\u201d is not published. {REFUSED}" in html
    assert "Published 1 article(s)." in html
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_a_treatment_reviewed_in_its_present_text_is_published(group_editor_client):
    draft = ArticleFactory(treatment=True, draft=True, reviewed=3)
    data = _form_data(group_editor_client, draft, _publish="Publish")
    # CKEditor sends the same text back re-indented: not a change of the reviewed text.
    data["body"] = data["body"].replace("</h2>", "</h2>\n")
    response = group_editor_client.post(f"{ARTICLES}{draft.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED


@pytest.mark.parametrize(
    ("reviewed", "changes", "reason"),
    [
        (400, {}, "was due again on"),
        (3, {"body": "<p>A new claim.</p>"}, "The text changed after the review of"),
        (3, {"regulatory_statement": "Approved."}, "The text changed after the review of"),
    ],
    ids=["overdue", "body changed", "approval statement changed"],
)
def test_a_treatment_whose_review_is_not_current_is_not_published(
    group_editor_client, reviewed, changes, reason
):
    draft = ArticleFactory(treatment=True, draft=True, reviewed=reviewed)
    data = _form_data(group_editor_client, draft, _publish="Publish", **changes)
    html = group_editor_client.post(f"{ARTICLES}{draft.pk}/change/", data).content.decode()
    assert REFUSED in html
    assert reason in html
    assert Article.objects.get(pk=draft.pk).status == Article.Status.DRAFT


def test_the_rule_can_be_turned_off(group_editor_client, settings):
    settings.ARTICLE_REVIEW_REQUIRED_TO_PUBLISH = False
    draft = ArticleFactory(treatment=True, draft=True)
    group_editor_client.post(ARTICLES, {"action": "publish", "_selected_action": [draft.pk]})
    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED


def test_a_published_treatment_stays_editable_after_its_review_falls_due(group_editor_client):
    article = ArticleFactory(treatment=True, reviewed=400)
    data = _form_data(group_editor_client, article, title="A new title")
    data["published_at_0"] = article.published_at.astimezone().strftime("%Y-%m-%d")
    data["published_at_1"] = article.published_at.astimezone().strftime("%H:%M:%S")
    response = group_editor_client.post(f"{ARTICLES}{article.pk}/change/", data)
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "A new title"


def test_reviews_can_be_listed_per_page(group_editor_client):
    article = ArticleFactory(title="Listed page", reviewed=10)
    ReviewFactory(article=ArticleFactory(title="Another page"))
    html = group_editor_client.get(
        f"{ADMIN}articles/review/", {"article__id__exact": article.pk}
    ).content.decode()
    assert "Listed page" in html
    assert "Another page" not in html


def test_migrate_makes_the_medical_reviewers_group_which_reads_and_reviews(staff_group):
    reviewers = set(staff_group("Medical reviewers").permissions.values_list("codename", flat=True))
    assert reviewers == {
        "view_article",
        "view_citation",
        "view_articlecitation",
        "view_review",
        "add_review",
    }
    editors = set(staff_group("Editors").permissions.values_list("codename", flat=True))
    assert "view_review" in editors
    assert "add_review" not in editors


def test_a_reviewer_reads_a_draft_before_it_is_published(reviewer_client, coordinator):
    draft = ArticleFactory(draft=True, slug="draft-page", title="Draft page")
    response = reviewer_client.get("/conditions/draft-page/")
    assert response.status_code == 200
    assert "Draft preview" in response.text
    sign_in(reviewer_client, coordinator)
    assert reviewer_client.get(draft.get_absolute_url()).status_code == 404


def test_the_demo_publishes_its_pages_unreviewed_and_the_rule_still_holds(
    group_editor_client, client
):
    from django.core.management import call_command

    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    treatment = Article.objects.get(slug="stem-cell-therapy-for-als")
    assert treatment.status == Article.Status.PUBLISHED
    assert not Review.objects.exists()  # no reviewer invented
    page = client.get(treatment.get_absolute_url()).content.decode()
    assert "Not yet medically reviewed." in page
    assert "reviewedBy" not in page
    group_editor_client.post(ARTICLES, {"action": "unpublish", "_selected_action": [treatment.pk]})
    response = group_editor_client.post(
        ARTICLES, {"action": "publish", "_selected_action": [treatment.pk]}, follow=True
    )
    assert REFUSED in response.content.decode()
    assert Article.objects.get(pk=treatment.pk).status == Article.Status.DRAFT


def test_a_review_keeps_the_reviewer_s_name_and_credentials_as_signed(
    reviewer_client, reviewer, client, committed
):
    article = ArticleFactory(slug="signed-page")
    with committed():
        assert record_review(reviewer_client, article).status_code == 302
    reviewer.display_name = "Someone Else"
    reviewer.credentials = "PhD"
    reviewer.is_active = False
    with committed():
        reviewer.save()
    page = client.get(article.get_absolute_url()).text
    assert "Reviewed by Dr. A. Rao, MD, neurologist on" in page
    assert "Someone Else" not in page
    assert '"name": "Dr. A. Rao"' in page  # the structured data too
