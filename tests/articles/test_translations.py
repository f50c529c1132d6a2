"""Articles as data per language: a Spanish version is its own row, linked to the English by
its translation key, and every public page shows only its own language's rows."""

import datetime
import json
import re

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article
from articles.search import SEARCH_CONFIGS, STOP_WORDS
from articles.text.glossary import GLOSSARIES
from clinic.languages import Language
from tests.factories import (
    ArticleCitationFactory,
    ArticleFactory,
    CitationFactory,
    ReviewFactory,
    StaffFactory,
    translation_of,
)
from tests.signing_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def als(db):
    """The ALS page in English and in Spanish, and a treatment in English only."""
    english = ArticleFactory(title="Amyotrophic lateral sclerosis", slug="als", featured=True)
    spanish = translation_of(
        english, title="Esclerosis lateral amiotrófica", slug="ela", featured=True
    )
    return english, spanish


def test_a_translation_is_a_row_of_its_own_sharing_the_translation_key(als):
    english, spanish = als

    assert english.pk != spanish.pk
    assert english.translation_key == spanish.translation_key
    assert (english.language, spanish.language) == ("en", "es")
    assert english.published_translations["es"].slug == "ela"
    assert spanish.published_translations["en"].slug == "als"
    assert [version.pk for version in english.translations()] == [spanish.pk]
    assert english.missing_languages() == []
    assert ArticleFactory().missing_languages() == [Article.Language.SPANISH]


def test_a_slug_is_unique_within_its_language_only(als):
    # The Spanish version of another page may keep its English slug.
    other = ArticleFactory(slug="stroke")
    translation_of(other, slug="stroke")

    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="als")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="ela", language="es")


def test_a_page_has_one_version_a_language(als):
    english, _spanish = als

    with pytest.raises(IntegrityError), transaction.atomic():
        translation_of(english, slug="otra-ela")


def test_the_database_refuses_an_unknown_language(als):
    english, _spanish = als

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=english.pk).update(language="fr")


def test_each_version_has_its_page_at_its_own_languages_address(client, als):
    english, spanish = als

    assert english.get_absolute_url() == "/conditions/als/"
    assert spanish.get_absolute_url() == "/es/condiciones/ela/"
    assert "Esclerosis lateral amiotrófica" in client.get("/es/condiciones/ela/").content.decode()
    # Never one language's row at the other's address (nor the other's chrome around it).
    assert client.get("/es/condiciones/als/").status_code == 404
    assert client.get("/conditions/ela/").status_code == 404


def test_lists_home_and_a_to_z_show_only_the_pages_language(client, monkeypatch, als, committed):
    ArticleFactory(title="Ataxia", slug="ataxia")

    english_list = client.get("/conditions/").content.decode()
    spanish_list = client.get("/es/condiciones/").content.decode()
    assert 'href="/conditions/als/"' in english_list
    assert 'href="/conditions/ataxia/"' in english_list
    assert "/es/condiciones/ela/" not in english_list
    assert 'href="/es/condiciones/ela/"' in spanish_list
    assert "ataxia" not in spanish_list
    assert "1 enfermedad o afección." in spanish_list
    assert 'href="/es/condiciones/ela/"' in client.get("/es/").content.decode()
    assert "/es/condiciones/ela/" not in client.get("/").content.decode()
    with committed():
        translation_of(ArticleFactory(title="Stroke"), title="Ictus", slug="ictus")
    monkeypatch.setattr("articles.views.LIST_PAGE_SIZE", 1)
    index = client.get("/es/condiciones/").content.decode()
    assert 'href="/es/condiciones/letra/e/"' in index
    assert 'href="/es/condiciones/letra/i/"' in index
    assert 'href="/es/condiciones/letra/a/"' not in index
    assert client.get("/es/condiciones/letra/a/").status_code == 404


def test_related_pages_are_those_in_the_pages_language(client, als):
    english, spanish = als
    treatment = ArticleFactory(treatment=True, title="Riluzole", slug="riluzole")
    tratamiento = translation_of(treatment, title="Riluzol", slug="riluzol")
    english.related.add(treatment)
    spanish.related.add(tratamiento)
    # An editor's slip: a Spanish page related to an English one.
    spanish.related.add(ArticleFactory(treatment=True, title="Edaravone", slug="edaravone"))

    html = client.get("/es/condiciones/ela/").content.decode()

    assert 'href="/es/tratamientos/riluzol/"' in html
    assert "Edaravone" not in html
    assert "Riluzol</a>" in html
    assert "/treatments/riluzole/" not in html


def test_a_draft_or_scheduled_translation_stays_hidden(client, db):
    english = ArticleFactory(title="Ataxia", slug="ataxia")
    spanish = translation_of(english, title="Ataxia (es)", slug="ataxia", draft=True)

    assert client.get("/es/condiciones/ataxia/").status_code == 404
    assert "language-switcher__note" in client.get("/conditions/ataxia/").content.decode()
    spanish.publish(when=timezone.now() + datetime.timedelta(days=1))
    assert client.get("/es/condiciones/ataxia/").status_code == 404
    assert 'href="/es/condiciones/"' in client.get("/conditions/ataxia/").content.decode()


def test_an_editor_previews_a_draft_translation_at_its_own_address(client, db):
    from django.contrib.auth.models import Permission

    english = ArticleFactory(slug="ataxia")
    translation_of(english, title="Ataxia en borrador", slug="ataxia", draft=True)
    editor = StaffFactory()
    editor.user_permissions.add(Permission.objects.get(codename="change_article"))
    sign_in(client, editor)

    html = client.get("/es/condiciones/ataxia/").content.decode()
    assert "Ataxia en borrador" in html
    assert "Vista previa del borrador." in html
    assert "Ataxia en borrador" not in client.get("/conditions/ataxia/").content.decode()


def test_versions_are_published_and_reviewed_on_their_own(client, als):
    english, spanish = als
    spanish.unpublish()
    ReviewFactory(article=english)

    spanish.refresh_from_db()
    assert spanish.status == Article.Status.DRAFT
    assert english.status == Article.Status.PUBLISHED
    assert english.review_status.current
    assert spanish.review_status.review is None
    assert client.get("/conditions/als/").status_code == 200
    assert client.get("/es/condiciones/ela/").status_code == 404


def test_a_translation_awaits_review_until_its_own_review_is_recorded(client, als, committed):
    english, spanish = als
    ReviewFactory(article=english)
    note = "Esta es una traducción de nuestra página en inglés que un revisor médico aún no"

    assert note in client.get("/es/condiciones/ela/").content.decode()
    assert list(Article.objects.translations_awaiting_review()) == [spanish]
    with committed():
        ReviewFactory(article=spanish)
    assert note not in client.get("/es/condiciones/ela/").content.decode()
    assert list(Article.objects.translations_awaiting_review()) == []
    # An English page is an original: never "a translation", reviewed or not.
    with committed():
        english.reviews.all().delete()
    assert "translation of our English page" not in client.get("/conditions/als/").content.decode()


def test_citations_are_shared_and_their_editors_words_marked_english(client, als):
    english, spanish = als
    study = CitationFactory(
        title="Riluzole in ALS",
        key_finding="People lived a little longer.",
        follow_up="1 year",
        harms="None reported.",
    )
    ArticleCitationFactory(article=english, citation=study, order=1)
    ArticleCitationFactory(article=spanish, citation=study, order=1)

    html = client.get("/es/condiciones/ela/").content.decode()

    assert english.references == spanish.references == [study]
    assert "Riluzole in ALS" in html  # the study's own title, in its language
    assert '<span lang="en">People lived a little longer.</span>' in html
    assert 'Seguimiento: <span lang="en">1 year</span>' in html
    assert '<span lang="en">None reported.</span>' in html
    english_page = client.get("/conditions/als/").content.decode()
    assert "<strong>Key finding:</strong> People lived a little longer.</p>" in english_page


def alternates(html):
    return re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)


def test_hreflang_links_name_both_versions_and_english_as_x_default(client, settings, als):
    settings.SITE_URL = "https://clinic.example"
    expected = [
        ("en", "https://clinic.example/conditions/als/"),
        ("es", "https://clinic.example/es/condiciones/ela/"),
        ("x-default", "https://clinic.example/conditions/als/"),
    ]

    assert alternates(client.get("/conditions/als/").content.decode()) == expected
    assert alternates(client.get("/es/condiciones/ela/").content.decode()) == expected


@pytest.mark.parametrize(
    ("english", "spanish"),
    [
        ("/", "/es/"),
        ("/conditions/", "/es/condiciones/"),
        ("/treatments/", "/es/tratamientos/"),
        ("/search/", "/es/buscar/"),
        ("/contact/", "/es/contacto/"),
        ("/privacy/", "/es/privacidad/"),
    ],
)
def test_every_fixed_page_has_hreflang_links(client, settings, db, english, spanish):
    settings.SITE_URL = "https://clinic.example"
    expected = [
        ("en", f"https://clinic.example{english}"),
        ("es", f"https://clinic.example{spanish}"),
        ("x-default", f"https://clinic.example{english}"),
    ]

    assert alternates(client.get(english).content.decode()) == expected
    assert alternates(client.get(spanish).content.decode()) == expected


def test_a_letter_page_switches_to_the_same_letter_only_where_that_language_has_it(
    client, monkeypatch, db
):
    ataxia = ArticleFactory(title="Ataxia", slug="ataxia")
    ArticleFactory(title="Bell's palsy", slug="bells-palsy")
    translation_of(ataxia, title="Ataxia cerebelosa", slug="ataxia")
    translation_of(ArticleFactory(title="Stroke"), title="Ictus", slug="ictus")
    monkeypatch.setattr("articles.views.LIST_PAGE_SIZE", 1)

    a = client.get("/conditions/letter/a/").content.decode()
    b = client.get("/conditions/letter/b/").content.decode()

    assert 'href="/es/condiciones/letra/a/" hreflang="es"' in a
    assert [code for code, _url in alternates(a)] == ["en", "es", "x-default"]
    assert 'href="/es/condiciones/" hreflang="es"' in b
    assert "Esta página aún no está disponible en español." in b
    assert alternates(b) == []
    # And back: the Spanish "I" has no English page.
    i = client.get("/es/condiciones/letra/i/").content.decode()
    assert 'href="/conditions/" hreflang="en"' in i
    assert "This page is not yet available in English." in i


def test_no_hreflang_links_for_a_page_in_one_language_or_a_missing_page(client, als):
    ArticleFactory(slug="ataxia")

    assert alternates(client.get("/conditions/ataxia/").content.decode()) == []
    assert alternates(client.get("/no-such-page/").content.decode()) == []
    assert alternates(client.get("/es/no-existe/").content.decode()) == []


def test_the_sitemap_lists_every_version_with_its_alternates(client, settings, als):
    settings.SITE_URL = "https://clinic.example"
    ArticleFactory(slug="ataxia")
    sitemap = client.get("/sitemap.xml").content.decode()
    urls = dict(re.findall(r"<url><loc>([^<]+)</loc>(.*?)</url>", sitemap, re.S))

    link = '<xhtml:link rel="alternate" hreflang="{}" href="https://clinic.example{}"/>'
    versions = [("en", "/conditions/als/"), ("es", "/es/condiciones/ela/")]
    both = "".join(link.format(code, path) for code, path in versions)
    both += link.format("x-default", "/conditions/als/")
    assert both in urls["https://clinic.example/conditions/als/"]
    assert both in urls["https://clinic.example/es/condiciones/ela/"]
    assert "xhtml:link" not in urls["https://clinic.example/conditions/ataxia/"]
    # The fixed pages in both languages, each with its alternates.
    home = link.format("en", "/") + link.format("es", "/es/") + link.format("x-default", "/")
    assert home in urls["https://clinic.example/es/"]
    assert home in urls["https://clinic.example/"]
    assert "https://clinic.example/es/condiciones/" in urls


def test_each_language_has_its_feed(client, settings, als):
    settings.SITE_URL = "https://clinic.example"

    english = client.get("/feed/").content.decode()
    spanish = client.get("/es/feed/").content.decode()

    assert "<language>en</language>" in english
    assert "<language>es</language>" in spanish
    assert "<link>https://clinic.example/conditions/als/</link>" in english
    assert "/es/condiciones/ela/" not in english
    assert "<link>https://clinic.example/es/condiciones/ela/</link>" in spanish
    assert "/conditions/als/" not in spanish
    assert ": biblioteca de salud</title>" in spanish
    assert 'href="/es/feed/"' in client.get("/es/").content.decode()
    assert 'href="/feed/"' in client.get("/").content.decode()


def structured_data(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])


def test_structured_data_says_the_pages_language(client, als):
    assert structured_data(client.get("/es/condiciones/ela/").content.decode())["inLanguage"] == (
        "es"
    )
    assert structured_data(client.get("/conditions/als/").content.decode())["inLanguage"] == "en"


def test_the_contact_forms_topics_are_the_pages_language(client, als):
    selected = re.compile(r"<option [^>]*selected>([^<]*)</option>")
    spanish = client.get("/es/contacto/?topic=ela").content.decode()

    assert selected.findall(spanish) == ["Esclerosis lateral amiotrófica"]
    assert "Amyotrophic lateral sclerosis</option>" not in spanish
    # An English page's slug is not a Spanish topic: nothing chosen.
    assert selected.findall(client.get("/es/contacto/?topic=als").content.decode()) == [
        "Otro tema, o no lo sé"
    ]
    english = client.get("/contact/?topic=als").content.decode()
    assert selected.findall(english) == ["Amyotrophic lateral sclerosis"]


def test_every_site_language_is_a_language_articles_and_searches_know():
    codes = [code for code, _name in settings.LANGUAGES]

    assert Language.values == codes
    assert sorted(SEARCH_CONFIGS) == sorted(STOP_WORDS) == sorted(codes)
    assert sorted(GLOSSARIES) == sorted(codes)
