"""The citation admin's "Fetch details": the form filled from Crossref and PubMed, through
the real admin and the real client, against recorded responses on a local server."""

import pytest
from django.conf import settings

from articles.models import Citation
from tests.factories import CitationFactory

pytestmark = pytest.mark.django_db

ADD = f"/{settings.ADMIN_PATH}articles/citation/add/"
EMPTY_FORM = {
    "doi": "",
    "pmid": "",
    "url": "",
    "registration": "",
    "authors": "",
    "title": "",
    "journal": "",
    "year": "",
    "volume": "",
    "issue": "",
    "pages": "",
    "study_design": "",
    "participants": "",
    "key_finding": "",
}
CUDKOWICZ_AUTHORS = "Cudkowicz ME, Lindborg SR, Goyal NA, Miller RG, Burford MJ, Berry JD, et al."
CUDKOWICZ_TITLE = (
    "A randomized placebo-controlled phase 3 study of mesenchymal stem cells induced to "
    "secrete high levels of neurotrophic factors in amyotrophic lateral sclerosis"
)


def fetch(client, page=ADD, *, replace=False, **values):
    """Press "Fetch details" (or "..., replacing my values") on the form with ``values``."""
    return client.post(page, {**EMPTY_FORM, **values, "_fetch": "replace" if replace else "empty"})


def form_values(response):
    form = response.context["adminform"].form
    return {name: str(form[name].value() or "") for name in EMPTY_FORM}


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_a_doi_fills_the_form_from_pubmed_and_crossref_and_the_editor_saves_it(
    editor_client, literature
):
    response = fetch(editor_client, doi="https://doi.org/10.1002/mus.27472")

    assert response.status_code == 200
    values = form_values(response)
    assert values == {
        **EMPTY_FORM,
        "doi": "10.1002/mus.27472",
        "pmid": "34890069",
        "authors": CUDKOWICZ_AUTHORS,
        "title": CUDKOWICZ_TITLE,
        "journal": "Muscle Nerve",  # PubMed's abbreviation, not Crossref's "Muscle & Nerve"
        "year": "2022",
        "volume": "65",
        "issue": "3",
        "pages": "291-302",
    }
    assert messages_of(response) == [
        "Filled from PubMed (PMID 34890069): authors, title, journal, year, volume, issue, "
        "pages, pmid."
    ]
    assert not Citation.objects.exists(), "fetching saves nothing"

    saved = editor_client.post(ADD, {**values, "study_design": "rct", "_save": "Save"})

    assert saved.status_code == 302
    citation = Citation.objects.get()
    assert citation.vancouver() == (
        f"{CUDKOWICZ_AUTHORS.removesuffix('.')}. {CUDKOWICZ_TITLE}. Muscle Nerve. "
        "2022;65(3):291-302."
    )


def test_the_requests_say_who_is_asking(editor_client, literature):
    fetch(editor_client, doi="10.1002/mus.27472")

    paths = [path for path, _, _ in literature.requests]
    assert paths == ["/eutils/esearch.fcgi", "/eutils/efetch.fcgi", "/works/10.1002%2Fmus.27472"]
    for path, query, headers in literature.requests:
        assert "mailto:editors@clinic.example" in headers["User-Agent"]
        if path.startswith("/eutils/"):
            assert query["tool"] == "clinic-website"
            assert query["email"] == "editors@clinic.example"
    assert literature.requests[0][1]["term"] == '"10.1002/mus.27472"[doi]'


def test_a_pmid_of_a_retracted_paper_fills_the_form_and_shows_the_retraction(
    editor_client, literature
):
    response = fetch(editor_client, pmid="9500320")

    values = form_values(response)
    assert values["authors"] == (
        "Wakefield AJ, Murch SH, Anthony A, Linnell J, Casson DM, Malik M, et al."
    )
    assert values["title"] == (
        "Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive "
        "developmental disorder in children"
    )
    assert (values["journal"], values["year"], values["volume"], values["issue"]) == (
        "Lancet",
        "1998",
        "351",
        "9103",
    )
    assert values["pages"] == "637-41"
    assert values["doi"] == "10.1016/s0140-6736(97)11096-0"  # the other identifier
    html = response.content.decode()
    assert "Crossref or PubMed record a notice against this study" in html
    # PubMed's link to the retraction notice, Crossref's from Retraction Watch, and the
    # 2004 correction Crossref also records.
    assert "Retraction: Lancet. 2010 Feb 6;375(9713):445." in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/20137807/"' in html
    assert "(Crossref, from Retraction Watch, 2010-02-06)" in html
    assert 'href="https://doi.org/10.1016/s0140-6736(10)60175-4"' in html
    correction = "Correction (Crossref, from Retraction Watch, 2004-03-06)"
    assert f"<strong>Correction</strong>: {correction}" in html
    # The commentary PubMed links to is not a notice.
    assert "9500313" not in html


def test_a_real_crossref_record_not_in_pubmed_fills_what_crossref_gives(editor_client, literature):
    response = fetch(editor_client, doi="10.1371/journal.pone.0033693")

    assert form_values(response) == {
        **EMPTY_FORM,
        "doi": "10.1371/journal.pone.0033693",
        "authors": "Sadasivan S, Pond BB, Pani AK, Qu C, Jiao Y, Smeyne RJ",
        "title": "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of "
        "Microglia in the Basal Ganglia of Mice",
        "journal": "PLoS ONE",
        "year": "2012",
        "volume": "7",
        "issue": "3",
        "pages": "e33693",
    }
    shown = messages_of(response)
    assert (
        "PubMed has no record with the DOI 10.1371/journal.pone.0033693. "
        "Nothing was filled from PubMed."
    ) in shown
    assert (
        "Filled from Crossref (DOI 10.1371/journal.pone.0033693): authors, title, journal, "
        "year, volume, issue, pages."
    ) in shown
    html = response.content.decode()
    assert "<strong>Correction</strong>: Correction (Crossref, 2012-05-08)" in html
    assert 'href="https://doi.org/10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda"' in html


def test_a_real_pubmed_record_whose_doi_crossref_does_not_know(editor_client, literature):
    response = fetch(editor_client, pmid="29963580")

    values = form_values(response)
    assert values["authors"] == (
        "Guo F, Capaldi D, Kirby M, Sheikh K, Svenningsen S, McCormack DG, et al."
    )
    assert values["journal"] == "J Med Imaging (Bellingham)"
    assert (values["year"], values["volume"], values["issue"], values["pages"]) == (
        "2018",
        "5",
        "2",
        "026002",
    )
    assert values["doi"] == "10.1117/1.JMI.5.2.026002"
    assert (
        "Crossref has no record of the DOI 10.1117/1.JMI.5.2.026002. "
        "Nothing was filled from Crossref."
    ) in messages_of(response)


def test_what_the_editor_typed_is_kept_unless_they_ask_to_replace_it(editor_client, literature):
    citation = CitationFactory(
        doi="", pmid="34890069", title="My own title", journal="", volume="", issue="", pages=""
    )
    page = f"/{settings.ADMIN_PATH}articles/citation/{citation.pk}/change/"
    typed = {
        **form_values(editor_client.get(page)),
        "title": "My edited title",  # typed, not saved yet
    }

    kept = fetch(editor_client, page, **typed)

    values = form_values(kept)
    assert values["title"] == "My edited title"
    assert values["authors"] == "Smith J, Jones K"  # the factory's, not PubMed's
    assert (values["journal"], values["pages"]) == ("Muscle Nerve", "291-302")
    html = kept.content.decode()
    assert f"title: the records give “{CUDKOWICZ_TITLE}”" in html
    assert "authors: the records give “Cudkowicz ME" in html

    replaced = fetch(editor_client, page, replace=True, **typed)

    values = form_values(replaced)
    assert (values["title"], values["authors"]) == (CUDKOWICZ_TITLE, CUDKOWICZ_AUTHORS)
    assert "title: was “My edited title”" in replaced.content.decode()
    citation.refresh_from_db()
    assert (citation.title, citation.journal) == ("My own title", ""), "nothing saved"


def test_an_unknown_identifier_says_so_and_keeps_the_form(editor_client, literature):
    response = fetch(editor_client, pmid="1", title="Draft title")

    assert messages_of(response) == [
        "PubMed has no record of the PMID 1. Nothing was filled from PubMed."
    ]
    assert form_values(response) == {**EMPTY_FORM, "pmid": "1", "title": "Draft title"}

    response = fetch(editor_client, doi="10.1000/no-such-paper")

    assert messages_of(response) == [
        "PubMed has no record with the DOI 10.1000/no-such-paper. Nothing was filled from PubMed.",
        "Crossref has no record of the DOI 10.1000/no-such-paper. Nothing was filled from "
        "Crossref.",
    ]


def test_a_service_that_is_down_loses_nothing_the_editor_typed(editor_client, literature):
    literature.stop()

    response = fetch(editor_client, doi="10.1002/mus.27472", title="Draft title", year="2022")

    assert response.status_code == 200
    assert messages_of(response) == [
        "PubMed could not be reached. Nothing was filled from PubMed.",
        "Crossref could not be reached. Nothing was filled from Crossref.",
        "What you entered is kept; try “Fetch details” again later.",
    ]
    assert form_values(response) == {
        **EMPTY_FORM,
        "doi": "10.1002/mus.27472",
        "title": "Draft title",
        "year": "2022",
    }
    assert not Citation.objects.exists()


def test_a_service_that_is_too_slow_is_given_up_on(editor_client, literature, settings):
    settings.LITERATURE_TIMEOUT_SECONDS = 0.5
    literature.stalled = True

    response = fetch(editor_client, pmid="34890069")

    assert messages_of(response) == [
        "PubMed did not answer within 0.5 seconds. Nothing was filled from PubMed.",
        "What you entered is kept; try “Fetch details” again later.",
    ]
    assert form_values(response)["pmid"] == "34890069"


def test_a_service_answering_with_an_error_is_reported(editor_client, literature):
    literature.failing_with = 503

    response = fetch(editor_client, pmid="34890069")

    assert messages_of(response)[0] == (
        "PubMed answered with an error (503). Nothing was filled from PubMed."
    )


def test_a_doi_and_a_pmid_of_different_papers_fill_nothing(editor_client, literature):
    response = fetch(editor_client, doi="10.1002/mus.27472", pmid="9500320")

    assert messages_of(response) == [
        "PubMed's record of the PMID 9500320 gives the DOI 10.1016/s0140-6736(97)11096-0, "
        "not 10.1002/mus.27472: the DOI and the PMID are of different papers. Check both. "
        "Nothing was filled."
    ]
    assert form_values(response)["title"] == ""


def test_fetching_needs_an_identifier(editor_client, literature):
    assert messages_of(fetch(editor_client)) == [
        "Enter a DOI or a PMID, then press “Fetch details”."
    ]
    assert messages_of(fetch(editor_client, pmid="PMC123")) == [
        "That is not a DOI (10.xxxx/...) or a PMID (digits): nothing fetched."
    ]
    assert literature.requests == []


def test_the_buttons_are_beside_save(editor_client):
    html = editor_client.get(ADD).content.decode()

    assert 'name="_fetch" value="empty"' in html
    assert 'name="_fetch" value="replace"' in html


def test_only_those_who_may_add_citations_can_fetch(coordinator_client, literature):
    assert fetch(coordinator_client, doi="10.1002/mus.27472").status_code == 403
    assert literature.requests == []


def test_a_doi_with_dot_segments_stays_inside_crossrefs_works(editor_client, literature):
    """Issue 19.12: "10.1234/../../../admin/" must not become GET /admin/ on the host."""
    response = fetch(editor_client, doi="10.1234/../../../admin/")
    assert response.status_code == 200
    paths = [path for path, _, _ in literature.requests]
    assert paths, "the DOI was asked about"
    for path in paths:
        assert path.startswith(("/works/", "/eutils/")), path
    assert "/works/10.1234%2F..%2F..%2F..%2Fadmin%2F" in paths


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("doi", "10.\u0661\u0662\u0663\u0664/abc"),
        ("pmid", "1\u0662\u0663"),
        ("pmid", "12\u0663"),
    ],
)
def test_identifiers_with_non_ascii_digits_are_refused_without_a_request(
    editor_client, literature, field, value
):
    response = fetch(editor_client, **{field: value})
    assert "That is not a DOI (10.xxxx/...) or a PMID (digits)" in " ".join(messages_of(response))
    assert literature.requests == []
    saved = editor_client.post(ADD, {**EMPTY_FORM, "title": "A study", field: value})
    assert saved.status_code == 200
    assert not Citation.objects.exists()
