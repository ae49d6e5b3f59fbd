"""The files attached to a document record: which formats the portal publishes, how to tell that
a file really is one (its first bytes), and what a reader is told about it before downloading
(format, size, language).

A file is given by its path relative to the record (`files/ke-hoach-17-kh-nv.pdf`), inside the
docs folder, without a language suffix (the record's `language:` says which language it is in;
a suffixed name would be published under that language's folder only)."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..content.markdown_links import is_web_url, resolve_target
from ..languages import CODES
from ..messages import _
from ..source_files import is_existing_file

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class FileFormat:
    extension: str
    media_type: str
    magic: bytes
    """How the file starts."""

    @property
    def label(self) -> str:
        """What readers are told: the format's own name, the same in every language."""
        return self.extension.upper()


FORMATS: dict[str, FileFormat] = {f.extension: f for f in (
    FileFormat("pdf", "application/pdf", b"%PDF-"),
    FileFormat("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    FileFormat("doc", "application/msword", _OLE),
    FileFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    FileFormat("xls", "application/vnd.ms-excel", _OLE),
    FileFormat("odt", "application/vnd.oasis.opendocument.text", _ZIP),
    FileFormat("ods", "application/vnd.oasis.opendocument.spreadsheet", _ZIP),
)}


def file_format(path: str) -> FileFormat | None:
    return FORMATS.get(posixpath.splitext(path)[1].lstrip(".").lower())


def attachment_target(record_rel_path: str, value: str) -> str | None:
    """The docs-relative path of an attached file as written in the record, or None when the
    value is not a relative path inside the docs folder."""
    if not isinstance(value, str) or not value.strip() or value.startswith("/") or "\\" in value:
        return None
    target = resolve_target(Path("."), record_rel_path, value.strip())
    if target is None or target == ".." or target.startswith("../") or "?" in value or "#" in value:
        return None
    return target


def attachment_problem(docs_dir: Path, record_rel_path: str, value) -> tuple[str, str] | None:
    """(message, fix) when `value` is not a publishable file next to the record; None when it is."""
    if isinstance(value, str) and is_web_url(value):
        return (_("'{value}' is a web address").format(value=value),
                _("put the file in the docs folder (e.g. docs/documents/files/) and give its path, e.g. files/ke-hoach-17-kh-nv.pdf"))
    target = attachment_target(record_rel_path, value)
    if target is None:
        return (_("'{value}' is not a file path").format(value=value),
                _("give the path of the file relative to this record, inside docs/, e.g. files/ke-hoach-17-kh-nv.pdf"))
    shown = f"docs/{target}"
    kind = file_format(target)
    if kind is None:
        return (_("{shown}: this kind of file is not published").format(shown=shown),
                _("attach a {formats} file").format(formats=", ".join(f.label for f in FORMATS.values())))
    stem = posixpath.basename(target).rsplit(".", 1)[0]
    if "." in stem and stem.rsplit(".", 1)[1] in CODES:
        return (_("{shown}: the name ends with a language code").format(shown=shown),
                _("rename the file without '.{code}' (e.g. {name}-{code}.{extension}); `language:` says its language").format(
                    code=stem.rsplit(".", 1)[1], name=stem.rsplit(".", 1)[0], extension=kind.extension))
    path = Path(docs_dir) / target
    if os.path.islink(path):
        return (_("{shown} is a symbolic link").format(shown=shown), _("put the file itself there"))
    if not is_existing_file(path):
        return (_("{shown} does not exist").format(shown=shown),
                _("put the file there or correct the path (relative to this record)"))
    try:
        with open(path, "rb") as stream:
            start = stream.read(len(kind.magic))
    except OSError as error:
        return (_("{shown} cannot be read ({problem})").format(shown=shown, problem=error.strerror or error),
                _("check the file's permissions"))
    if not start:
        return (_("{shown} is empty").format(shown=shown), _("attach the document's file itself"))
    if start != kind.magic:
        return (_("{shown} is not a {format} file (its content is of another kind)").format(shown=shown, format=kind.label),
                _("export the document as {format} again, or give the file the extension of its real format").format(format=kind.label))
    return None


def file_size(docs_dir: Path, target: str) -> int | None:
    try:
        return (Path(docs_dir) / target).stat().st_size
    except OSError:
        return None
