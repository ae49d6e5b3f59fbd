"""Marking translations as reviewed: the editor's last step, which also records which source
text the reviewed version matches, so a later change of the source shows it as outdated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..file_writing import atomic_write_text
from ..front_matter import read_document, render_document
from ..languages import DEFAULT, split_language_suffix
from ..messages import _
from ..content.translation_status import HASH_FIELD, REVIEWED, STATUS_FIELD, source_hash_of, source_rel_path


class ReviewError(ValueError):
    pass


@dataclass(frozen=True)
class Reviewed:
    path: Path
    source_hash: str


def mark_reviewed(docs_dir: Path, path: Path) -> Reviewed:
    """Set `translation_status: reviewed` and the current `source_hash` on one translation."""
    docs_dir, path = Path(docs_dir).resolve(), Path(path).resolve()
    try:
        rel_path = path.relative_to(docs_dir).as_posix()
    except ValueError:
        raise ReviewError(_("{path}: not inside {folder}").format(path=path, folder=docs_dir)) from None
    if split_language_suffix(path.name)[1] == DEFAULT:
        raise ReviewError(_("{path}: this is a Vietnamese source, not a translation; give NAME.<lang>.md").format(path=rel_path))
    if not path.is_file():
        raise ReviewError(_("{path}: no such file").format(path=rel_path))
    source = source_rel_path(docs_dir, rel_path)
    if source is None:
        raise ReviewError(_("{path}: no Vietnamese source next to it (NAME.vi.md or NAME.md)").format(path=rel_path))
    current = source_hash_of(read_document(docs_dir / source), source)
    document = read_document(path)
    meta = {**document.meta, STATUS_FIELD: REVIEWED, HASH_FIELD: current}
    atomic_write_text(path, render_document(meta, document.body))
    return Reviewed(path, current)
