"""Records kept one file per language version in one folder of docs/ —
`docs/<folder>/<name>.<lang>.md` — as the procedures are and the documents are after them.

What reading such a folder means is the same for both: the files directly in the folder (a
symbolic link is not followed: `portal check` reports it), `index.<lang>.md` as the list's
introduction, other reserved names refused, one version per language, the front matter read by
the one safe reader, and each translation completed with the Vietnamese record's data
(`schema.inherit`). The models (`procedures.model`, `documents.model`) add what their records mean."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generic, TypeVar

from ..front_matter import parse_yaml, split_front_matter
from ..languages import CODES, DEFAULT, split_language_suffix, unknown_language_suffix
from ..messages import _
from ..problems import InputError, Problem
from ..source_files import read_text
from ..yaml_lines import Location, line_of, value_lines
from .schema import PROCEDURE, Node, inherit

INTRODUCTION = "index"
"""`index.<lang>.md` holds the introduction of the folder's list."""


@dataclass
class RecordVersion:
    rel_path: str
    """docs-relative path: `procedures/abtc-doanh-nhan.en.md`."""
    name: str
    lang: str
    own: dict
    """The front matter as written in the file."""
    meta: dict
    """`own` completed with the source's data (the same as `own` for the source)."""
    body: str
    lines: dict[Location, int]
    conflicts: list[tuple[Location, Any, Any]] = field(default_factory=list)
    """Data this translation repeats with another value than the source's."""

    def line_of(self, location: Location) -> int:
        return line_of(self.lines, location)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")


VersionT = TypeVar("VersionT", bound=RecordVersion)


@dataclass
class Record(Generic[VersionT]):
    """The language versions of one record, sharing a name."""

    name: str
    versions: dict[str, VersionT] = field(default_factory=dict)

    @property
    def source(self) -> VersionT | None:
        return self.versions.get(DEFAULT)

    @property
    def data(self) -> dict:
        """The language-independent values, from the Vietnamese record."""
        return self.source.meta if self.source else {}

    def languages(self) -> list[str]:
        return [lang for lang in CODES if lang in self.versions]

    def version_for(self, lang: str) -> VersionT | None:
        """The version in `lang`, else the Vietnamese record (shown marked as such)."""
        return self.versions.get(lang) or self.source


@dataclass
class RecordFolder:
    """How one section keeps its records."""

    folder: str
    """The folder under docs/: `procedures`."""
    reserved: tuple[str, ...]
    """File names the site uses for pages of its own (the introduction among them)."""
    misplaced: Callable[[str], tuple[str, str]]
    """(message, fix) for a record file in a subfolder, given its file name."""

    def is_record_file(self, rel_path: str) -> bool:
        """`<folder>/<name>.<lang>.md`, directly in the folder, and not a reserved name."""
        folder, _slash, filename = rel_path.rpartition("/")
        return (folder == self.folder and filename.endswith(".md") and not filename.startswith((".", "_"))
                and split_language_suffix(filename)[0] not in self.reserved)

    def read(self, docs_dir: Path, records: dict[str, Record], intros: dict[str, str],
             make_version: Callable[..., RecordVersion], make_record: Callable[[str], Record],
             schema: Node = PROCEDURE, shown=lambda rel: f"docs/{rel}") -> list[Problem]:
        """Reads every record file into `records` (name -> Record, versions made by
        `make_version(rel_path, name, lang, own, meta, body, lines)`) and the introductions into
        `intros` (language -> docs-relative path); returns the problems that keep a file from
        being read at all. Translations inherit the source's data as `schema` says."""
        problems: list[Problem] = []
        folder = Path(docs_dir) / self.folder
        if not folder.is_dir():
            return problems
        for path, rel_path in _markdown_files(folder, Path(docs_dir)):
            filename = rel_path.rsplit("/", 1)[-1]
            if unknown_language_suffix(filename):
                continue  # no record of the site until renamed: `portal check` names it
            name, lang = split_language_suffix(filename)
            if rel_path.count("/") > 1:
                problems.append(Problem(shown(rel_path), 1, "file", *self.misplaced(filename)))
                continue
            if name == INTRODUCTION:
                intros[lang] = rel_path
                continue
            if name in self.reserved:
                problems.append(Problem(shown(rel_path), 1, "file", _("'{name}' is reserved for a page the site makes").format(
                    name=name), _("give the record another file name")))
                continue
            try:
                front, body, _body_line = split_front_matter(read_text(path))
                own = parse_yaml(front or "")
            except InputError as error:
                problems.append(error.problem(shown(rel_path)))
                continue
            record = records.setdefault(name, make_record(name))
            if lang in record.versions:
                other = record.versions[lang].rel_path
                problems.append(Problem(shown(rel_path), 1, "file",
                                        _("a second {lang} version of {name} (also {other})").format(lang=lang, name=name, other=other),
                                        _("keep one file: 'NAME.md' and 'NAME.vi.md' are both Vietnamese")))
                continue
            record.versions[lang] = make_version(rel_path, name, lang, own, own, body, value_lines(front or "", 2))
        for record in records.values():
            source = record.source
            if source is None:
                continue
            for version in record.versions.values():
                if version is not source:
                    version.meta, version.conflicts = inherit(source.own, version.own, schema)
        return problems


def _markdown_files(folder: Path, docs_dir: Path):
    for current, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith((".", "_")))
        for filename in sorted(filenames):
            path = Path(current) / filename
            # A link is not followed: `portal check` reports it (source_files).
            if filename.endswith(".md") and not filename.startswith((".", "_")) and not path.is_symlink():
                yield path, path.relative_to(docs_dir).as_posix()
