"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Nothing here downloads a browser. Without Chromium the tests are skipped with a message
saying how to install it; `.ci/run` installs it, and `make test` installs the checkers
(axe-core and the Nu HTML Checker, from the npm registry) into node_modules/.
"""

import json
import os
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop in the test thread, so Django would refuse
# the tests' own database queries (SynchronousOnlyOperation). The site has no async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = Path(__file__).resolve().parent / ".artifacts"
# Screenshots go to the git-ignored artifacts folder, so a test run leaves the tree clean;
# UPDATE_SCREENSHOTS=1 writes the docs' pictures in docs/screenshots/ instead.
SCREENSHOTS = (
    ROOT / "docs" / "screenshots"
    if os.environ.get("UPDATE_SCREENSHOTS") == "1"
    else ARTIFACTS / "screenshots"
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# What axe checks: WCAG 2.0-2.2 A and AA, and its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover (requirements-dev.txt installs it)
    sync_playwright = None


def _missing_browser():
    if sync_playwright is None:
        return "Playwright is not installed: pip install -r requirements-dev.txt"
    if not CHROMIUM.exists():
        return (
            f"Chromium is not installed ({CHROMIUM} is missing): install Debian's package "
            "with `apt-get install chromium` (as root), or set CHROMIUM=/path/to/chromium"
        )
    return None


def skip_or_fail(reason):
    """In CI a missing tool is a failure; on a developer's machine, a skip that says why."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser checks)")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    reason = _missing_browser()
    for item in items:
        if here in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if reason and not os.environ.get("CI"):
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    reason = _missing_browser()
    if reason:
        skip_or_fail(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (no shared cookies); all closed after the test.

    axe-core is injected as an init script (through the DevTools protocol), so the site's
    Content-Security-Policy stays in force; anything the policy blocks fails the test.
    """
    contexts = []
    blocked = []

    def open_page(viewport=PHONE, **options):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        if AXE_JS.exists():
            context.add_init_script(path=str(AXE_JS))
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                blocked.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert blocked == [], "The Content-Security-Policy blocked something the page needs"


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def demo_content(transactional_db):
    from django.core.management import call_command

    call_command("load_demo_content", publish_unreviewed=True, verbosity=0)


# Axe results of the whole run, printed at the end and kept in .artifacts/axe.json.
AXE_RESULTS = defaultdict(dict)


def run_axe(page, name):
    """Run axe-core in the page; return its violations (all impacts), recorded under name."""
    if not AXE_JS.exists():
        skip_or_fail(f"axe-core is missing ({AXE_JS}): run `npm ci` (or `make test`)")
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: "
        "['violations']})",
        AXE_TAGS,
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]],
        }
        for v in results["violations"]
    ]
    AXE_RESULTS[name] = {"url": page.url, "violations": violations}
    return violations


def blocking(violations):
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def save_screenshot(page, name, **options):
    """Save a screenshot into ``SCREENSHOTS``, rewriting the file only when it changed."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image = page.screenshot(animations="disabled", caret="hide", **options)
    target = SCREENSHOTS / f"{name}.{options.get('type', 'png')}"
    if not target.exists() or target.read_bytes() != image:
        target.write_bytes(image)
    return target


def pytest_terminal_summary(terminalreporter):
    if not AXE_RESULTS:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(AXE_RESULTS, indent=2, sort_keys=True))
    terminalreporter.section("axe-core (WCAG 2.2 A/AA + best practices): violations")
    for name, result in sorted(AXE_RESULTS.items()):
        by_impact = defaultdict(int)
        for violation in result["violations"]:
            by_impact[violation["impact"]] += 1
        counts = ", ".join(f"{n} {impact}" for impact, n in sorted(by_impact.items())) or "none"
        ids = ", ".join(v["id"] for v in result["violations"])
        terminalreporter.write_line(f"{name:<42} {counts}{f' ({ids})' if ids else ''}")


def validate_html(documents, label="pages"):
    """Run the Nu HTML Checker once over {name: html}; return {name: [error messages]}."""
    if not VNU_JAR.exists():
        skip_or_fail(f"The Nu HTML Checker is missing ({VNU_JAR}): run `npm ci` (or `make test`)")
    java = shutil.which("java")
    if java is None:
        skip_or_fail("Java is needed for the Nu HTML Checker: apt-get install default-jre-headless")
    folder = ARTIFACTS / f"html-{label}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    paths = {}
    for name, html in documents.items():
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(html, encoding="utf-8")
    completed = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, paths.values())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(completed.stdout)["messages"]
    if any(m.get("type") == "non-document-error" for m in messages):
        raise AssertionError(f"The Nu HTML Checker could not run: {messages}")
    by_path = {path.resolve(): name for name, path in paths.items()}
    errors = {name: [] for name in documents}
    for message in messages:
        if message.get("type") == "error":
            url = message.get("url", "")
            name = by_path.get(Path(url.removeprefix("file:")).resolve(), url)
            line = message.get("lastLine", "?")
            errors.setdefault(name, []).append(f"line {line}: {message['message']}")
    (ARTIFACTS / f"vnu-{label}.json").write_text(json.dumps(errors, indent=2, sort_keys=True))
    return errors
