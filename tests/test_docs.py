"""The README stays a page a newcomer reads in five minutes, and what it and the code point
at exists: every `make` target and `manage.py` command it names, every page of docs/ it
links (with the heading a link's #anchor names), and every docs page or README section
named in a comment. The docs pages' own links are checked by `make docs` (mkdocs --strict)."""

import re
from pathlib import Path

from django.core.management import get_commands
from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

# What the code may cite: the apps, the tests, and the files that run them.
CITING_FILES = [
    *(
        path
        for folder in ("clinic", "articles", "inquiries", "tests")
        for path in (ROOT / folder).rglob("*.py")
    ),
    ROOT / "Makefile",
    ROOT / ".ci" / "run",
    ROOT / "pyproject.toml",
    *(ROOT / "locale").rglob("*.po"),
]


def code_in(markdown):
    """The text of a Markdown page's code: fenced blocks and `inline code`."""
    fenced = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, flags=re.DOTALL | re.MULTILINE)
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", markdown, flags=re.DOTALL | re.MULTILINE)
    return fenced + re.findall(r"`([^`\n]+)`", prose)


def makefile_targets():
    makefile = (ROOT / "Makefile").read_text()
    targets = set()
    for names in re.findall(r"^([A-Za-z][\w .-]*?)\s*:(?![=])", makefile, flags=re.MULTILINE):
        targets.update(names.split())
    return targets


def headings_of(page):
    """The anchors MkDocs gives a page's headings (Python-Markdown's toc slugify)."""
    text = re.sub(r"^```.*?^```", "", page.read_text(), flags=re.DOTALL | re.MULTILINE)
    titles = re.findall(r"^#{1,6}\s+(.+?)\s*$", text, flags=re.MULTILINE)
    return {slugify(title.replace("`", ""), "-") for title in titles}


def test_readme_is_under_200_lines():
    lines = README.read_text().splitlines()
    assert len(lines) < 200, f"README.md has {len(lines)} lines: move the detail into docs/"


def test_every_make_target_the_readme_names_exists():
    named = {
        target
        for code in code_in(README.read_text())
        for target in re.findall(r"(?<![\w-])make ([a-z][\w-]*)", code)
    }
    assert {"run", "test", "docs"} <= named
    missing = named - makefile_targets()
    assert not missing, f"README.md names make targets the Makefile lacks: {sorted(missing)}"


def test_every_management_command_the_readme_names_exists():
    named = {
        command
        for code in code_in(README.read_text())
        for command in re.findall(r"manage\.py\s+([a-z_]+)", code)
    }
    assert {"create_staff_user", "createsuperuser", "db_worker"} <= named
    missing = named - set(get_commands())
    assert not missing, f"README.md names commands manage.py lacks: {sorted(missing)}"


def test_every_docs_page_the_readme_links_exists_with_its_anchor():
    links = re.findall(r"\]\((docs/[^)\s]+)\)", README.read_text())
    pages = {link.partition("#")[0] for link in links}
    assert {"docs/index.md", "docs/editors.md", "docs/operators/production.md"} <= pages
    for link in links:
        path, _, anchor = link.partition("#")
        target = ROOT / path
        assert target.is_file(), f"README.md links {path}, which does not exist"
        if anchor:
            assert anchor in headings_of(target), f"README.md links {link}: no such heading"


def test_every_docs_page_the_code_names_exists():
    for source in CITING_FILES:
        for path in re.findall(r"\bdocs/[\w/.-]+?\.md\b", source.read_text()):
            assert (ROOT / path).is_file(), f"{source.relative_to(ROOT)} names {path}: no such page"


def test_the_code_names_no_readme_section_that_is_not_there():
    """A comment citing "README: Backups" after the section moved to docs/ sends its reader
    nowhere: each section the code names must be a heading of the README."""
    readme_headings = {
        title.lower() for title in re.findall(r"^#+\s+(.+?)\s*$", README.read_text(), re.M)
    }
    citation = re.compile(r"""README(?:\.md)?(?::|,| \()\s*\(?["“]?([A-Z][\w' -]+?)["”]?[).,]""")
    for source in CITING_FILES:
        for section in citation.findall(source.read_text()):
            assert section.lower() in readme_headings, (
                f"{source.relative_to(ROOT)} cites the README's section {section!r}, "
                "which the README does not have (it moved to docs/?)"
            )
