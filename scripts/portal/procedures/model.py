"""Procedure records as objects: a `Procedure` is the set of files `docs/procedures/<name>.*.md`
sharing a name, each file one language version (as an article is for news).

Data values (code, field, dates, counts, URLs...) are given in the Vietnamese source; a
translation that leaves them out inherits them, so `version.meta` is always complete while
`version.own` is what the file says."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..languages import split_language_suffix
from ..messages import _
from ..problems import Problem
from .records import Record, RecordFolder, RecordVersion
from .schema import PROCEDURE, parse_date
from .vocabulary import Vocabulary, load_vocabulary

PROCEDURES_FOLDER = "procedures"
CATALOGUE_NORM = "procedures/"
PRINT_NORM = "procedures/print/"
RECORDS = RecordFolder(
    PROCEDURES_FOLDER,
    # `index.<lang>.md` holds the catalogue's introduction; `print` is the desk print-out's address.
    ("index", "print"),
    lambda filename: (_("procedure records live directly in docs/procedures/"),
                      _("move it to {path}").format(path=f"docs/{PROCEDURES_FOLDER}/{filename}")))


class ProcedureVersion(RecordVersion):
    """One language version of a procedure record."""


class Procedure(Record[ProcedureVersion]):
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
    return RECORDS.is_record_file(rel_path)


def load_procedures(docs_dir: Path, shown=lambda rel: f"docs/{rel}") -> tuple[Procedures, list[Problem]]:
    """Every record under docs/procedures, and the problems that keep a file from being read at
    all (the schema is checked by `portal.procedures.checks`). `shown(rel_path)` names files in
    problems."""
    docs_dir = Path(docs_dir)
    vocabulary, problems = load_vocabulary(docs_dir)
    procedures = Procedures(docs_dir, vocabulary)
    problems += RECORDS.read(docs_dir, procedures.by_name, procedures.intros, ProcedureVersion, Procedure,
                             PROCEDURE, shown)
    return procedures, problems
