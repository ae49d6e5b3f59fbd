"""Pages' front matter as MkDocs reads it, kept between builds.

MkDocs reads every page's front matter with its own reader (`utils.meta.get_data`: PyYAML's
`CSafeLoader`, whose constructor is Python) on every build: about a twentieth of a warm build.
The portal's content model has read the same front matter, but with its own reader
(`portal.safe_yaml`, which keeps dates as text), so its values are not MkDocs' and cannot stand in
for them. Instead MkDocs' own answers are kept: for each page text (its SHA-256, the whole file
as read), the Markdown after the front matter and the meta, exactly as `get_data` gave them, in
one file per language pass (or part of a language, for a shard of `portal build`), so that
processes building different parts never write the same file. The file names the reader's code
(`compat.front_matter_reader`: the engine's and PyYAML's versions, libyaml or not) and is used
only by the same; an entry is read back as a new copy every time (pages' meta is changed by
plugins). A text not seen before is read by MkDocs' reader and kept. Bad front matter is read
the way MkDocs reads it (its reader gives no meta rather than an error); the build has refused
it before (the content checks).

`cache_check` (PORTAL_VERIFY_CACHES) reads the pages it covers again with MkDocs' reader and
compares."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import tempfile
from pathlib import Path

from . import compat
from .cache_check import CacheCheck

log = logging.getLogger("mkdocs.plugins.portal")

FORMAT = "1"
"""Bump when what this module stores changes."""


class FrontMatterCache:
    """The kept front matter of one language pass (`name`: `vi`, `ja:0-182`...)."""

    def __init__(self, folder: Path, name: str, check: CacheCheck | None = None):
        self.path = Path(folder) / f"{re.sub(r'[^a-z0-9-]', '-', name)}.pickle"
        self.check = check
        self.reader = f"{FORMAT}:{compat.front_matter_reader()}"
        self._entries: dict[bytes, bytes] = self._load()
        self._used: set[bytes] = set()
        self._changed = False
        self.hits = 0
        self.misses = 0

    def _load(self) -> dict[bytes, bytes]:
        try:
            with open(self.path, "rb") as stream:
                reader, entries = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return {}
        return entries if reader == self.reader and isinstance(entries, dict) else {}

    def get_data(self, source: str, src_uri: str | None = None) -> tuple[str, dict]:
        """(markdown, meta) of the page text `source`, as MkDocs' `get_data` gives them."""
        key = hashlib.sha256(source.encode("utf-8", "surrogatepass")).digest()
        self._used.add(key)
        kept = self._entries.get(key)
        if kept is None:
            self.misses += 1
            markdown, meta = compat.read_front_matter(source)
            # The Markdown is the end of the text but for MultiMarkdown-style meta (line endings
            # made \n): kept as its length when it is the text's end, whole otherwise.
            tail = len(markdown) if source.endswith(markdown) else markdown
            self._entries[key] = pickle.dumps((tail, meta), protocol=pickle.HIGHEST_PROTOCOL)
            self._changed = True
            return markdown, meta
        self.hits += 1
        tail, meta = pickle.loads(kept)
        markdown = source[len(source) - tail:] if isinstance(tail, int) else tail
        if self.check is not None and self.check.covers(src_uri):
            fresh = compat.read_front_matter(source)
            self.check.compare("the front matter as MkDocs reads it", src_uri, repr((markdown, meta)), repr(fresh))
        return markdown, meta

    def reader_for(self, page):
        """`get_data` for `page` (`compat.replace_read_source`)."""
        src_uri = page.file.src_uri
        return lambda source: self.get_data(source, src_uri)

    def save(self) -> None:
        """Keep what this pass read (and only that) if anything changed."""
        if not self._changed and len(self._used) == len(self._entries):
            return
        entries = {key: value for key, value in self._entries.items() if key in self._used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((self.reader, entries), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError as error:
            log.debug(f"front matter cache not kept: {error}")
        self._entries, self._changed = entries, False
