"""English at today's URLs, Spanish under /es/ in Spanish words: the URL alone decides."""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.utils import translation

from clinic.models import SiteSettings
from clinic.views import server_error
from tests.factories import (
    ArticleCitationFactory,
    ArticleFactory,
    CitationFactory,
    ReviewFactory,
    contact_form_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    condition = ArticleFactory(
        title="Amyotrophic lateral sclerosis (ALS)",
        slug="als",
        also_known_as="Lou Gehrig's disease",
    )
    ReviewFactory(article=condition, reviewed_on=datetime.date(2025, 3, 5))
    treatment = ArticleFactory(
        treatment=True, title="Stem cell therapy for ALS", slug="stem-cell-therapy"
    )
    condition.related.add(treatment)
    pilot = CitationFactory(study_design="pilot", participants=10)
    ArticleCitationFactory(article=condition, citation=pilot, order=1)
    # Their Spanish versions: rows of their own, linked by the translation key.
    condition_es = ArticleFactory(
        title="Esclerosis lateral amiotrófica (ELA)",
        slug="ela",
        language="es",
        translation_key=condition.translation_key,
        also_known_as="Enfermedad de Lou Gehrig",
    )
    ReviewFactory(article=condition_es, reviewed_on=datetime.date(2025, 3, 5))
    treatment_es = ArticleFactory(
        treatment=True,
        title="Terapia con células madre para la ELA",
        slug="terapia-con-celulas-madre",
        language="es",
        translation_key=treatment.translation_key,
    )
    condition_es.related.add(treatment_es)
    ArticleCitationFactory(article=condition_es, citation=pilot, order=1)
    return condition, treatment


def lang_of(html):
    return re.search(r'<html lang="([^"]+)">', html)[1]


# Each public page type in both languages, with words only its Spanish page has.
PAGES = [
    ("/", "/es/", "Hable con un coordinador de atención"),
    ("/conditions/", "/es/condiciones/", "1 enfermedad o afección."),
    ("/treatments/", "/es/tratamientos/", "1 tratamiento."),
    ("/conditions/letter/a/", "/es/condiciones/letra/e/", "1 con la letra E"),
    ("/treatments/letter/s/", "/es/tratamientos/letra/t/", "1 con la letra T"),
    ("/conditions/als/", "/es/condiciones/ela/", "Lo que citamos"),
    (
        "/treatments/stem-cell-therapy/",
        "/es/tratamientos/terapia-con-celulas-madre/",
        "Estado de aprobación",
    ),
    ("/search/", "/es/buscar/", "Busque enfermedades, afecciones y tratamientos"),
    ("/search/?q=zebra", "/es/buscar/?q=zebra", "No hay resultados para"),
    ("/contact/", "/es/contacto/", "Este formulario no es para emergencias."),
    ("/privacy/", "/es/privacidad/", "Usamos los datos que nos envía"),
]


@pytest.mark.parametrize(("english", "spanish", "words"), PAGES)
def test_every_public_page_type_answers_in_spanish_under_es(
    client, library, english, spanish, words
):
    response = client.get(spanish)

    assert response.status_code == 200
    html = response.content.decode()
    assert lang_of(html) == "es"
    assert response["Content-Language"] == "es"
    assert words in html
    assert "Saltar al contenido principal" in html
    assert "Skip to main content" not in html


@pytest.mark.parametrize(("english", "spanish", "words"), PAGES)
def test_english_pages_stay_at_their_urls_in_english(client, library, english, spanish, words):
    # A Spanish-speaking browser, even one that chose Spanish before: the URL decides.
    response = client.get(
        english, headers={"accept-language": "es-MX,es;q=0.9"}, cookies={"django_language": "es"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert lang_of(html) == "en"
    assert response["Content-Language"] == "en"
    assert words not in html
    assert "Skip to main content" in html
    # Nothing in the page depends on the browser's language, so caches need not keep a copy
    # per language.
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize(
    ("form", "thanks", "words"),
    [
        ("/contact/", "/contact/thanks/", "Thank you, we have your request"),
        ("/es/contacto/", "/es/contacto/gracias/", "Gracias, recibimos su solicitud"),
    ],
)
def test_the_thanks_page_after_a_request_speaks_the_form_s_language(
    client, library, form, thanks, words
):
    assert client.post(form, contact_form_data())["Location"] == thanks
    response = client.get(thanks)
    assert response.status_code == 200
    assert words in response.content.decode()


def test_the_home_page_never_sends_a_spanish_browser_to_es(client, db):
    response = client.get("/", headers={"accept-language": "es"})

    assert response.status_code == 200
    assert lang_of(response.content.decode()) == "en"


def test_paths_exist_only_in_their_own_language(client, library):
    assert client.get("/condiciones/als/").status_code == 404
    assert client.get("/es/conditions/als/").status_code == 404
    assert client.get("/en/conditions/als/").status_code == 404
    # A Spanish path without its slash gets one, in Spanish.
    response = client.get("/es/contacto")
    assert response.status_code == 301
    assert response["Location"] == "/es/contacto/"


def test_the_sitemap_robots_health_check_and_admin_have_one_address(client, library):
    for path in ["/sitemap.xml", "/robots.txt", "/healthz"]:
        assert client.get(path).status_code == 200, path
        assert client.get(f"/es{path}").status_code == 404, path
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/es/admin/login/").status_code == 404


def test_robots_txt_keeps_crawlers_out_of_the_form_and_search_in_every_language(client, db):
    robots = client.get("/robots.txt").content.decode()

    for path in ["/contact/", "/search/", "/es/contacto/", "/es/buscar/"]:
        assert f"Disallow: {path}\n" in robots


def test_spanish_pages_link_to_spanish_pages(client, library):
    html = client.get("/es/").content.decode()

    for path in ["/es/condiciones/", "/es/tratamientos/", "/es/buscar/", "/es/contacto/"]:
        assert f'href="{path}"' in html
    assert 'href="/es/privacidad/"' in html
    assert 'href="/es/condiciones/ela/"' in html
    assert 'action="/es/buscar/"' in html
    # The wrong kind's path redirects within the language.
    response = client.get("/es/tratamientos/ela/")
    assert response.status_code == 301
    assert response["Location"] == "/es/condiciones/ela/"


def test_the_a_to_z_index_links_to_spanish_letter_pages(client, monkeypatch, library):
    ArticleFactory.create_batch(3, title="Ataxia", language="es")
    # Two cards a page: four conditions make an A-Z index, and "A" a second page.
    monkeypatch.setattr("articles.views.LIST_PAGE_SIZE", 2)
    html = client.get("/es/condiciones/").content.decode()

    assert "4 enfermedades y afecciones de la A a la Z" in html
    assert 'href="/es/condiciones/letra/a/"' in html
    assert 'href="/es/condiciones/letra/a/2/"' in html
    page_two = client.get("/es/condiciones/letra/a/2/")
    assert page_two.status_code == 200
    assert "página 2 de 2" in page_two.content.decode()


def switcher(html):
    """The language switcher's links: [(href, hreflang, lang, text, note)]."""
    block = re.search(r'<p class="language-switcher">(.*?)</p>', html, re.S)
    assert block, "no language switcher"
    links = re.findall(
        r'<a class="language-switcher__link" href="([^"]*)" hreflang="(\w+)" lang="(\w+)"'
        r'[^>]*>([^<]+)</a>(?: <span class="language-switcher__note" id="[\w-]+" '
        r'lang="\w+">([^<]+)</span>)?',
        block[1],
    )
    return links


@pytest.mark.parametrize(
    ("page", "other"),
    [
        ("/", "/es/"),
        ("/conditions/", "/es/condiciones/"),
        ("/search/?q=stem+cell", "/es/buscar/?q=stem+cell"),
        ("/contact/?topic=als", "/es/contacto/?topic=als"),
        ("/privacy/", "/es/privacidad/"),
    ],
)
def test_the_switcher_goes_to_the_same_page_in_the_other_language(client, library, page, other):
    assert switcher(client.get(page).content.decode()) == [(other, "es", "es", "Español", "")]
    assert switcher(client.get(other).content.decode()) == [(page, "en", "en", "English", "")]


def test_an_article_without_a_spanish_version_offers_the_spanish_list_saying_so(client, db):
    ArticleFactory(title="Ataxia", slug="ataxia")
    ArticleFactory(treatment=True, slug="physiotherapy")

    html = client.get("/conditions/ataxia/").content.decode()

    assert switcher(html) == [
        (
            "/es/condiciones/",
            "es",
            "es",
            "Español",
            "Esta página aún no está disponible en español.",
        )
    ]
    assert 'aria-describedby="language-note-es"' in html
    treatment = client.get("/treatments/physiotherapy/").content.decode()
    assert switcher(treatment)[0][0] == "/es/tratamientos/"


def test_an_article_and_its_translation_switch_to_each_other(client, library):
    english = client.get("/conditions/als/").content.decode()
    spanish = client.get("/es/condiciones/ela/").content.decode()

    assert switcher(english) == [("/es/condiciones/ela/", "es", "es", "Español", "")]
    assert switcher(spanish) == [("/conditions/als/", "en", "en", "English", "")]
    # Each in its own language: nothing marked as another language's words.
    assert "<h1>Esclerosis lateral amiotrófica (ELA)</h1>" in spanish
    assert "<h1>Amyotrophic lateral sclerosis (ALS)</h1>" in english


def test_a_missing_page_under_es_is_a_spanish_404_offering_the_english_home(client, db):
    response = client.get("/es/no-existe/")

    assert response.status_code == 404
    html = response.content.decode()
    assert lang_of(html) == "es"
    assert "No encontramos esa página" in html
    assert 'href="/es/buscar/"' in html
    assert switcher(html) == [("/", "en", "en", "English", "")]
    english = client.get("/no-such-page/").content.decode()
    assert "We could not find that page" in english


def test_the_error_pages_speak_the_pages_language(db):
    request = RequestFactory().get("/es/contacto/")
    with translation.override("es"):
        html = server_error(request).content.decode()

    assert lang_of(html) == "es"
    assert "Lo sentimos, algo salió mal de nuestro lado" in html
    assert 'href="/es/"' in html


def test_dates_and_words_of_the_article_page_in_spanish(client, library):
    spanish = client.get("/es/condiciones/ela/").content.decode()
    english = client.get("/conditions/als/").content.decode()

    assert '<time datetime="2025-03-05">5 de marzo de 2025</time>' in spanish
    assert '<time datetime="2025-03-05">5 March 2025</time>' in english
    assert "Citamos 1 estudio." in spanish
    assert "Otros estudios: 1 (estudio piloto de un solo grupo), con 10 participantes." in spanish
    assert "1 study cited." in english
    assert "Other studies: 1 (single-group pilot study), with 10 participants." in english
    assert "Otros nombres: Enfermedad de Lou Gehrig" in spanish
    assert "Esta página es solo información general y no es un consejo médico." in spanish


def test_the_page_cache_keeps_each_language_apart(client, library, django_assert_num_queries):
    SiteSettings.load()  # created on first use, which is a change of content
    english = client.get("/conditions/")
    spanish = client.get("/es/condiciones/")

    with django_assert_num_queries(0):
        english_again = client.get("/conditions/")
        spanish_again = client.get("/es/condiciones/")
    assert english_again.content == english.content
    assert spanish_again.content == spanish.content
    assert lang_of(spanish_again.content.decode()) == "es"
    assert english["ETag"] != spanish["ETag"]
    # One language's ETag never passes for the other's page.
    response = client.get("/es/condiciones/", headers={"if-none-match": english["ETag"]})
    assert response.status_code == 200
    assert (
        client.get("/es/condiciones/", headers={"if-none-match": spanish["ETag"]}).status_code
        == 304
    )


def test_the_switcher_on_a_path_naming_another_host_links_to_this_site(client, db):
    """gunicorn hands such a request line's path to Django as is (the test client and
    Python's own server would read a host in it, or collapse the slashes): PATH_INFO."""
    response = client.get("/", PATH_INFO="//evil.example/contact/")

    assert response.status_code == 404
    html = response.content.decode()
    assert [href for href in re.findall(r'href="([^"]*)"', html) if "evil" in href] == []
    assert switcher(html) == [("/es/", "es", "es", "Español", "")]
