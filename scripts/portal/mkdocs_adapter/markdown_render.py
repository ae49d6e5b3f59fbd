"""Markdown to HTML for MkDocs pages, as `mkdocs.structure.pages.Page.render` does it, faster
(the copy of `Page.render` itself is `compat.render_markdown` and `compat.show_rendered`).

MkDocs builds a new `markdown.Markdown` with every extension for each page of each language
pass; at a few thousand pages, building those instances costs as much as the conversion. Here
one instance serves a whole process (reset between pages), with MkDocs' own per-page processors
registered afresh for each page, so the output is MkDocs'.

The result is also kept in a cache between builds, keyed by everything the HTML depends on:
the Markdown text after every plugin's `on_page_markdown`, the page's source and URL, the
Markdown configuration (`canonical_setup`: a stable serialization, which refuses what it cannot
write down exactly) and the versions of every package whose code writes into the HTML
(`PACKAGES_IN_HTML`: the engine, Python-Markdown, pymdown-extensions, Pygments, which highlights
superfences' code blocks, Material and its Markdown extensions, static-i18n). What a page's
links resolve to depends on other files, so each entry records every file lookup its links made
and is used only while all of them still give the same answer. A render that logged anything
through any logger (a broken link, an unknown anchor, a Markdown extension's warning) is never
cached, so the next build reports it again. `cache_check` verifies the cache against MkDocs' own
render."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import markdown

from . import compat
from .cache_check import CacheCheck
from .log_counter import LogCounter

log = logging.getLogger("mkdocs.plugins.portal")

RENDERER_VERSION = "2"
"""Bump when this module changes what it stores."""

PACKAGES_IN_HTML = ("Markdown", "pymdown-extensions", "Pygments", "mkdocs-material", "mkdocs-material-extensions",
                    "mkdocs-static-i18n")
"""Distributions whose code writes into a page's HTML (with the engine, `compat.engine`)."""


def code_versions() -> str:
    """The versions of the engine and of `PACKAGES_IN_HTML` (and Python's, for the pickles)."""
    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "-"

    engine, engine_version = compat.engine()
    return ",".join([f"python={sys.version_info[0]}.{sys.version_info[1]}", f"{engine}={engine_version}",
                     *(f"{name}={installed(name)}" for name in PACKAGES_IN_HTML)])


class UnkeyableSetting(TypeError):
    """A Markdown setting whose value cannot be written down exactly for a cache key."""


def canonical(value, where: str = "markdown settings"):
    """`value` as plain JSON data that says exactly what it is, the same in every process: a
    function or class by its importable name; anything else that is not plain data is refused
    (its `repr` may hide what changes the output, or change between processes)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return [canonical(item, f"{where}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise UnkeyableSetting(f"{where}: keys that are not text")
        return {key: canonical(item, f"{where}.{key}") for key, item in sorted(value.items())}
    if callable(value):
        # A function or class named in mkdocs.yml (`!!python/name:`): importable, so its name says
        # which code it is (its package's version is in the key when it writes into the HTML).
        module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
        if isinstance(module, str) and isinstance(name, str) and "<" not in name:
            return {"callable": f"{module}:{name}"}
    raise UnkeyableSetting(f"{where}: a {type(value).__name__}")


def canonical_setup(config) -> str:
    """The Markdown configuration of `config` (extensions, their settings, the URL style) as the
    cache key holds it. Raises UnkeyableSetting."""
    return json.dumps(canonical([config["markdown_extensions"], config["mdx_configs"] or {},
                                 config["use_directory_urls"]]), sort_keys=True, ensure_ascii=False)


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


class RenderCache:
    """One pickle per page render under `folder`, written atomically (several build processes
    may share the folder)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._folder = os.fspath(self.folder)

    def _path(self, key: str) -> str:
        # Text, not a Path: joined for every page of every build.
        return f"{self._folder}/{key[:2]}/{key}.pickle"

    def load(self, key: str) -> RenderedPage | None:
        try:
            with open(self._path(key), "rb") as stream:
                return pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def store(self, key: str, rendered: RenderedPage) -> None:
        path = self._path(key)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(rendered, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)


class PageRenderer:
    """Installs itself as `page.render` on each page (see `prepare`)."""

    def __init__(self, cache: RenderCache | None, check: CacheCheck | None = None):
        self.cache = cache
        self.check = check
        self._markdown: markdown.Markdown | None = None
        self._markdown_setup: str | None = None
        self._versions = code_versions()
        self._logged = LogCounter()
        self._unkeyable_told = False
        self._setup_for: tuple | None = None
        self.hits = 0
        self.misses = 0

    def prepare(self, page) -> None:
        """Make MkDocs call this renderer for `page` instead of `Page.render`."""
        compat.replace_page_render(page, lambda config, files: self.render(page, config, files))

    def _setup_of(self, config) -> str | None:
        """The configuration's key, or None (no caching) when a setting cannot be part of one;
        worked out once per pass (a pass's configuration is settled before its pages)."""
        if self._setup_for is not None and self._setup_for[0] is config:
            return self._setup_for[1]
        try:
            setup = canonical_setup(config)
        except UnkeyableSetting as error:
            if not self._unkeyable_told:
                self._unkeyable_told = True
                log.info(f"markdown cache not used: {error} cannot be part of its key")
            setup = None
        self._setup_for = (config, setup)
        return setup

    def _instance(self, setup: str | None, config) -> markdown.Markdown:
        if setup is None:
            return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        if self._markdown is None or setup != self._markdown_setup:
            self._markdown = markdown.Markdown(extensions=config["markdown_extensions"],
                                               extension_configs=config["mdx_configs"] or {})
            self._markdown_setup = setup
        return self._markdown.reset()

    def render(self, page, config, files) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        setup = self._setup_of(config)
        cache = self.cache if setup is not None else None
        key = cache and hashlib.sha256("\0".join((RENDERER_VERSION, self._versions, setup, page.file.src_uri,
                                                  page.file.url, page.markdown)).encode("utf-8")).hexdigest()
        rendered = cache.load(key) if cache else None
        if rendered is not None and all(_url_of(files, path) == url for path, url in rendered.lookups):
            self.hits += 1
        else:
            self.misses += 1
            rendered, logged = self._convert(page, config, files, setup)
            if cache and not logged:
                cache.store(key, rendered)
        if self.check is not None and self.check.covers(page.file.src_uri):
            self._check(page, config, files, rendered)
        compat.show_rendered(page, files, rendered.content, rendered.toc_tokens, rendered.title, rendered.anchor_ids,
                             rendered.anchor_links)

    def _check(self, page, config, files, rendered: RenderedPage) -> None:
        """`cache_check`: MkDocs' own render of the page against the one given."""
        fresh = compat.render_as_the_engine_does(page, config, files)
        self.check.markdown_pages += 1
        given = (rendered.content, compat.toc_outline(compat.toc_of(rendered.toc_tokens)), rendered.title,
                 sorted(rendered.anchor_ids))
        for what, mine, theirs in zip(("the Markdown's HTML", "the table of contents", "the title from the first heading",
                                       "the anchors"), given, fresh):
            self.check.compare(what, page.file.src_uri, str(mine), str(theirs))

    def _convert(self, page, config, files, setup) -> tuple[RenderedPage, bool]:
        md = self._instance(setup, config)
        recording = _RecordingFiles(files)
        with self._logged.listening() as logged:
            content, toc_tokens, title, anchor_ids, anchor_links = compat.render_markdown(md, page, files, recording, config)
        rendered = RenderedPage(content=content, toc_tokens=toc_tokens, title=title, anchor_ids=anchor_ids,
                                anchor_links=anchor_links, lookups=recording.lookups)
        return rendered, logged.count > 0


def _url_of(files, path: str) -> str | None:
    found = files.get_file_from_path(path)
    return found.url if found is not None else None
