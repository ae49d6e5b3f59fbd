"""`portal translate`: Vietnamese sources to machine-translation drafts, file by file.

For each source and target language:
- no translation yet, or a machine draft of an older source: translate (the memory supplies
  every unchanged segment, the engine the rest);
- a machine draft of the current source: rebuilt from the memory alone, written only if that
  changes it (a new glossary entry, a changed category), never sent to the engine unless
  `refresh`;
- a reviewed or hand-written version: kept, unless `force`.

A source's translations are written only once all of them are complete, each by atomic rename:
a run that fails, is interrupted or killed leaves every file either as it was or complete.
Every answer of the engine is journaled by the translation memory as it arrives and the memory
file is rewritten (atomically) when the run ends, however it ends: the next run resumes where
this one stopped, without sending any segment again.

A source that cannot be read (not UTF-8, broken front matter) is reported and skipped; nothing
an engine answers or a source holds ends the run with a traceback.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..content.news import iter_article_files
from ..file_writing import atomic_write_text
from ..front_matter import FrontMatterError, parse_document, render_document
from ..languages import DEFAULT, TRANSLATION_TARGETS, split_language_suffix
from ..messages import _, ngettext
from ..content.translatable import text_fields_for
from ..procedures.schema import text_only
from ..documents.schema import DOCUMENT
from .answers import PLAIN
from ..field_paths import iter_text_values, location_label, set_value
from .glossary import Glossary
from .memory import TranslationMemory
from .pipeline import Engine, EngineError, MemoryMiss, SegmentTranslator
from ..content.translation_status import HASH_FIELD, MACHINE, STATUS_FIELD, is_protected, source_hash_of

PROCEDURES_FOLDER = "procedures"
DOCUMENTS_FOLDER = "documents"
RECORD_FOLDERS = (PROCEDURES_FOLDER, DOCUMENTS_FOLDER)
"""Folders of structured records: their sources are translated without the section's `index`."""
GLOSSARY_FILE = "_data/glossary.yml"
MEMORY_FILE = "_data/translation-memory.json"


class SourceError(ValueError):
    """A path given is not a Vietnamese source the command can translate."""


class TranslationRunError(Exception):
    def __init__(self, source: str, lang: str, cause: str, written: list[str], remembered: int):
        self.source = source
        self.lang = lang
        self.cause = cause
        self.written = written
        detail = _("{source}: translating into {lang} failed: {cause}.").format(source=source, lang=lang, cause=cause)
        if written:
            detail += " " + ngettext("{count} file was completed before the failure.",
                                     "{count} files were completed before the failure.", len(written)).format(count=len(written))
        detail += " " + ngettext("No translation of {source} was written; the translation memory keeps the {count} segment "
                                 "translated so far: run the command again to resume.",
                                 "No translation of {source} was written; the translation memory keeps the {count} segments "
                                 "translated so far: run the command again to resume.", remembered).format(
            source=source, count=remembered)
        super().__init__(detail)


@dataclass
class SourceOutcome:
    source: str
    written: list[str] = field(default_factory=list)
    """Target files written (new or changed)."""
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Reviewed or hand-written versions left alone (no --force)."""
    skipped: list[str] = field(default_factory=list)
    """Targets that could not be read, with why."""
    unreadable: str | None = None
    """Why the source itself could not be read (nothing was translated), or None."""


@dataclass
class RunReport:
    outcomes: list[SourceOutcome] = field(default_factory=list)
    sent: int = 0
    remembered: int = 0
    repaired: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def written(self) -> list[str]:
        return [path for outcome in self.outcomes for path in outcome.written]

    @property
    def kept(self) -> list[str]:
        return [path for outcome in self.outcomes for path in outcome.kept]


def target_rel_path(source_rel: str, lang: str) -> str:
    folder, _slash, filename = source_rel.rpartition("/")
    base = split_language_suffix(filename)[0]
    name = f"{base}.{lang}.md"
    return f"{folder}/{name}" if folder else name


def _is_source_name(filename: str) -> bool:
    return filename.endswith(".md") and split_language_suffix(filename)[1] == DEFAULT and not filename.startswith((".", "_"))


def _walk_sources(folder: Path, docs_dir: Path, *, with_index: bool):
    for current, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith((".", "_")))
        for filename in sorted(filenames):
            if not _is_source_name(filename):
                continue
            if not with_index and split_language_suffix(filename)[0] == "index":
                continue
            yield Path(current, filename).relative_to(docs_dir).as_posix()


def find_sources(docs_dir: Path, paths: list[str] | None = None) -> list[str]:
    """Docs-relative paths of the Vietnamese sources to translate.

    Without paths: every news article, procedure record and document record (not section pages
    `index.*`).
    With paths (files or folders, relative to the current folder or to the docs folder):
    exactly those pages, section pages included.
    """
    docs_dir = Path(docs_dir).resolve()
    found: list[str] = []
    if not paths:
        found.extend(rel for _absolute, rel in iter_article_files(docs_dir) if split_language_suffix(rel.rsplit("/", 1)[-1])[1] == DEFAULT)
        for records in RECORD_FOLDERS:
            if (docs_dir / records).is_dir():
                found.extend(_walk_sources(docs_dir / records, docs_dir, with_index=False))
    else:
        for given in paths:
            path = Path(given)
            candidates = [path] if path.is_absolute() else [Path.cwd() / path, docs_dir / path]
            existing = next((candidate.resolve() for candidate in candidates if candidate.exists()), None)
            if existing is None:
                raise SourceError(_("{path}: no such file or folder (in the current folder or in {folder})").format(
                    path=given, folder=docs_dir))
            try:
                rel = existing.relative_to(docs_dir).as_posix()
            except ValueError:
                raise SourceError(_("{path}: not inside the docs folder {folder}").format(path=given, folder=docs_dir)) from None
            if existing.is_dir():
                found.extend(_walk_sources(existing, docs_dir, with_index=True))
                continue
            filename = existing.name
            if not filename.endswith(".md"):
                raise SourceError(_("{path}: not a Markdown page").format(path=given))
            base, lang = split_language_suffix(filename)
            if lang != DEFAULT:
                raise SourceError(_("{path}: this is the {lang} version; give its Vietnamese source {source} (or {plain})").format(
                    path=given, lang=lang, source=f"{base}.{DEFAULT}.md", plain=f"{base}.md"))
            found.append(rel)
    unique = sorted(dict.fromkeys(found))
    keys: dict[str, str] = {}
    for rel in unique:
        key = target_rel_path(rel, DEFAULT)
        if key in keys:
            raise SourceError(_("{path} and {other} are both the Vietnamese version of one page; keep one of them").format(
                path=keys[key], other=rel))
        keys[key] = rel
    return unique


class TranslationRun:
    def __init__(self, docs_dir: Path, engine: Engine | None, *, glossary: Glossary | None = None,
                 memory: TranslationMemory | None = None, targets: tuple[str, ...] = TRANSLATION_TARGETS,
                 force: bool = False, refresh: bool = False,
                 on_source_done: Callable[[SourceOutcome], None] | None = None):
        self.docs_dir = Path(docs_dir)
        self.engine = engine
        self.memory = memory if memory is not None else TranslationMemory.load(self.docs_dir / MEMORY_FILE)
        self.targets = targets
        self.force = force
        self.refresh = refresh
        self.translator = SegmentTranslator(engine, self.memory, glossary)
        self._on_source_done = on_source_done
        self.report = RunReport()
        """The report of the last run, kept up to date while it runs (for an interrupted run)."""

    def run(self, sources: list[str]) -> RunReport:
        report = self.report = RunReport()
        try:
            for source in sources:
                outcome = self.translate_source(source, report)
                report.outcomes.append(outcome)
                if self._on_source_done is not None:
                    self._on_source_done(outcome)
        finally:
            # Every answer is in the memory's journal as it arrives (see `memory`); whatever
            # happened, it is folded into the memory file now, so nothing is paid for twice.
            self.memory.save()
            counts = self.translator.counts
            report.sent, report.remembered, report.repaired = counts.sent, counts.remembered, counts.repaired
            report.warnings = list(counts.warnings)
        return report

    def translate_source(self, source: str, report: RunReport) -> SourceOutcome:
        outcome = SourceOutcome(source)
        try:
            document = parse_document((self.docs_dir / source).read_text(encoding="utf-8"))
        except FrontMatterError as error:
            outcome.unreadable = _("{source}, line {line}: {problem}; fix it and run the command again").format(
                source=source, line=error.line, problem=error)
            return outcome
        except UnicodeDecodeError as error:
            outcome.unreadable = _("{source}: not UTF-8 text (byte {position}); save it as UTF-8 and run the command again").format(
                source=source, position=error.start)
            return outcome
        except OSError as error:
            outcome.unreadable = _("{source}: cannot be read ({problem})").format(source=source, problem=error.strerror or error)
            return outcome
        hash_now = source_hash_of(document, source)
        planned: list[tuple[str, str, bool]] = []
        for lang in self.targets:
            target = target_rel_path(source, lang)
            path = self.docs_dir / target
            memory_only = False
            if path.exists():
                try:
                    existing = parse_document(path.read_text(encoding="utf-8"))
                except (FrontMatterError, UnicodeDecodeError, OSError) as error:
                    outcome.skipped.append(_("{target} (unreadable: {problem}; fix or delete it)").format(target=target, problem=error))
                    continue
                if is_protected(existing.meta) and not self.force:
                    outcome.kept.append(target)
                    continue
                up_to_date = existing.meta.get(STATUS_FIELD) == MACHINE and str(existing.meta.get(HASH_FIELD)) == hash_now
                memory_only = up_to_date and not (self.force or self.refresh)
            planned.append((lang, target, memory_only))

        rendered: list[tuple[str, str]] = []
        for lang, target, memory_only in planned:
            try:
                text = self._render(document, source, lang, hash_now, memory_only)
            except MemoryMiss:
                outcome.unchanged.append(target)
                continue
            except EngineError as error:
                raise TranslationRunError(source, lang, error.describe(), report.written, len(self.memory)) from error
            rendered.append((target, text))

        for target, text in rendered:
            path = self.docs_dir / target
            if path.is_file() and path.read_text(encoding="utf-8", errors="replace") == text:
                outcome.unchanged.append(target)
                continue
            atomic_write_text(path, text)
            outcome.written.append(target)
        return outcome

    def _render(self, document, source: str, lang: str, hash_now: str, memory_only: bool) -> str:
        meta = copy.deepcopy(document.meta)
        meta.pop(STATUS_FIELD, None)
        meta.pop(HASH_FIELD, None)
        for location, value in iter_text_values(document.meta, text_fields_for(source)):
            where = f"{source} ({location_label(location)})"
            # Front-matter values are plain text: the engine's words are not escaped as Markdown.
            if "\n" in value.strip():
                translated = self.translator.translate_markdown(value, lang, where=where, memory_only=memory_only, plain=True)
            elif value.strip():
                translated = self.translator.translate_inline(value.strip(), lang, where=where, memory_only=memory_only, setting=PLAIN)
            else:
                translated = value
            set_value(meta, location, translated)
        if source.startswith("procedures/"):
            # Procedure data (codes, dates, URLs...) is inherited from the Vietnamese record, so a
            # later change of the source's data cannot leave translations disagreeing with it.
            meta = text_only(meta)
        elif source.startswith(DOCUMENTS_FOLDER + "/"):
            # Likewise a document's data (number, dates, files...) and each version's own date
            # and draft flag: the translation inherits the first and has its own second.
            meta = text_only(meta, DOCUMENT)
        meta[STATUS_FIELD] = MACHINE
        meta[HASH_FIELD] = hash_now
        body = self.translator.translate_markdown(document.body, lang, where=source, memory_only=memory_only)
        return render_document(meta, body)
