"""Caches you can trust: the Markdown cache's key holds every package that writes into the HTML
and nothing unstable, a render that logged through any logger is never cached, and
PORTAL_VERIFY_CACHES re-renders pages without the caches and fails, naming the page and the
part, when a cache gave anything else."""

from __future__ import annotations

import logging
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from portal.mkdocs_adapter import fragments
from portal.mkdocs_adapter.cache_check import VARIABLE, CacheCheck
from portal.mkdocs_adapter.markdown_render import PACKAGES_IN_HTML, UnkeyableSetting, canonical, code_versions
from sitebuild import MKDOCS_ENV, build, copy_project, write

WARNING_EXTENSION = '''
import logging

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

log = logging.getLogger("warning_extension")


class Warn(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.text and "WARN-ME" in element.text:
                log.warning("warning_extension: a WARN-ME in the text")


class WarningExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(Warn(md), "warn_me", 1)


def makeExtension(**kwargs):
    return WarningExtension(**kwargs)
'''


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The project's pages without the news, one page more whose text makes a Markdown extension
    of its own (not MkDocs') log a warning."""
    root = tmp_path_factory.mktemp("cache-check")
    project = copy_project(root / "project", with_content=False)
    write(root / "extensions" / "warning_extension.py", WARNING_EXTENSION)
    write(project / "docs" / "warned.md", "---\ntitle: Warned\n---\n\n# Warned\n\nWARN-ME here.\n")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("markdown_extensions:\n", "markdown_extensions:\n  - warning_extension\n", 1),
                                        encoding="utf-8")
    return project


def extension_env(project: Path) -> dict:
    return {"PYTHONPATH": str(project.parent / "extensions")}


@pytest.mark.site_build
def test_a_warning_of_any_logger_is_shown_by_every_build(project):
    """The second build finds every other page in the Markdown cache, but the page whose render
    logged a warning (through the extension's own logger) is rendered, and warns, again."""
    for attempt in ("first", "second"):
        result = build(project, project / f"site-{attempt}", strict=False, env=extension_env(project))
        assert result.returncode == 0, result.stderr
        assert "warning_extension: a WARN-ME in the text" in result.stderr, f"the {attempt} build hid the warning"
    assert list((project / ".cache/portal-build/markdown").rglob("*.pickle")), "the other pages were cached"


def in_process_build(project: Path, site: Path, monkeypatch) -> None:
    for name, value in {**MKDOCS_ENV, **extension_env(project), VARIABLE: "all"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.syspath_prepend(str(project.parent / "extensions"))
    mkdocs_build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))


@pytest.mark.site_build
def test_a_fragment_key_that_leaves_something_out_is_caught(project, tmp_path, monkeypatch, caplog):
    """The footer links the feeds relative to the page: a key that ignores where the page is
    would give deeper pages the home page's links. The check names the page and the fragment."""
    monkeypatch.setitem(fragments.SHARED_TEMPLATES, "partials/portal-footer.html", fragments.same_everywhere)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        in_process_build(project, tmp_path / "site", monkeypatch)
    errors = "\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)
    assert "the shared fragment partials/portal-footer.html" in errors
    assert "differs from a render without the cache" in errors and ".md:" in errors


@pytest.mark.site_build
def test_a_markdown_cache_entry_that_differs_is_caught(project, tmp_path, monkeypatch, caplog):
    result = build(project, tmp_path / "warm", strict=False, env=extension_env(project))
    assert result.returncode == 0, result.stderr
    entries = list((project / ".cache/portal-build/markdown").rglob("*.pickle"))
    assert entries
    for entry in entries:
        rendered = pickle.loads(entry.read_bytes())
        rendered.content += "<p>stale</p>"
        entry.write_bytes(pickle.dumps(rendered))
    try:
        with caplog.at_level(logging.ERROR), pytest.raises(Abort):
            in_process_build(project, tmp_path / "site", monkeypatch)
    finally:
        for entry in entries:
            entry.unlink()
    errors = "\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)
    assert "the Markdown's HTML differs from a render without the cache" in errors
    assert "<p>stale</p>" in errors


@pytest.mark.site_build
def test_the_sample_site_passes_the_cache_check(sample_site):
    """CI's check: the sample site built again (every page from the caches) with every page
    compared with a render without them."""
    project = sample_site.parent
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site-checked")],
                            cwd=project, capture_output=True, text=True, env={**MKDOCS_ENV, VARIABLE: "all"})
    assert result.returncode == 0, result.stderr
    assert "markdown cache: 0 pages reused" not in result.stderr
    summary = next(line for line in result.stderr.splitlines() if "cache check:" in line)
    assert summary.endswith("identical") and " 0 pages" not in summary, summary


# -- the key -----------------------------------------------------------------------------------

def test_every_package_that_writes_into_the_html_is_in_the_key():
    versions = code_versions()
    for name in ("Pygments", "pymdown-extensions", "Markdown", "mkdocs-material"):
        assert name in PACKAGES_IN_HTML and f"{name}=" in versions
    assert versions.startswith("python=") and ("mkdocs=1.6.1" in versions or "properdocs=" in versions)


def test_settings_are_keyed_exactly_or_refused():
    from pymdownx.superfences import fence_code_format

    setting = {"custom_fences": [{"name": "mermaid", "class": "mermaid", "format": fence_code_format}],
               "b": 1.5, "a": (True, None)}
    assert canonical(setting) == {"a": [True, None], "b": "1.5", "custom_fences": [
        {"class": "mermaid", "format": {"callable": "pymdownx.superfences:fence_code_format"}, "name": "mermaid"}]}
    for unkeyable in (object(), lambda text: text, {1: "a"}, {"x": {1, 2}}):
        with pytest.raises(UnkeyableSetting):
            canonical(unkeyable)


def test_the_key_is_the_same_in_every_process():
    code = ("from pymdownx.superfences import fence_code_format\n"
            "from portal.mkdocs_adapter.markdown_render import canonical_setup\n"
            "print(canonical_setup({'markdown_extensions': ['toc', 'pymdownx.superfences'], 'use_directory_urls': True,\n"
            "      'mdx_configs': {'pymdownx.superfences': {'custom_fences': [{'format': fence_code_format}]}}}))")
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    assert len(keys) == 1 and "0x" not in keys.pop()


def test_the_check_samples_pages_the_same_way_in_every_build():
    assert CacheCheck.from_environment({}) is None and CacheCheck.from_environment({VARIABLE: "0"}) is None
    sample = CacheCheck.from_environment({VARIABLE: "1"})
    pages = [f"news/2025/a-{number}.vi.md" for number in range(1000)]
    covered = [page for page in pages if sample.covers(page)]
    assert 50 < len(covered) < 150 and covered == [page for page in pages if sample.covers(page)]
    assert all(CacheCheck.from_environment({VARIABLE: "all"}).covers(page) for page in pages)
