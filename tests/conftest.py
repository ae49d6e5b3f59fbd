"""Shared fixtures: the sample site built once per test session, a local server for it, and
real headless Chromium (Debian's chromium driven by Playwright)."""

from __future__ import annotations

from collections import Counter
import fcntl
import os
import shutil
from pathlib import Path

import pytest

# The tools' messages are English in tests (see `english_session`), set before sitebuild copies
# the environment for the MkDocs builds it starts.
os.environ["PORTAL_LANG"] = "en"
# pytest-xdist's workers inherit COLUMNS=80 from the controller; the commands read COLUMNS as the
# terminal's width when their output is not a terminal. Tests that want a width set their own.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)

from sitebuild import StaticServer, build_or_fail, copy_project  # noqa: E402

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def english_session():
    """Tests read the tools' messages in English, the code's own words: in this process and in
    every command a test or a session fixture starts. Tests of the Vietnamese catalogue ask for
    it (`vietnamese`)."""
    from portal import messages

    os.environ["PORTAL_LANG"] = "en"
    messages.use_language("en")
    yield


@pytest.fixture(autouse=True)
def english_messages(english_session):
    """Each test starts in English, whatever the test before it chose."""
    from portal import messages

    messages.use_language("en")
    yield
    messages.use_language("en")


@pytest.fixture
def vietnamese(monkeypatch):
    """The tools speak Vietnamese, their default, here and in the commands a test starts."""
    from portal import messages

    monkeypatch.setenv("PORTAL_LANG", "vi")
    messages.use_language("vi")


def pytest_collection_modifyitems(items):
    """Marks follow the fixtures a test uses, so that `-m "not browser"` and `-m "not site_build"`
    leave out every test that starts Chromium or needs a build, whichever file it is in."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if "sample_site" in fixtures:
            item.add_marker(pytest.mark.site_build)
    # The workers take whole files (`--dist loadfile`) in this order: the files with the most
    # browser tests, the longest, go first, so that no worker is left with one at the end
    # while the other waits.
    browser_tests = Counter(item.path for item in items if item.get_closest_marker("browser"))
    first_seen = {path: position for position, path in reversed(list(enumerate(item.path for item in items)))}
    items.sort(key=lambda item: (-browser_tests[item.path], first_seen[item.path]))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory, worker_id) -> Path:
    """The project's own sample content, built with `mkdocs build --strict` into a temp folder,
    once per test run: the first pytest-xdist worker to ask builds it, the others wait for it
    and read the same site (tests only read it)."""
    if worker_id == "master":
        return build_or_fail(copy_project(tmp_path_factory.mktemp("sample")))
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's own
    with open(shared / "sample-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / "sample" / "built"
        if not done.exists():
            shutil.rmtree(shared / "sample", ignore_errors=True)
            build_or_fail(copy_project(shared / "sample"))
            done.touch()
    return shared / "sample" / "site"


@pytest.fixture(scope="session")
def sample_server(sample_site):
    with StaticServer(sample_site) as server:
        yield server


def chromium_path() -> str | None:
    configured = os.environ.get("PORTAL_CHROMIUM")
    if configured:
        return configured
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.fail("Chromium not found: install Debian's chromium (apt-get install chromium) or set PORTAL_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
