"""Markdown to HTML for MkDocs pages, as `mkdocs.structure.pages.Page.render` does it, faster
(the copy of `Page.render` itself is `compat.render_markdown` and `compat.show_rendered`).

MkDocs builds a new `markdown.Markdown` with every extension for each page of each language
pass; at a few thousand pages, building those instances costs as much as the conversion. Here
one instance serves a whole process (reset between pages), with MkDocs' own per-page processors
registered afresh for each page, so the output is MkDocs'.

The result is also kept in a cache between builds, keyed by everything the HTML depends on:
the Markdown text after every plugin's `on_page_markdown`, the page's source and URL, the
Markdown configuration and the versions of the code involved. What a page's links resolve to
depends on other files, so each entry records every file lookup its links made and is used only
while all of them still give the same answer. A render that logged anything (a broken link, an
unknown anchor) is never cached, so the next build reports it again."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import markdown

from . import compat

RENDERER_VERSION = "1"
"""Bump when this module changes what it stores."""

_VERSIONS = ",".join(f"{name}={version(name)}" for name in ("mkdocs", "Markdown", "pymdown-extensions"))


@dataclass
class RenderedPage:
    content: str
    toc_tokens: list
    title: str | None
    anchor_ids: set[str]
    anchor_links: dict[str, dict[str, str]]
    """src_uri of a linked page -> {anchor: the link as written}."""
    lookups: list[tuple[str, str | None]] = field(default_factory=list)
    """(path looked up, URL of the file found or None) for every lookup the links made."""


class _RecordingFiles:
    """The build's Files as MkDocs' link processor sees them, noting what each lookup found."""

    def __init__(self, files):
        self._files = files
        self.lookups: list[tuple[str, str | None]] = []

    def get_file_from_path(self, path: str):
        found = self._files.get_file_from_path(path)
        self.lookups.append((path, found.url if found is not None else None))
        return found

    def __getattr__(self, name):
        return getattr(self._files, name)


class _LogCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record):
        self.count += 1


class RenderCache:
    """One pickle per page render under `folder`, written atomically (several build processes
    may share the folder)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def load(self, key: str) -> RenderedPage | None:
        try:
            with open(self._path(key), "rb") as stream:
                return pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def store(self, key: str, rendered: RenderedPage) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(rendered, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)


class PageRenderer:
    """Installs itself as `page.render` on each page (see `prepare`)."""

    def __init__(self, cache: RenderCache | None):
        self.cache = cache
        self._markdown: markdown.Markdown | None = None
        self._markdown_setup: str | None = None
        self.hits = 0
        self.misses = 0

    def prepare(self, page) -> None:
        """Make MkDocs call this renderer for `page` instead of `Page.render`."""
        compat.replace_page_render(page, lambda config, files: self.render(page, config, files))

    def _setup_of(self, config) -> str:
        return json.dumps([config["markdown_extensions"], config["mdx_configs"] or {}, config["use_directory_urls"]],
                          sort_keys=True, default=repr)

    def _instance(self, setup: str, config) -> markdown.Markdown:
        if self._markdown is None or setup != self._markdown_setup:
            self._markdown = markdown.Markdown(extensions=config["markdown_extensions"],
                                               extension_configs=config["mdx_configs"] or {})
            self._markdown_setup = setup
        return self._markdown.reset()

    def render(self, page, config, files) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        setup = self._setup_of(config)
        key = hashlib.sha256("\0".join((RENDERER_VERSION, _VERSIONS, setup, page.file.src_uri, page.file.url,
                                        page.markdown)).encode("utf-8")).hexdigest()
        rendered = self.cache.load(key) if self.cache else None
        if rendered is not None and all(_url_of(files, path) == url for path, url in rendered.lookups):
            self.hits += 1
        else:
            self.misses += 1
            rendered, logged = self._convert(page, config, files, setup)
            if self.cache and not logged:
                self.cache.store(key, rendered)
        compat.show_rendered(page, files, rendered.content, rendered.toc_tokens, rendered.title, rendered.anchor_ids,
                             rendered.anchor_links)

    def _convert(self, page, config, files, setup) -> tuple[RenderedPage, bool]:
        md = self._instance(setup, config)
        recording = _RecordingFiles(files)
        counter = _LogCounter()
        mkdocs_logger = logging.getLogger("mkdocs")
        mkdocs_logger.addHandler(counter)
        try:
            content, toc_tokens, title, anchor_ids, anchor_links = compat.render_markdown(md, page, files, recording, config)
        finally:
            mkdocs_logger.removeHandler(counter)
        rendered = RenderedPage(content=content, toc_tokens=toc_tokens, title=title, anchor_ids=anchor_ids,
                                anchor_links=anchor_links, lookups=recording.lookups)
        return rendered, counter.count > 0


def _url_of(files, path: str) -> str | None:
    found = files.get_file_from_path(path)
    return found.url if found is not None else None
