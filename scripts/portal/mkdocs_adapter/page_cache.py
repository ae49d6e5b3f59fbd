"""Pages kept between builds: a page whose every input is what it was is not rendered again.

Once its Markdown is converted (`markdown_render`) and its context made, about half of what a
page costs is Jinja rendering Material's frame around it. A build with nothing changed, or with
one article edited, renders the same frame from the same inputs for almost every page. Here the
output of a page's template is kept with a key of everything it is made from, and a page whose
key is the one kept gets the kept output instead of a render.

What a page's template can read, and how the key holds it:

- the **context** MkDocs and the plugins give the template: every value of it, written down
  exactly (`write_into`: text, `Markup`, numbers, dates, lists, tuples, dicts and sets of them;
  a value of any other type makes the page unkeyable, and it is rendered as without the cache),
  except the engine's objects, held as follows;
- the **page** (`page_inputs`): its address, title, text as HTML, table of contents, meta,
  canonical and edit addresses, neighbours and ancestors: what Material's and the portal's
  templates read of it;
- the **navigation** (`navigation_inputs`): every entry's kind, title, address, meta and
  whether it is active on this page;
- the **configuration**: what changes from page to page (`extra`, where static-i18n and the
  portal put the language switcher) with the page; the rest comes from mkdocs.yml, the
  environment and the code, which the pass's inputs hold;
- the **pass's inputs** (`PassInputs`, once per language pass): mkdocs.yml and the environment
  variables it reads, those that change what a page is (`PAGE_ENVIRONMENT`), the language, the
  versions of every package whose code writes into the HTML, the portal's code (its UI strings
  and template globals), the theme's own folder (overrides/), and every file of docs/ by name, size and modification time, except Markdown
  pages, by name only: what a page's text gives other pages (its title, its front matter
  through the content model) reaches them through the page objects, the navigation and the
  portal's views, which are in the key as values. The context's `build_date_utc` and `pages`
  are not in the key: no template reads them (a test holds every template to that).

A template that wrote something on the side would lose it with the render: the one that does,
`responsive_image` (a photo's variants, written into the site), is recorded with the output
and done again when the output is used. A render that logged anything is not kept, so that the
next build says it again. `cache_check` (PORTAL_VERIFY_CACHES) renders the pages it covers again
and compares, as for the other caches; the tests edit a built site in every way an editor can
and require the bytes of a build without any cache."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import tempfile
import zlib
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from zoneinfo import ZoneInfo

from markupsafe import Markup

from . import compat
from .cache_check import CacheCheck
from .fingerprint import CODE_FOLDER, tree_fingerprint
from .log_counter import LogCounter
from .markdown_render import code_versions
from .sharding import Part, Shard, ShardError

log = logging.getLogger("mkdocs.plugins.portal")

FORMAT = "1"
"""Bump when what this module stores, or what its key holds, changes."""

PACKAGES_IN_FRAME = ("Jinja2", "MarkupSafe", "Pillow")
"""Besides `markdown_render.PACKAGES_IN_HTML`: the template engine, its escaping, and the image
library that measures the photos a template shows."""

NOT_IN_KEY = frozenset({"build_date_utc", "pages"})
"""Context variables the key leaves out: the moment of the build (in every page, it would make
every key new) and the list of every file. No template may read them (tests/test_page_cache.py)."""

PAGE_ENVIRONMENT = ("PORTAL_ONLY_LANGUAGE", "PORTAL_PREVIEW_FUTURE")
"""Environment variables that change what a page is: one language at the site's root (`portal
serve --lang`), scheduled versions shown (`portal serve --future`). The key also holds every
variable mkdocs.yml reads (`!ENV`)."""

NOT_PAGE_ENVIRONMENT = {
    "PORTAL_NOW": "the moment of the build acts on pages only through the content model (what is "
                  "published, scheduled, updated), whose views are values of the context",
    "PORTAL_BUILD_LANGUAGES": "which part of the site a process builds: a part gives the bytes of a whole build",
    "PORTAL_BUILD_CHECKED": "whether the caller has run the content checks",
    "PORTAL_BUILD_SPEEDUPS": "with the speed-ups off, no page is kept",
    "PORTAL_VERIFY_CACHES": "whether the caches are checked",
    "PORTAL_ALLOW_UNTESTED_VERSIONS": "whether untested versions may build (the versions are in the key)",
    "PORTAL_LANG": "the language of the tools' messages",
    "PORTAL_LIBRETRANSLATE_KEY": "the translation service's key",
}
"""The portal's other environment variables, and why no page depends on them (a test holds
every variable the code reads to one of the two lists)."""

_ENV_TAG = re.compile(rb"!ENV\s*(\[[^\]\n]*\]|\S+)")
_NAME = re.compile(rb"^[A-Za-z_][A-Za-z0-9_]*$")


def configuration_variables(config_text: bytes) -> list[str]:
    """The environment variables a configuration reads with `!ENV NAME` or `!ENV [NAME, ...,
    default]` (any bare name in the list: a default that looks like one costs nothing)."""
    names = []
    for found in _ENV_TAG.finditer(config_text):
        for token in found.group(1).strip(b"[]").split(b","):
            token = token.strip()
            if _NAME.match(token):
                names.append(token.decode("ascii"))
    return names


PASS_LEVEL = frozenset({"config", "i18n_config"})
"""Context variables made from mkdocs.yml, the language and the code (the pass's inputs); the
part of `config` that changes from page to page (`extra`) is held with the page."""


class Unkeyable(TypeError):
    """A value the key cannot write down exactly."""


_PLAIN_CLASSES = frozenset({Markup, date, datetime, time, timedelta, timezone, ZoneInfo})
"""Besides what pickle writes natively (text, numbers, None, lists, tuples, dicts, sets)."""


class _HashWriter:
    def __init__(self, digest):
        self.write = digest.update


class _KeyPickler(pickle.Pickler):
    """Writes a value into a hash exactly, refusing anything but plain data: text, `Markup`,
    numbers, dates, and lists, tuples, dicts and sets of them. Pickle writes what an object
    holds, so two values of these kinds that write the same bytes are equal (equal values may
    write different bytes, a set's order: that only costs a render)."""

    def reducer_override(self, obj):
        kind = type(obj)
        if kind in _PLAIN_CLASSES:
            return (ZoneInfo, (obj.key,)) if kind is ZoneInfo else NotImplemented
        if kind is type and obj in _PLAIN_CLASSES:
            return NotImplemented
        raise Unkeyable(f"a {kind.__name__}")


def write_into(digest, value) -> None:
    """Add `value` to `digest` exactly (`_KeyPickler`). Raises Unkeyable."""
    pickler = _KeyPickler(_HashWriter(digest), protocol=5)
    # No memo: an object met twice is written twice, so the bytes do not depend on which equal
    # values happen to be one object (a site model read anew or from the content cache).
    pickler.fast = True
    try:
        pickler.dump(value)
    except (ValueError, RecursionError) as error:  # a value that holds itself
        raise Unkeyable(str(error)) from None


def page_inputs(page) -> tuple:
    """What the templates read of the page (Material's and the portal's: `page.<name>`)."""
    def neighbour(other):
        return None if other is None else (other.title, other.url)

    return (page.file.src_uri, page.url, page.title, page.content, compat.toc_outline(page.toc),
            dict(page.meta), page.canonical_url, page.abs_url, page.edit_url, page.is_homepage,
            neighbour(page.previous_page), neighbour(page.next_page),
            tuple((type(item).__name__, item.title, getattr(item, "url", None)) for item in page.ancestors),
            None if page.parent is None else (page.parent.title, getattr(page.parent, "url", None)))


def navigation_inputs(nav) -> tuple:
    """Every entry of the navigation as its templates read it on this page."""
    if nav is None:
        return ("no navigation",)

    def entries(items):
        return tuple((type(item).__name__, item.title, getattr(item, "url", None), bool(getattr(item, "active", False)),
                      bool(getattr(item, "is_index", False)), dict(getattr(item, "meta", None) or {}),
                      entries(getattr(item, "children", None) or ()))
                     for item in items)

    return entries(nav.items), nav.homepage.url if nav.homepage is not None else None


def configuration_inputs(config) -> tuple:
    """The part of the configuration that changes from page to page: `extra`, as items and as
    attributes (static-i18n sets `extra.alternate` as an attribute, which Jinja reads first)."""
    extra = config.extra
    return (dict(extra), getattr(extra, "alternate", None))


def frame_sources_fingerprint(config) -> str:
    """docs/ (Markdown pages by name only), the portal's code and the theme's own folder: the
    files a page's frame can be made from outside its context (module docstring)."""
    theme_folders = [Path(folder) for folder in (config.theme.custom_dir,) if folder]
    return tree_fingerprint((Path(config.docs_dir), CODE_FOLDER, *theme_folders),
                            by_name_only=lambda name: name.endswith(".md"))


class PassInputs:
    """What every page of a language pass is made from besides its context (module docstring)."""

    def __init__(self, config, lang: str, sources_fingerprint: str, environment=os.environ):
        packages = []
        for name in PACKAGES_IN_FRAME:
            try:
                packages.append(f"{name}={version(name)}")
            except PackageNotFoundError:
                packages.append(f"{name}=-")
        config_file = config.config_file_path
        try:
            config_text = Path(config_file).read_bytes() if config_file else b""
        except OSError:
            config_text = None
        self.digest = hashlib.sha256(repr((
            FORMAT, lang, code_versions(), packages, config_file, config_text, sources_fingerprint,
            [(name, environment.get(name))
             for name in (*PAGE_ENVIRONMENT, *configuration_variables(config_text or b""))],
        )).encode("utf-8", "surrogatepass")).digest()


class PageKeys:
    """The keys of a pass's pages (`key`). What every page of the pass shares, the same objects
    in every context (`shared`: `LanguagePass.common_context`, made once per pass and never
    changed), is written down once."""

    def __init__(self, pass_inputs: PassInputs, shared: dict | None = None):
        self.inputs = pass_inputs.digest
        self._shared = dict(shared or {})
        self._shared_digest: bytes | None = None

    def _shared_part(self) -> bytes:
        if self._shared_digest is None:
            digest = hashlib.sha256()
            write_into(digest, sorted(self._shared.items()))
            self._shared_digest = digest.digest()
        return self._shared_digest

    def key(self, template_name: str | None, context: dict) -> bytes:
        """The key of a page's output: everything its template can read (module docstring).
        Raises Unkeyable."""
        parts = [template_name]
        shared = []
        for name in sorted(context):
            if name in NOT_IN_KEY or name in PASS_LEVEL:
                continue
            value = context[name]
            if name in self._shared and self._shared[name] is value:
                shared.append(name)
            elif name == "page":
                parts.append(("page", page_inputs(value) if value is not None else None))
            elif name == "nav":
                parts.append(("nav", navigation_inputs(value)))
            else:
                parts.append((name, value))
        config = context.get("config")
        parts.append(("config", configuration_inputs(config) if config is not None else None))
        digest = hashlib.blake2b(self.inputs, digest_size=32)
        if shared:
            parts.append(("shared", shared))
            digest.update(self._shared_part())
        write_into(digest, parts)
        return digest.digest()


def _part_named(name: str) -> Part | None:
    """The part of a language a name says (`ja:0-182`, or its file's stem `ja-0-182`; `ja` is the
    whole language), read as `portal build --languages` reads it; None for another name."""
    try:
        parts = Shard.parse(name if ":" in name else name.replace("-", ":", 1)).parts
    except ShardError:
        return None
    return parts[0] if len(parts) == 1 else None


class PageOutputCache:
    """The kept pages of one language pass, or of a part of one (`name`: `vi`, `ja:0-182`...):
    one file each, so that processes building different parts never write the same file.

    Where a language is split between the processes of `portal build --jobs` depends on how many
    pages each language has, so a new article can move the split (`ja:0-183`): a part whose own
    file is missing reads the files the language's earlier parts left (an entry is used only for
    its own key, wherever it was kept). When it saves its own file, a part removes the language's
    files whose range of pages overlaps its own: those of an earlier split (the parts of one
    build never overlap)."""

    def __init__(self, folder: Path, name: str, keys: PageKeys, check: CacheCheck | None = None,
                 replay_image: Callable[[str], object] | None = None):
        self.folder = Path(folder)
        self.part = _part_named(name) or Part(name)
        self.path = self.folder / f"{re.sub(r'[^a-z0-9-]', '-', name)}.pickle"
        self.keys = keys
        self.inputs = keys.inputs
        self.check = check
        self.replay_image = replay_image
        """Write a photo's variants into the site, as `responsive_image` did in the render."""
        self._entries: dict[str, tuple[bytes, bytes, tuple[str, ...]]] = self._load()
        self._used: set[str] = set()
        self._changed = False
        self._logged = LogCounter()
        self._images: list[str] | None = None
        self.hits = 0
        self.misses = 0
        self.unkeyable = 0

    def _language_files(self) -> list[Path]:
        return [path for path in self.folder.glob(f"{self.part.lang}*.pickle")
                if getattr(_part_named(path.stem), "lang", None) == self.part.lang]

    def _read(self, path: Path) -> dict | None:
        try:
            with open(path, "rb") as stream:
                inputs, entries = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None
        return entries if inputs == self.inputs and isinstance(entries, dict) else {}

    def _load(self) -> dict:
        entries = self._read(self.path)
        if entries is not None:
            return entries
        merged: dict = {}
        for path in self._language_files():
            merged.update(self._read(path) or {})
        return merged

    def image_used(self, path) -> None:
        """`responsive_image(path)` was called by the render under way."""
        if self._images is not None:
            self._images.append(path)

    def render(self, template, render_template, context: dict) -> str:
        """`template`'s output for `context`: the kept one when the key matches, else a render."""
        page = context.get("page")
        src_uri = getattr(getattr(page, "file", None), "src_uri", None)
        if src_uri is None:
            return render_template(context)
        try:
            key = self.keys.key(template.name, context)
        except Unkeyable as reason:
            self.unkeyable += 1
            log.debug(f"page cache: {src_uri} rendered, not kept: its context holds {reason}")
            return render_template(context)
        self._used.add(src_uri)
        kept = self._entries.get(src_uri)
        if kept is not None and kept[0] == key:
            self.hits += 1
            output = zlib.decompress(kept[1]).decode("utf-8", "surrogatepass")
            if self.replay_image is not None:
                for path in kept[2]:
                    self.replay_image(path)
            if self.check is not None and self.check.covers(src_uri):
                self.check.page_outputs += 1
                self.check.compare("the page kept by the page cache", src_uri, output, render_template(context))
            return output
        self.misses += 1
        self._images = []
        try:
            with self._logged.listening() as logged:
                output = render_template(context)
            images = tuple(self._images)
        finally:
            self._images = None
        if logged.count == 0:
            self._entries[src_uri] = (key, zlib.compress(output.encode("utf-8", "surrogatepass"), 1), images)
            self._changed = True
        else:
            self._entries.pop(src_uri, None)
        return output

    def save(self) -> None:
        """Keep the pages this pass rendered or used (and only those); remove the files of an
        earlier split of the language (`PageOutputCache`)."""
        try:
            if self._changed or len(self._used) != len(self._entries) or not self.path.exists():
                entries = {name: entry for name, entry in self._entries.items() if name in self._used}
                self.folder.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump((self.inputs, entries), stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, self.path)
                self._entries, self._changed = entries, False
            for path in self._language_files():
                other = _part_named(path.stem)
                if path != self.path and other.start < self.part.end and self.part.start < other.end:
                    path.unlink()
        except OSError as error:
            log.debug(f"page cache not kept: {error}")
