"""Editors' preview of one language that shows a saved article in well under a second.

`mkdocs serve` rebuilds the whole site on every save: at a thousand articles that is many
seconds even for one language. This preview builds the chosen language once (static-i18n's
`build_only_locale`, served at the root), keeps MkDocs' pages, navigation and templates in
memory, and on each save re-renders only what shows the saved page: the page itself and, for an
article, the listing pages, neighbouring articles and home page that show its title and summary.
Anything else (a new or deleted file, a date, draft flag or category that moves the article in
the listings, another language, the procedures, templates, site data, mkdocs.yml) rebuilds the
language in full, as `mkdocs serve` would. Browsers reload through MkDocs' own live-reload
server."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..content.news import is_article_file
from ..front_matter import read_front_matter
from ..languages import CODES, split_language_suffix
from ..messages import _
from ..problems import InputError
from ..pages.urls import norm_path_of
from . import compat

ONLY_LANGUAGE_VARIABLE = "PORTAL_ONLY_LANGUAGE"
"""mkdocs.yml passes it to static-i18n's `build_only_locale`."""
PLACEMENT_FIELDS = ("date", "draft", "categories", "updated")
"""Front-matter fields that move an article between listing pages (or, `updated`, change the
last-updated line of the pages that list it): a change rebuilds all."""


class PreviewError(Exception):
    """The preview cannot start (its address is taken); the message says what to do."""


@dataclass
class Refresh:
    """What one save did: pages re-rendered (fast) or the language rebuilt (full)."""

    kind: str
    pages: list[str] = field(default_factory=list)
    seconds: float = 0.0


class PreviewSite:
    def __init__(self, config_file: Path, lang: str, site_dir: Path, site_url: str | None = None):
        self.config_file = Path(config_file).resolve()
        self.lang = lang
        self.site_dir = Path(site_dir)
        self.site_url = site_url
        self.docs_dir: Path | None = None
        self._state = None
        self._pages_by_source: dict[str, object] = {}
        self._page_by_norm: dict[str, object] = {}

    # -- building --------------------------------------------------------------------------------

    def _load_config(self):
        # mkdocs.yml reads the variable when it is loaded; other code of the process must not.
        before = os.environ.get(ONLY_LANGUAGE_VARIABLE)
        os.environ[ONLY_LANGUAGE_VARIABLE] = self.lang
        try:
            config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        finally:
            if before is None:
                os.environ.pop(ONLY_LANGUAGE_VARIABLE, None)
            else:
                os.environ[ONLY_LANGUAGE_VARIABLE] = before
        if self.site_url:
            config.site_url = self.site_url
        portal = config.plugins.get("portal")
        if portal is not None:
            # Searching the preview is not what editors check; the index would take seconds.
            portal.config.search_index = False
        return config

    def build_all(self) -> Refresh:
        started = time.perf_counter()
        config = self._load_config()
        self.docs_dir = Path(config.docs_dir)
        build(config)
        self._portal = config.plugins["portal"]
        self._state = self._portal.current
        pages = [file.page for file in self._state.files.documentation_pages() if file.page is not None]
        self._pages_by_source = {page.file.src_uri: page for page in pages}
        self._page_by_norm = {self._norm_of(page): page for page in pages}
        return Refresh("full", [], time.perf_counter() - started)

    def _norm_of(self, page) -> str:
        return norm_path_of(page.file.src_uri)

    # -- one save --------------------------------------------------------------------------------

    def refresh(self, changed: set[Path]) -> Refresh:
        """Bring the preview up to date with the files in `changed` (absolute paths)."""
        started = time.perf_counter()
        changed = {path for path in changed if self._affects_site(Path(path))}
        if not changed:
            return Refresh("none", [], time.perf_counter() - started)
        pages = self._pages_to_render(changed)
        if pages is None:
            refresh = self.build_all()
        else:
            self._render(pages)
            refresh = Refresh("pages", [page.file.src_uri for page in pages])
        refresh.seconds = time.perf_counter() - started
        return refresh

    def _affects_site(self, path: Path) -> bool:
        return _affects_site(path, self.config_file, self.docs_dir)

    def _pages_to_render(self, changed: set[Path]) -> list | None:
        """The pages that show the changed files, or None when only a full build will do."""
        if self._state is None:
            return None
        wanted: dict[str, object] = {}
        for path in changed:
            try:
                rel = Path(path).resolve().relative_to(self.docs_dir.resolve()).as_posix()
            except ValueError:
                return None
            page = self._pages_by_source.get(rel)
            if page is None or not Path(path).is_file() or rel.startswith(("procedures/", "documents/", "_")):
                return None
            lang = split_language_suffix(rel.rsplit("/", 1)[-1])[1]
            if lang != self.lang:
                return None
            wanted[rel] = page
            if is_article_file(rel):
                shown_with = self._refresh_article(rel)
                if shown_with is None:
                    return None
                wanted.update((page.file.src_uri, page) for page in shown_with)
        return list(wanted.values())

    def _refresh_article(self, rel: str) -> list | None:
        """Update the site model from the saved article's front matter; the other pages that show
        the article (None when the article moves between listings)."""
        site = self._state.site
        article = site.news.article_for(rel)
        version = article.versions.get(self.lang) if article else None
        if version is None:
            return None
        try:
            meta = read_front_matter(self.docs_dir / rel)
        except InputError:  # not readable now: a full rebuild reports it
            return None
        if any(meta.get(name) != version.meta.get(name) for name in PLACEMENT_FIELDS):
            return None
        version.meta = meta
        self._state.article_changed(article)
        shown: list = []
        for listing in site.listings[self.lang]:
            if article in listing.items:
                shown.append(self._page_by_norm.get(listing.norm))
        newer, older = site.neighbours[self.lang].get(article.key, (None, None))
        for neighbour in (newer, older):
            if neighbour is not None:
                shown.append(self._page_by_norm.get(norm_path_of(neighbour.key + ".md")))
        shown.append(self._page_by_norm.get(""))
        return [page for page in shown if page is not None]

    def _render(self, pages: list) -> None:
        state = self._state
        compat.render_pages_again(pages, state.config, state.files, state.nav, state.env)


def _is_editor_litter(path: Path) -> bool:
    """Swap, backup and lock files editors write beside the file being edited."""
    name = path.name
    return name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913"


class _ChangedFiles:
    """Paths the file watcher reported since the last build. A file created and then renamed
    away in the meantime is how many tools save (write a temporary file, rename it over the
    original): only the original counts as changed."""

    def __init__(self):
        self._lock = threading.Lock()
        self._paths: set[Path] = set()
        self._created: set[Path] = set()

    def add(self, event) -> None:
        if event.is_directory:
            return
        with self._lock:
            source = Path(event.src_path)
            if event.event_type == "created":
                self._created.add(source)
            if event.event_type == "moved" and source in self._created:
                self._paths.discard(source)
                source = None
            for path in (source, getattr(event, "dest_path", None)):
                if path and not _is_editor_litter(Path(path)):
                    self._paths.add(Path(path))

    def take(self) -> set[Path]:
        with self._lock:
            paths, self._paths, self._created = self._paths, set(), set()
        return paths


def error_page(site_dir: Path, path: str, code: int) -> bytes | None:
    """What a reader of the site-relative `path` gets for an error `code`: for a missing page,
    the 404 page of the language folder the address is in (`ja/...` gets `ja/404.html`), as the
    shipped nginx configuration does; else the site's root 404 (or 500) page."""
    if code not in (404, 500):
        return None
    first = path.lstrip("/").split("/", 1)[0]
    candidates = [Path(site_dir) / first / f"{code}.html"] if first in CODES and code == 404 else []
    for page in candidates + [Path(site_dir) / f"{code}.html"]:
        if page.is_file():
            return page.read_bytes()
    return None


def serve_language_error_pages(server, site_dir) -> object:
    """Make MkDocs' live-reload `server` answer a missing page with the 404 page of its language
    (MkDocs' own answers every missing address with the root's, the Vietnamese one)."""
    return compat.answer_errors_by_address(server, lambda path, code: error_page(Path(site_dir), path, code))


class FullSite:
    """The whole site, every language, built again in full on each save: what `mkdocs serve`
    does, with the same configuration (MkDocs' `serve_url`, so pages excluded from the site are
    still served to the editor)."""

    def __init__(self, config_file: Path, site_dir: Path, site_url: str):
        self.config_file = Path(config_file).resolve()
        self.site_dir = Path(site_dir)
        self.site_url = site_url
        self.docs_dir: Path | None = None

    def build_all(self) -> Refresh:
        started = time.perf_counter()
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        self.docs_dir = Path(config.docs_dir)
        config.site_url = self.site_url
        build(config, serve_url=self.site_url)
        return Refresh("full", [], time.perf_counter() - started)

    def refresh(self, changed: set[Path]) -> Refresh:
        if not any(_affects_site(Path(path), self.config_file, self.docs_dir) for path in changed):
            return Refresh("none")
        return self.build_all()


def _affects_site(path: Path, config_file: Path, docs_dir: Path | None) -> bool:
    """mkdocs.yml, and what is inside docs/ or overrides/."""
    if path.resolve() == config_file:
        return True
    for folder in (docs_dir, config_file.parent / "overrides"):
        if folder is not None and path.resolve().is_relative_to(Path(folder).resolve()):
            return True
    return False


def serve_preview(config_file: Path, lang: str | None, host: str, port: int, output) -> None:
    """Build `lang` (None: the whole site), serve it with live reload, and keep it current until
    interrupted. `output` (`serve_output.ServeOutput`) prints what the editor reads: the address,
    a line per save, warnings and errors; nothing else. A build that fails is reported and the
    preview waits for the next save."""
    import watchdog.events
    import watchdog.observers
    from mkdocs.exceptions import Abort, BuildError

    site_dir = tempfile.mkdtemp(prefix="portal-preview-")
    config_file = Path(config_file).resolve()
    mount_path = urlsplit(load_config(config_file=str(config_file)).site_url or "/").path
    url = compat.serve_url(host, port, mount_path)
    if lang is None:
        preview = FullSite(config_file, Path(site_dir), url)
    else:
        preview = PreviewSite(config_file, lang, Path(site_dir), url)
    changed = _ChangedFiles()

    def attempt(build_step) -> Refresh | None:
        try:
            return build_step()
        except (Abort, BuildError):
            return None  # MkDocs logged the reason (the portal's problems included) as an error
        except Exception as error:  # a template or plugin failing: reported, the preview goes on
            output.failed(error)
            return None

    first = attempt(preview.build_all)
    if preview.docs_dir is None:
        preview.docs_dir = Path(config_file.parent / "docs")

    def builder():
        paths = changed.take()
        refresh = attempt(lambda: preview.refresh(paths))
        if refresh is None:
            output.not_rebuilt(paths)
        elif refresh.kind != "none":
            output.rebuilt(paths, refresh)

    # Notified by the system (inotify) instead of MkDocs' polling of every file twice a second:
    # a save shows up at once, and thousands of articles cost nothing while nobody types.
    observer = compat.changes_only(watchdog.observers.Observer())
    server = compat.live_reload_server(builder, host, port, site_dir, mount_path, observer=observer,
                                       build_delay=0.05,
                                       error_page=lambda code: error_page(Path(site_dir), "", code))
    recorder = watchdog.events.FileSystemEventHandler()
    recorder.on_any_event = changed.add
    # docs/ and overrides/ and, not recursively, the project folder (mkdocs.yml).
    for path, recursive in ((preview.docs_dir, True), (config_file.parent / "overrides", True), (config_file.parent, False)):
        if Path(path).is_dir():
            server.watch(str(path), recursive=recursive)
            observer.schedule(recorder, str(path), recursive=recursive)

    serve_language_error_pages(server, site_dir)
    try:
        try:
            server.server_bind()
            server.server_activate()
        except OSError as error:
            raise PreviewError(_("cannot serve on {address}: {problem}; give another address, for example "
                                 "--address 127.0.0.1:8001").format(address=f"{host}:{port}",
                                                                      problem=error.strerror or error)) from None
        compat.serve_bound(server, lambda: output.ready(server.url, first.seconds if first is not None else None))
    except KeyboardInterrupt:
        output.stopped()
    finally:
        server.shutdown()
        import shutil

        shutil.rmtree(site_dir, ignore_errors=True)
