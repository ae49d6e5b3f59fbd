"""Procedure records as objects: a `Procedure` is the set of files `docs/procedures/<name>.*.md`
sharing a name, each file one language version (as an article is for news).

Data values (code, field, dates, counts, URLs...) are given in the Vietnamese source; a
translation that leaves them out inherits them, so `version.meta` is always complete while
`version.own` is what the file says."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..front_matter import parse_yaml, split_front_matter
from ..languages import CODES, DEFAULT, split_language_suffix, unknown_language_suffix
from ..messages import _
from ..problems import InputError, Problem
from ..source_files import read_text
from .schema import inherit, parse_date
from .vocabulary import Vocabulary, load_vocabulary
from ..yaml_lines import Location, line_of, value_lines

PROCEDURES_FOLDER = "procedures"
CATALOGUE_NORM = "procedures/"
PRINT_NORM = "procedures/print/"
RESERVED_NAMES = ("index", "print")
"""`index.<lang>.md` holds the catalogue's introduction; `print` is the desk print-out's address."""


@dataclass
class ProcedureVersion:
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


@dataclass
class Procedure:
    name: str
    versions: dict[str, ProcedureVersion] = field(default_factory=dict)

    @property
    def source(self) -> ProcedureVersion | None:
        return self.versions.get(DEFAULT)

    @property
    def data(self) -> dict:
        """The language-independent values, from the source."""
        return self.source.meta if self.source else {}

    @property
    def norm(self) -> str:
        return f"{PROCEDURES_FOLDER}/{self.name}/"

    @property
    def code(self) -> str:
        return str(self.data.get("code") or "")

    @property
    def field(self) -> str:
        return str(self.data.get("field") or "")

    @property
    def online_level(self) -> str:
        return str(self.data.get("online_level") or "")

    @property
    def updated(self) -> date | None:
        return parse_date(self.data.get("updated"))

    @property
    def related(self) -> list[str]:
        value = self.data.get("related") or []
        return [str(name) for name in value] if isinstance(value, list) else []

    def languages(self) -> list[str]:
        return [lang for lang in CODES if lang in self.versions]

    def version_for(self, lang: str) -> ProcedureVersion:
        """The version in `lang`, else the Vietnamese source (shown marked as such)."""
        return self.versions.get(lang) or self.source


@dataclass
class Procedures:
    docs_dir: Path
    vocabulary: Vocabulary
    by_name: dict[str, Procedure] = field(default_factory=dict)
    intros: dict[str, str] = field(default_factory=dict)
    """Language -> docs-relative path of the catalogue's introduction page, where there is one."""

    def ordered(self) -> list[Procedure]:
        """Catalogue order: by field as the vocabulary lists them, then by code."""
        field_order = {slug: position for position, slug in enumerate(self.vocabulary.terms("fields"))}
        return sorted(self.by_name.values(),
                      key=lambda p: (field_order.get(p.field, len(field_order)), p.code, p.name))

    def published(self) -> list[Procedure]:
        """Procedures the site shows: those with a Vietnamese source (which carries the data)."""
        return [procedure for procedure in self.ordered() if procedure.source is not None]

    def get(self, name: str) -> Procedure | None:
        return self.by_name.get(name)

    def version_at(self, rel_path: str) -> ProcedureVersion | None:
        name, lang = split_language_suffix(rel_path.rsplit("/", 1)[-1])
        procedure = self.by_name.get(name)
        return procedure.versions.get(lang) if procedure and rel_path.startswith(f"{PROCEDURES_FOLDER}/") else None


def is_procedure_file(rel_path: str) -> bool:
    """`procedures/<name>.<lang>.md`, directly in the folder, and not a reserved name."""
    folder, _slash, filename = rel_path.rpartition("/")
    return (folder == PROCEDURES_FOLDER and filename.endswith(".md")
            and split_language_suffix(filename)[0] not in RESERVED_NAMES)


def load_procedures(docs_dir: Path, shown=lambda rel: f"docs/{rel}") -> tuple[Procedures, list[Problem]]:
    """Every record under docs/procedures, and the problems that keep a file from being read at
    all (the schema is checked by `portal.procedures.checks`). `shown(rel_path)` names files in
    problems."""
    docs_dir = Path(docs_dir)
    vocabulary, problems = load_vocabulary(docs_dir)
    procedures = Procedures(docs_dir, vocabulary)
    folder = docs_dir / PROCEDURES_FOLDER
    if not folder.is_dir():
        return procedures, problems
    for path, rel_path in _markdown_files(folder, docs_dir):
        filename = rel_path.rsplit("/", 1)[-1]
        if unknown_language_suffix(filename):
            continue  # no record of the site until renamed: `portal check` names it
        name, lang = split_language_suffix(filename)
        if rel_path.count("/") > 1:
            problems.append(Problem(shown(rel_path), 1, "file", _("procedure records live directly in docs/procedures/"),
                                    _("move it to {path}").format(path=f"docs/{PROCEDURES_FOLDER}/{filename}")))
            continue
        if name == "index":
            procedures.intros[lang] = rel_path
            continue
        if name in RESERVED_NAMES:
            problems.append(Problem(shown(rel_path), 1, "file", _("'{name}' is reserved for a page the site makes").format(
                name=name), _("give the procedure another file name")))
            continue
        try:
            front, body, body_line = split_front_matter(read_text(path))
            own = parse_yaml(front or "")
        except InputError as error:
            problems.append(error.problem(shown(rel_path)))
            continue
        version = ProcedureVersion(rel_path, name, lang, own, own, body, value_lines(front or "", 2))
        procedures.by_name.setdefault(name, Procedure(name)).versions[lang] = version
    for procedure in procedures.by_name.values():
        source = procedure.source
        if source is None:
            continue
        for version in procedure.versions.values():
            if version is not source:
                version.meta, version.conflicts = inherit(source.own, version.own)
    return procedures, problems


def _markdown_files(folder: Path, docs_dir: Path):
    for current, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith((".", "_")))
        for filename in sorted(filenames):
            path = Path(current) / filename
            # A link is not followed: `portal check` reports it (source_files).
            if filename.endswith(".md") and not filename.startswith((".", "_")) and not path.is_symlink():
                yield path, path.relative_to(docs_dir).as_posix()
