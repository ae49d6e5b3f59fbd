"""Document records as objects: a `Document` is the set of files `docs/documents/<name>.*.md`
sharing a name, each file one language version (as an article is for news, a procedure for
procedures).

The document's data (number, kind, dates, signer's name, files) is given in the Vietnamese
record; a translation that leaves it out inherits it, so `version.meta` is complete while
`version.own` is what the file says.

Publication (CONTENT.md, "Documents"): a language version is on the portal when the Vietnamese
record and the version itself are not drafts and its publication time has come. Its publication
time is its own `date`, else the Vietnamese record's, else the date of issue (midnight, Vietnam
time). Every page, feed and count uses `Document.is_published` / `publication_time`; `now` is the
moment of the build or count (None: no moment, nothing is scheduled)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..front_matter import parse_yaml, split_front_matter
from ..languages import CODES, DEFAULT, split_language_suffix, unknown_language_suffix
from ..messages import _
from ..problems import InputError, Problem
from ..procedures.schema import inherit, parse_date
from ..procedures.vocabulary import Vocabulary
from ..source_files import read_text
from ..timezone import DateError, parse_publication_time
from ..yaml_lines import Location, line_of, value_lines
from .numbers import number_year
from .schema import DOCUMENT, FROM_SIGNING
from .vocabulary import load_document_vocabulary

DOCUMENTS_FOLDER = "documents"
LISTING_NORM = "documents/"
RESERVED_NAMES = ("index",)
"""`index.<lang>.md` holds the list's introduction."""


@dataclass
class DocumentVersion:
    rel_path: str
    """docs-relative path: `documents/ke-hoach-17-kh-nv-2025.en.md`."""
    name: str
    lang: str
    own: dict
    """The front matter as written in the file."""
    meta: dict
    """`own` completed with the source's data (the same as `own` for the source)."""
    body: str
    lines: dict[Location, int]
    conflicts: list[tuple[Location, Any, Any]] = field(default_factory=list)

    def line_of(self, location: Location) -> int:
        return line_of(self.lines, location)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    @property
    def summary(self) -> str:
        value = self.meta.get("summary")
        return value.strip() if isinstance(value, str) else ""

    @property
    def draft(self) -> bool:
        return self.own.get("draft") is True

    @property
    def own_time(self) -> datetime | None:
        """The version's own `date`, parsed; None when absent or unreadable (`portal check` says which)."""
        if self.own.get("date") is None:
            return None
        try:
            return parse_publication_time(self.own["date"])
        except DateError:
            return None


@dataclass
class Document:
    name: str
    versions: dict[str, DocumentVersion] = field(default_factory=dict)

    @property
    def source(self) -> DocumentVersion | None:
        return self.versions.get(DEFAULT)

    @property
    def data(self) -> dict:
        """The language-independent values, from the Vietnamese record."""
        return self.source.meta if self.source else {}

    @property
    def norm(self) -> str:
        return f"{DOCUMENTS_FOLDER}/{self.name}/"

    @property
    def number(self) -> str:
        value = self.data.get("number")
        return value.strip() if isinstance(value, str) else ""

    @property
    def kind(self) -> str:
        value = self.data.get("kind")
        return value if isinstance(value, str) else ""

    @property
    def issued(self) -> date | None:
        return parse_date(self.data.get("issued"))

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else None

    @property
    def number_year(self) -> int | None:
        return number_year(self.number)

    @property
    def effective(self) -> date | str | None:
        """The date it takes effect, `FROM_SIGNING`, or None where the record does not say."""
        value = self.data.get("effective")
        return FROM_SIGNING if value == FROM_SIGNING else parse_date(value)

    @property
    def sample(self) -> bool:
        return self.data.get("sample") is True

    @property
    def files(self) -> list[dict]:
        value = self.data.get("files")
        return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []

    def languages(self) -> list[str]:
        return [lang for lang in CODES if lang in self.versions]

    def version_for(self, lang: str) -> DocumentVersion | None:
        """The version in `lang`, else the Vietnamese record (shown marked as such)."""
        return self.versions.get(lang) or self.source

    def publication_time(self, lang: str) -> datetime | None:
        version = self.versions.get(lang)
        if version is None or self.source is None:
            return None
        moment = version.own_time or self.source.own_time
        if moment is None and self.issued is not None:
            moment = parse_publication_time(self.issued)
        return moment

    def is_published(self, lang: str, now: datetime | None = None) -> bool:
        version = self.versions.get(lang)
        source = self.source
        if version is None or source is None or version.draft or source.draft:
            return False
        moment = self.publication_time(lang)
        return moment is not None and (now is None or moment <= now)

    def published_languages(self, now: datetime | None = None) -> list[str]:
        return [lang for lang in CODES if self.is_published(lang, now)]

    def first_publication(self, now: datetime | None = None) -> datetime | None:
        times = [self.publication_time(lang) for lang in self.published_languages(now)]
        return min(times) if times else None


def newest_first(documents: list[Document]) -> list[Document]:
    """By date of issue, newest first; on one day, the higher number first (numbers of one
    issuer grow through the year), then by name so the order never depends on the disk."""
    ordered = sorted(documents, key=lambda document: document.name)
    ordered.sort(key=lambda document: _leading_number(document.number), reverse=True)
    ordered.sort(key=lambda document: document.issued or date.min, reverse=True)
    return ordered


def _leading_number(number: str) -> int:
    digits = ""
    for character in number:
        if not character.isdigit():
            break
        digits += character
    return int(digits) if digits else 0


@dataclass
class Documents:
    docs_dir: Path
    vocabulary: Vocabulary
    by_name: dict[str, Document] = field(default_factory=dict)
    intros: dict[str, str] = field(default_factory=dict)
    """Language -> docs-relative path of the list's introduction page, where there is one."""

    def listed(self, now: datetime | None = None) -> list[Document]:
        """What the list shows in every language: the documents whose Vietnamese record is
        published, newest first (a language without its own version shows the Vietnamese one,
        marked as such)."""
        return newest_first([document for document in self.by_name.values() if document.is_published(DEFAULT, now)])

    def published(self, lang: str, now: datetime | None = None) -> list[Document]:
        """Documents with a published version of their own in `lang`, newest first."""
        return newest_first([document for document in self.by_name.values() if document.is_published(lang, now)])

    def get(self, name: str) -> Document | None:
        return self.by_name.get(name)

    def steady_span(self, now: datetime) -> tuple[datetime | None, datetime | None]:
        """(since, until) around `now` between which no version reaches its publication time (as
        `News.steady_span` for the news): a site kept between builds is reused only within it."""
        since = until = None
        for document in self.by_name.values():
            for lang in document.versions:
                moment = document.publication_time(lang)
                if moment is None:
                    continue
                if moment <= now:
                    since = moment if since is None or moment > since else since
                elif until is None or moment < until:
                    until = moment
        return since, until

    def version_at(self, rel_path: str) -> DocumentVersion | None:
        if not is_document_file(rel_path):
            return None
        name, lang = split_language_suffix(rel_path.rsplit("/", 1)[-1])
        document = self.by_name.get(name)
        return document.versions.get(lang) if document else None


def is_document_file(rel_path: str) -> bool:
    """`documents/<name>.<lang>.md`, directly in the folder, and not a reserved name."""
    folder, _slash, filename = rel_path.rpartition("/")
    return (folder == DOCUMENTS_FOLDER and filename.endswith(".md") and not filename.startswith((".", "_"))
            and split_language_suffix(filename)[0] not in RESERVED_NAMES)


def load_documents(docs_dir: Path, shown=lambda rel: f"docs/{rel}") -> tuple[Documents, list[Problem]]:
    """Every record under docs/documents, and the problems that keep a file from being read at
    all (the schema is checked by `portal.documents.checks`). `shown(rel_path)` names files in
    problems."""
    docs_dir = Path(docs_dir)
    folder = docs_dir / DOCUMENTS_FOLDER
    if not folder.is_dir():
        return Documents(docs_dir, Vocabulary()), []
    vocabulary, problems = load_document_vocabulary(docs_dir)
    documents = Documents(docs_dir, vocabulary)
    for path, rel_path in _markdown_files(folder, docs_dir):
        filename = rel_path.rsplit("/", 1)[-1]
        if unknown_language_suffix(filename):
            continue  # no record of the site until renamed: `portal check` names it
        name, lang = split_language_suffix(filename)
        if rel_path.count("/") > 1:
            problems.append(Problem(shown(rel_path), 1, "file", _("document records live directly in docs/documents/"),
                                    _("move it to docs/{folder}/{filename}").format(folder=DOCUMENTS_FOLDER, filename=filename)))
            continue
        if name == "index":
            documents.intros[lang] = rel_path
            continue
        try:
            front, body, _body_line = split_front_matter(read_text(path))
            own = parse_yaml(front or "")
        except InputError as error:
            problems.append(error.problem(shown(rel_path)))
            continue
        document = documents.by_name.setdefault(name, Document(name))
        if lang in document.versions:
            other = document.versions[lang].rel_path
            problems.append(Problem(shown(rel_path), 1, "file",
                                    _("a second {lang} version of {name} (also {other})").format(lang=lang, name=name, other=other),
                                    _("keep one file: 'NAME.md' and 'NAME.vi.md' are both Vietnamese")))
            continue
        document.versions[lang] = DocumentVersion(rel_path, name, lang, own, own, body, value_lines(front or "", 2))
    for document in documents.by_name.values():
        source = document.source
        if source is None:
            continue
        for version in document.versions.values():
            if version is not source:
                version.meta, version.conflicts = inherit(source.own, version.own, DOCUMENT)
    return documents, problems


def _markdown_files(folder: Path, docs_dir: Path):
    for current, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith((".", "_")))
        for filename in sorted(filenames):
            path = Path(current) / filename
            # A link is not followed: `portal check` reports it (source_files).
            if filename.endswith(".md") and not filename.startswith((".", "_")) and not path.is_symlink():
                yield path, path.relative_to(docs_dir).as_posix()
