"""Shared fixtures: the sample site built once per test session, a local server for it, and
real headless Chromium (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sitebuild import StaticServer, build_or_fail, copy_project

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(items):
    """Marks follow the fixtures a test uses, so that `-m "not browser"` and `-m "not site_build"`
    leave out every test that starts Chromium or needs a build, whichever file it is in."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if "sample_site" in fixtures:
            item.add_marker(pytest.mark.site_build)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The project's own sample content, built with `mkdocs build --strict` into a temp folder."""
    project = copy_project(tmp_path_factory.mktemp("sample"))
    return build_or_fail(project)


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
