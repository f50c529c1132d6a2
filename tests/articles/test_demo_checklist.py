"""The checklist a medical editor runs over the demo's pages before patients see them
(issue 21, "Done when"): the sections of their kind, every medicine claim cited, the harms and
the FDA's own words, the clinic's role said once, no date nobody checked, no English sentence
on a Spanish page outside lang="en", and structured data that says what the page says."""

import html as html_lib
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

CONDITIONS = ("amyotrophic-lateral-sclerosis", "esclerosis-lateral-amiotrofica")
TREATMENTS = ("stem-cell-therapy-for-als", "terapia-con-celulas-madre-para-la-ela")
SPANISH = ("esclerosis-lateral-amiotrofica", "terapia-con-celulas-madre-para-la-ela")
MEDICINES = re.compile(r"riluzol|edaravon|tofers[eé]n|qalsody|radicava|relyvrio", re.I)
# Words of English that Spanish never uses: two in one sentence make it English.
ENGLISH_ONLY = {"the", "and", "with", "was", "were", "is", "of", "to", "for", "this", "that"}


@pytest.fixture
def demo(db):
    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)
    return {article.slug: article for article in Article.objects.all()}


def page(client, article):
    return client.get(article.get_absolute_url()).content.decode()


def main_part(html):
    return html[html.index("<main") : html.index("</main>")]


def blocks(body):
    """The body's paragraphs and list items, as text with their citation marks."""
    return [
        " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", b)).split())
        for b in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", body, re.S)
    ]


@pytest.mark.parametrize("slug", CONDITIONS + TREATMENTS)
def test_each_page_has_every_section_of_its_kind(demo, slug):
    assert demo[slug].missing_sections == []


@pytest.mark.parametrize("slug", CONDITIONS)
def test_every_claim_about_a_medicine_cites_its_source(demo, slug):
    claims = [b for b in blocks(demo[slug].body) if MEDICINES.search(b)]
    assert len(claims) >= 4
    uncited = [b for b in claims if not re.search(r"\[\d+(?:,\s*\d+)*\]", b)]
    assert uncited == []


def test_the_stem_cell_page_gives_the_harms_and_the_fdas_own_words(client, demo):
    html = page(client, demo["stem-cell-therapy-for-als"])
    assert "has received reports of blindness, tumor formation, infections, and more" in html
    assert "you are likely being deceived and offered a product illegally" in html
    assert "misled" not in html
    assert "MedWatch" in html
    assert "does not mean the FDA has approved a product" in html
    # The FDA's page is a numbered reference named by its title and date.
    assert "regenerative medicine therapies (June 3, 2021)" in html


@pytest.mark.parametrize("slug", TREATMENTS)
def test_the_clinics_role_is_stated_once_and_never_contradicted(client, demo, slug):
    text = main_part(page(client, demo[slug]))
    offer = text[text.index('id="clinic-offer-heading"') :]
    offer = offer[: offer.index("</section>")]
    assert len(re.findall(r"<p[ >]", offer)) >= 1
    assert "outside clinical trials" not in text
    assert "fuera de los ensayos clínicos" not in text
    if slug.startswith("stem"):
        assert text.count("No. Our clinic does not provide this treatment.") == 1


@pytest.mark.parametrize("slug", TREATMENTS)
def test_no_date_is_shown_that_nobody_checked(client, demo, slug):
    article = demo[slug]
    assert article.regulatory_checked_on is None
    html = main_part(page(client, article))
    assert "Last checked on" not in html
    assert "25 November 2026" not in html
    # The only dates are the page's own record: when its text last changed.
    dates = set(re.findall(r'<time datetime="([0-9-]+)"', html))
    # Shown in the clinic's time zone, as the page does (not the UTC date).
    assert dates == {timezone.localdate(article.content_changed_at).isoformat()}


@pytest.mark.parametrize("slug", SPANISH)
def test_a_spanish_page_has_no_english_sentence_outside_lang_en(client, demo, slug):
    html = main_part(page(client, demo[slug]))
    for _ in range(3):  # nested elements: the innermost first
        html = re.sub(r'<(\w+)[^>]*\blang="en"[^>]*>(?:(?!<\1[ >]).)*?</\1>', " ", html, flags=re.S)
    text = html_lib.unescape(
        re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))
    )
    sentences = re.split(r"(?<=[.!?:])\s+", " ".join(text.split()))
    english = [
        s for s in sentences if len(ENGLISH_ONLY & set(re.findall(r"[a-z]+", s.lower()))) >= 2
    ]
    assert english == []


def json_ld(html):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(found[1])


@pytest.mark.parametrize(
    ("slug", "sign", "treatment"),
    [
        (
            "amyotrophic-lateral-sclerosis",
            "stiff or tight muscles (doctors call this spasticity)",
            "Stem cell therapy for ALS",
        ),
        (
            "esclerosis-lateral-amiotrofica",
            None,
            "Terapia con células madre para la ELA",
        ),
    ],
)
def test_the_condition_pages_structured_data_names_signs_and_possible_treatments(
    client, demo, slug, sign, treatment
):
    data = json_ld(page(client, demo[slug]))
    assert data["@type"] == "MedicalWebPage"
    about = data["about"]
    assert about["@type"] == "MedicalCondition"
    signs = [s["name"] for s in about["signOrSymptom"]]
    assert all(s["@type"] == "MedicalSignOrSymptom" for s in about["signOrSymptom"])
    assert len(signs) >= 6
    if sign:
        assert sign in signs
    assert [t["name"] for t in about["possibleTreatment"]] == [treatment]
    assert all(c["@type"] == "ScholarlyArticle" and c["headline"] for c in data["citation"])
    assert len(data["citation"]) == 8


def test_the_treatment_pages_structured_data_gives_its_legal_status(client, demo):
    data = json_ld(page(client, demo["stem-cell-therapy-for-als"]))
    status = data["about"]["legalStatus"]
    assert status["@type"] == "DrugLegalStatus"
    assert status["applicableLocation"]["@type"] == "AdministrativeArea"
    assert status["url"].startswith("https://www.fda.gov/")
    assert len(data["citation"]) == 5
