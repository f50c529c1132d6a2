"""The translation catalogues: complete, in step with the code, compiled by the set-up."""

import gettext
import os
import re
import shutil
import subprocess
import sys

import polib
import pytest
from django.conf import settings

from clinic.management.commands.compile_translations import compile_catalogues

ROOT = settings.BASE_DIR
CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))
# What a translation must keep from its English: %(name)s and {name} placeholders, and the
# HTML tags and their attributes.
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}|<[^>]+>")


def entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def test_each_language_but_english_has_a_catalogue():
    assert [path.relative_to(ROOT).as_posix() for path in CATALOGUES] == [
        f"locale/{code}/LC_MESSAGES/django.po"
        for code, _name in sorted(settings.LANGUAGES)
        if code != settings.LANGUAGE_CODE
    ]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    catalogue = polib.pofile(str(path))

    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
    assert [e.msgid for e in catalogue.obsolete_entries()] == []
    assert "fuzzy" not in catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_translations_keep_the_placeholders_and_the_markup(path):
    wrong = {}
    for entry in entries(path):
        translations = (
            [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        )
        for translation in translations:
            if sorted(PLACEHOLDER.findall(translation)) != sorted(PLACEHOLDER.findall(entry.msgid)):
                wrong[entry.msgid] = translation
    assert wrong == {}


def test_translated_paths_keep_their_shape():
    """URL paths: the words translated, the slashes and the <converter:name> parts kept."""
    for path in CATALOGUES:
        for entry in entries(path):
            if entry.msgid.endswith("/") and " " not in entry.msgid:
                assert re.fullmatch(r"([a-z0-9-]+/|<\w+:\w+>/)+", entry.msgstr), entry.msgstr
                assert re.findall(r"<\w+:\w+>", entry.msgstr) == re.findall(
                    r"<\w+:\w+>", entry.msgid
                )


def test_the_catalogue_has_every_string_of_the_code_in_the_form_makemessages_writes(tmp_path):
    """makemessages on a copy of the code and the catalogue finds exactly the Spanish
    catalogue's entries (a new English string cannot ship without its Spanish, nor a removed
    one linger) and leaves the catalogue as committed: `make messages` on an unchanged tree
    changes nothing."""
    if shutil.which("xgettext") is None:
        reason = "GNU gettext (xgettext) is needed to extract the strings: apt-get install gettext"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    for name in ["manage.py", "clinic", "articles", "inquiries", "templates"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    shutil.copytree(ROOT / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    environment = {**os.environ, "DJANGO_DEBUG": "1"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "es", "--verbosity", "0"],
        cwd=tmp_path,
        env=environment,
        check=True,
        capture_output=True,
        timeout=300,
    )

    extracted = {key(entry) for entry in entries(tmp_path / "locale/es/LC_MESSAGES/django.po")}
    committed = {key(entry) for entry in entries(ROOT / "locale/es/LC_MESSAGES/django.po")}
    assert sorted(extracted - committed, key=str) == [], "not in the catalogue: run makemessages"
    assert sorted(committed - extracted, key=str) == [], "no longer in the code"
    for path in CATALOGUES:
        written = (tmp_path / path.relative_to(ROOT)).read_text(encoding="utf-8")
        assert written == path.read_text(encoding="utf-8"), "not as makemessages writes it"


def test_compile_translations_makes_the_catalogue_django_reads(tmp_path):
    shutil.copytree(ROOT / "locale", tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))

    [mo_path] = compile_catalogues([tmp_path / "locale"])

    assert mo_path == tmp_path / "locale/es/LC_MESSAGES/django.mo"
    with mo_path.open("rb") as compiled:
        spanish = gettext.GNUTranslations(compiled)
    assert spanish.gettext("Skip to main content") == "Saltar al contenido principal"
    assert spanish.ngettext("%(n)s study", "%(n)s studies", 2) == "%(n)s estudios"
    assert spanish.pgettext("navigation", "Main") == "Principal"
    assert spanish.gettext("A string nobody wrote") == "A string nobody wrote"
    assert not list((tmp_path / "locale/es/LC_MESSAGES").glob("*.tmp"))
