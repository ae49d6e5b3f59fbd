"""Run Pagefind over a built site.

The *extended* Pagefind binary is required: only it segments Chinese and Japanese text into
words, and without it a Chinese word inside a sentence is not found. The binary ships in the
`pagefind-bin-extended` wheel (`pip install "pagefind[extended]"`), so nothing is downloaded
at build time."""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

BUNDLE_FOLDER = "pagefind"
"""Where the index and Pagefind's browser code go, relative to the site root (one bundle holds
every language's index; the browser picks the index of `<html lang>`)."""

# Pagefind's own ready-made search UIs: the portal has its own (overrides/partials/search-dialog.html),
# so these ~400 KB would only be dead weight in every deployment.
UNUSED_UI_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)

INSTALL_HINT = 'install it with: pip install "pagefind[extended]"'


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class SearchIndexReport:
    pages: int
    languages: int
    words: int
    seconds: float
    bundle: Path

    def summary(self) -> str:
        return (f"search index: {self.pages} pages in {self.languages} languages, {self.words} words "
                f"({self.seconds:.1f} s)")


def extended_pagefind_binary() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(f"the extended Pagefind binary (CJK word segmentation) is missing; {INSTALL_HINT}") from None
    executable = Path(get_executable())
    if not executable.is_file():
        raise SearchIndexError(f"the Pagefind binary {executable} does not exist; reinstall it: {INSTALL_HINT}")
    return executable


def build_search_index(site_dir: str | Path) -> SearchIndexReport:
    """Index every page of `site_dir` that marks its text with `data-pagefind-body`, one index
    per `<html lang>`, into `site_dir/pagefind/`."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise SearchIndexError(f"{site_dir} is not a built site (no index.html): build it before indexing")
    command = [str(extended_pagefind_binary()), "--site", str(site_dir), "--output-subdir", BUNDLE_FOLDER]
    started = time.perf_counter()
    # The working directory is the site so that no stray pagefind.yml of the caller's folder applies.
    result = subprocess.run(command, cwd=site_dir, capture_output=True, text=True, encoding="utf-8", errors="replace")
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}):\n{result.stderr.strip() or result.stdout.strip()}")
    for name in UNUSED_UI_FILES:
        (site_dir / BUNDLE_FOLDER / name).unlink(missing_ok=True)
    report = _parse_report(result.stdout, seconds, site_dir / BUNDLE_FOLDER)
    if report.pages == 0:
        raise SearchIndexError("Pagefind indexed no page: no page carries data-pagefind-body "
                               "(overrides/partials/search-scope.html must be included by the content templates)")
    return report


def _count(label: str, output: str) -> int:
    match = re.search(rf"Indexed (\d+) {label}", output)
    return int(match.group(1)) if match else 0


def _parse_report(output: str, seconds: float, bundle: Path) -> SearchIndexReport:
    return SearchIndexReport(pages=_count("pages", output), languages=_count("languages?", output),
                             words=_count("words", output), seconds=seconds, bundle=bundle)
