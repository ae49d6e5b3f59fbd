"""Run Pagefind over a built site.

The *extended* Pagefind binary is required: only it segments Chinese and Japanese text into
words, and without it a Chinese word inside a sentence is not found. The binary ships in the
`pagefind-bin-extended` wheel (`pip install "pagefind[extended]"`), so nothing is downloaded
at build time.

Only pages that mark their text with `data-pagefind-body` go into the index (articles,
procedures, pages; not listings, "not available in this language" pages or the 404). Pagefind
would parse every HTML file of the site only to set those others aside, over 40 % of the files
and a third of its time: it is given a folder beside the site that holds just the indexed pages
(hard links, so nothing is copied), with the same paths and so the same URLs. Pages with
definition lists are the exception: they are given as copies in which each term is followed by a
colon, as the page shows it (see definition_lists.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ..file_writing import link_or_copy
from ..messages import _
from .definition_lists import separate_terms_from_definitions

BUNDLE_FOLDER = "pagefind"
"""Where the index and Pagefind's browser code go, relative to the site root (one bundle holds
every language's index; the browser picks the index of `<html lang>`)."""

# Pagefind's own ready-made search UIs: the portal has its own (overrides/partials/search-dialog.html),
# so these ~400 KB would only be dead weight in every deployment.
UNUSED_UI_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)

EXCLUDED_SELECTORS = (".portal-procedure__ids",)
"""Parts of indexed pages left out of the searchable text: a procedure's identifier list (code,
field, level). The result line shows the code and field from the page's meta values (which
Pagefind also searches, so the code still finds the procedure); in the snippet they would only
repeat the result line."""

INSTALL_COMMAND = 'pip install "pagefind[extended]"'
BODY_MARK = b"data-pagefind-body"
DEFINITION_MARK = b"</dt>"


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
        return _("search index: {pages} pages in {languages} languages, {words} words ({seconds:.1f} s)").format(
            pages=self.pages, languages=self.languages, words=self.words, seconds=self.seconds)


def extended_pagefind_binary() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(_("the extended Pagefind binary (CJK word segmentation) is missing; install it with: {command}")
                               .format(command=INSTALL_COMMAND)) from None
    executable = Path(get_executable())
    if not executable.is_file():
        raise SearchIndexError(_("the Pagefind binary {path} does not exist; reinstall it with: {command}").format(
            path=executable, command=INSTALL_COMMAND))
    return executable


def build_search_index(site_dir: str | Path) -> SearchIndexReport:
    """Index every page of `site_dir` that marks its text with `data-pagefind-body`, one index
    per `<html lang>`, into `site_dir/pagefind/`."""
    site_dir = Path(site_dir).resolve()
    if not (site_dir / "index.html").is_file():
        raise SearchIndexError(_("{folder} is not a built site (no index.html): build it before indexing").format(folder=site_dir))
    binary = extended_pagefind_binary()
    started = time.perf_counter()
    pages = site_dir.parent / f".{site_dir.name}.search-pages"
    shutil.rmtree(pages, ignore_errors=True)
    try:
        if not stage_indexed_pages(site_dir, pages):
            raise SearchIndexError(_nothing_indexed())
        shutil.rmtree(site_dir / BUNDLE_FOLDER, ignore_errors=True)
        command = [str(binary), "--site", str(pages), "--output-path", str(site_dir / BUNDLE_FOLDER),
                   "--exclude-selectors", ", ".join(EXCLUDED_SELECTORS)]
        # The working directory is the site so that no stray pagefind.yml of the caller's folder applies.
        result = subprocess.run(command, cwd=site_dir, capture_output=True, text=True, encoding="utf-8", errors="replace")
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SearchIndexError(_("Pagefind failed (exit {code}):").format(code=result.returncode) + "\n"
                               + (result.stderr.strip() or result.stdout.strip()))
    for name in UNUSED_UI_FILES:
        (site_dir / BUNDLE_FOLDER / name).unlink(missing_ok=True)
    report = _parse_report(result.stdout, seconds, site_dir / BUNDLE_FOLDER)
    if report.pages == 0:
        raise SearchIndexError(_nothing_indexed())
    return report


def _nothing_indexed() -> str:
    return _("Pagefind indexed no page: no page carries data-pagefind-body "
             "(overrides/partials/search-scope.html must be included by the content templates)")


def stage_indexed_pages(site_dir: Path, folder: Path) -> int:
    """Link every HTML file of `site_dir` that carries `data-pagefind-body` into `folder`, at
    the same relative path (a page with a definition list as a copy that separates each term
    from its definition); returns how many."""
    count = 0
    for directory, dirnames, names in os.walk(site_dir):
        if directory == str(site_dir):
            dirnames[:] = [name for name in dirnames if name != BUNDLE_FOLDER]
        for name in names:
            if not name.endswith(".html"):
                continue
            path = os.path.join(directory, name)
            with open(path, "rb") as stream:
                content = stream.read()
            if BODY_MARK not in content:
                continue
            destination = os.path.join(folder, os.path.relpath(path, site_dir))
            if DEFINITION_MARK in content:
                os.makedirs(os.path.dirname(destination), exist_ok=True)
                text = separate_terms_from_definitions(content.decode("utf-8", errors="replace"))
                with open(destination, "w", encoding="utf-8") as stream:
                    stream.write(text)
            else:
                link_or_copy(path, destination)
            count += 1
    return count


def _count(label: str, output: str) -> int:
    match = re.search(rf"Indexed (\d+) {label}", output)
    return int(match.group(1)) if match else 0


def _parse_report(output: str, seconds: float, bundle: Path) -> SearchIndexReport:
    return SearchIndexReport(pages=_count("pages", output), languages=_count("languages?", output),
                             words=_count("words", output), seconds=seconds, bundle=bundle)
