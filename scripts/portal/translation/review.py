"""Marking translations as reviewed: the editor's last step, which also records which source
text the reviewed version matches, so a later change of the source shows it as outdated.

The same step records a change of a published page (`portal review FILE --note "..."`): its
`updated` and `change_note` (`portal.content.change_notes`), on a translation as it is marked
reviewed, or on a Vietnamese source or a static page alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..clock import current_moment
from ..content.change_notes import NOTE_FIELD, UPDATED_FIELD, change_problems
from ..file_writing import atomic_write_text
from ..front_matter import read_document, render_document
from ..languages import DEFAULT, split_language_suffix
from ..messages import _
from ..problems import InputError
from ..content.translation_status import HASH_FIELD, REVIEWED, STATUS_FIELD, source_hash_of, source_rel_path
from ..timezone import DateError, parse_publication_time

PROCEDURES_FOLDER = "procedures/"


class ReviewError(ValueError):
    pass


@dataclass(frozen=True)
class ChangeNote:
    """A change to record: `updated` as it is written in the front matter, and the note."""

    updated: str
    """A date (`2025-12-24`) or a date-time with its offset (`2025-12-24T09:30:00+07:00`)."""
    note: str


@dataclass(frozen=True)
class Reviewed:
    path: Path
    source_hash: str | None
    """None when no translation was marked (a change noted on a source or a page)."""
    change: ChangeNote | None = None


def change_at(moment: datetime, note: str) -> ChangeNote:
    """A change made at `moment` (to the second), described by `note`."""
    return ChangeNote(moment.replace(microsecond=0).isoformat(), note)


def mark_reviewed(docs_dir: Path, path: Path, change: ChangeNote | None = None, *,
                  now: datetime | None = None) -> Reviewed:
    """Set `translation_status: reviewed` and the current `source_hash` on one translation and,
    with `change`, its `updated` and `change_note`. With `change`, a Vietnamese source or a page
    that is not a translation gets the change alone. `now` is the moment the change is checked
    against (not after it)."""
    docs_dir, path = Path(docs_dir).resolve(), Path(path).resolve()
    try:
        rel_path = path.relative_to(docs_dir).as_posix()
    except ValueError:
        raise ReviewError(_("{path}: not inside {folder}").format(path=path, folder=docs_dir)) from None
    if not path.is_file():
        raise ReviewError(_("{path}: no such file").format(path=rel_path))
    is_source = split_language_suffix(path.name)[1] == DEFAULT
    if is_source and change is None:
        raise ReviewError(_("{path}: this is a Vietnamese source, not a translation; give NAME.<lang>.md "
                            "(or add --note \"...\" to record a change of the source)").format(path=rel_path))
    if change is not None and rel_path.startswith(PROCEDURES_FOLDER):
        raise ReviewError(_("{path}: a procedure record is dated by its own 'updated' field; change it there "
                            "(no change note)").format(path=rel_path))
    document = _read(docs_dir, rel_path)
    meta = dict(document.meta)
    current = None
    if not is_source:
        source = source_rel_path(docs_dir, rel_path)
        if source is None:
            raise ReviewError(_("{path}: no Vietnamese source next to it (NAME.vi.md or NAME.md)").format(path=rel_path))
        current = source_hash_of(_read(docs_dir, source), source)
        meta.update({STATUS_FIELD: REVIEWED, HASH_FIELD: current})
    if change is not None:
        meta.update({UPDATED_FIELD: change.updated, NOTE_FIELD: change.note})
        refusals = change_problems(meta, _publication_of(docs_dir, rel_path, document.meta), now or current_moment())
        if refusals:
            field, what, fix = refusals[0]
            raise ReviewError(f"{rel_path}: {field}: {what}; {fix}")
    atomic_write_text(path, render_document(meta, document.body))
    return Reviewed(path, current, change)


def _read(docs_dir: Path, rel_path: str):
    """The page at `rel_path`, or a ReviewError naming its file, line and fix (front matter
    never closed, a byte that is not UTF-8...): nothing is written then."""
    try:
        return read_document(docs_dir / rel_path)
    except InputError as error:
        raise ReviewError(str(error.problem(f"{docs_dir.name}/{rel_path}"))) from None


def _publication_of(docs_dir: Path, rel_path: str, meta: dict) -> datetime | None:
    """A news version's publication time (its `date`, else its source's); None for a page."""
    written = meta.get("date")
    if written is None and not split_language_suffix(rel_path.rsplit("/", 1)[-1])[1] == DEFAULT:
        source = source_rel_path(docs_dir, rel_path)
        written = _read(docs_dir, source).meta.get("date") if source else None
    try:
        return parse_publication_time(written) if written is not None else None
    except DateError:
        return None  # `portal check` reports it
