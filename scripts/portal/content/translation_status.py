"""The state of a translated version, shared by `portal translate`, `portal translations` and
the site (which shows a notice on machine-translated and on outdated pages).

    from portal.content.translation_status import source_hash_of, state_of
    state = state_of(source_hash_of(source_document, "news/2025/x.vi.md"), translation.meta)

`source_hash_of` hashes only what a translation is made from, the text front-matter fields of
`portal.content.translatable` and the body, so changing a date or a category of the source does not
make its translations outdated, while changing a word of its title or body does.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..front_matter import read_document
from ..languages import DEFAULT, split_language_suffix
from .translatable import text_fields_for
from ..field_paths import iter_text_values, location_label

MACHINE = "machine"
REVIEWED = "reviewed"
OUTDATED = "outdated"
MISSING = "missing"
STATES = (MISSING, MACHINE, REVIEWED, OUTDATED)

STATUS_FIELD = "translation_status"
HASH_FIELD = "source_hash"

_HASH_LENGTH = 16
"""Hex digits kept of the SHA-256: 64 bits, ample to tell versions of one page apart, and short
enough to read in front matter."""


def source_hash_of(document, rel_path: str | None = None) -> str:
    """Hash of a source's translatable content: its text front-matter fields and its body.

    `document` is a `portal.front_matter.Document`, or a `portal.content.news.Version` read with its body
    (`load_news(..., with_body=True)`), or anything with `.meta` and `.body`. `rel_path` (the
    docs-relative path) selects the field list (news or procedure); a Version brings its own.
    """
    if rel_path is None:
        rel_path = getattr(document, "rel_path", None) or ""
    body = getattr(document, "body", None)
    if body is None:
        raise ValueError(f"{rel_path or 'document'}: the body was not read; load the source with its body to hash it")
    fields = [[location_label(location), value] for location, value in iter_text_values(document.meta, text_fields_for(rel_path))]
    canonical = json.dumps({"fields": fields, "body": _normalise_body(body)}, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:_HASH_LENGTH]


def _normalise_body(body: str) -> str:
    # Line endings and blank lines around the body are not content: an editor's tool that
    # changes them must not mark every translation outdated.
    return body.replace("\r\n", "\n").strip()


def state_of(source_hash_now: str | None, translation_meta: dict) -> str:
    """`machine`, `reviewed` or `outdated` for an existing translated version.

    Outdated: the version records a `source_hash` and it differs from the source's current one
    (whatever its status: a reviewed page goes stale too). Otherwise its `translation_status`:
    `machine`, or reviewed for `reviewed` and for no status at all (written by hand). A status
    that is neither is read as reviewed: it came from a person, and machine output never has it.
    """
    recorded = translation_meta.get(HASH_FIELD)
    if recorded is not None and source_hash_now is not None and str(recorded) != source_hash_now:
        return OUTDATED
    if translation_meta.get(STATUS_FIELD) == MACHINE:
        return MACHINE
    return REVIEWED


def is_protected(translation_meta: dict) -> bool:
    """True for a version `portal translate` must not overwrite without --force."""
    return translation_meta.get(STATUS_FIELD) != MACHINE


def source_rel_path(docs_dir: Path, rel_path: str) -> str | None:
    """The Vietnamese source of a version (`NAME.vi.md`, else `NAME.md`), or None if neither exists."""
    folder, _slash, filename = rel_path.rpartition("/")
    base = split_language_suffix(filename)[0]
    for candidate in (f"{base}.{DEFAULT}.md", f"{base}.md"):
        candidate_rel = f"{folder}/{candidate}" if folder else candidate
        if (Path(docs_dir) / candidate_rel).is_file():
            return candidate_rel
    return None


def version_state(docs_dir: Path, rel_path: str) -> str:
    """State of the version at docs-relative `rel_path`: `missing` when the file does not exist,
    else as `state_of`. Without a source to compare with, the version cannot be outdated."""
    docs_dir = Path(docs_dir)
    path = docs_dir / rel_path
    if not path.is_file():
        return MISSING
    translation = read_document(path)
    source_rel = source_rel_path(docs_dir, rel_path)
    now = source_hash_of(read_document(docs_dir / source_rel), source_rel) if source_rel else None
    return state_of(now, translation.meta)
