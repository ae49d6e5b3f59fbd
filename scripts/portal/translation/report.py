"""The state of every translation of every news article, procedure record and document record, for
`portal translations` (table or JSON) and for CI (`--fail-on outdated`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..front_matter import FrontMatterError, parse_document
from ..languages import TRANSLATION_TARGETS
from ..messages import _
from .run import DOCUMENTS_FOLDER, PROCEDURES_FOLDER, find_sources, target_rel_path
from ..content.translation_status import MISSING, STATES, source_hash_of, state_of

UNREADABLE = "unreadable"


@dataclass
class PageStates:
    source: str
    kind: str
    title: str
    source_hash: str | None
    translations: dict[str, dict] = field(default_factory=dict)
    """lang -> {"state": ..., "path": docs-relative path or None}"""


@dataclass
class TranslationReport:
    languages: tuple[str, ...]
    pages: list[PageStates] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def totals(self) -> dict[str, dict[str, int]]:
        totals = {lang: {state: 0 for state in STATES} for lang in self.languages}
        for page in self.pages:
            for lang, entry in page.translations.items():
                totals[lang][entry["state"]] = totals[lang].get(entry["state"], 0) + 1
        return totals

    def with_state(self, states: set[str]) -> list[tuple[str, str, str]]:
        """(source, lang, state) of every translation in one of `states`."""
        return [(page.source, lang, entry["state"]) for page in self.pages
                for lang, entry in page.translations.items() if entry["state"] in states]

    def as_json(self) -> dict:
        return {
            "languages": list(self.languages),
            "pages": [
                {"source": page.source, "kind": page.kind, "title": page.title, "source_hash": page.source_hash,
                 "translations": page.translations}
                for page in self.pages
            ],
            "totals": self.totals(),
            "problems": self.problems,
        }


def collect(docs_dir: Path, languages: tuple[str, ...] = TRANSLATION_TARGETS) -> TranslationReport:
    docs_dir = Path(docs_dir)
    report = TranslationReport(languages)
    for source in find_sources(docs_dir):
        try:
            document = parse_document((docs_dir / source).read_text(encoding="utf-8"))
            hash_now = source_hash_of(document, source)
        except (FrontMatterError, UnicodeDecodeError) as error:
            report.problems.append(_("{path}: cannot read the source ({problem})").format(path=source, problem=error))
            document, hash_now = None, None
        kind = ("procedure" if source.startswith(PROCEDURES_FOLDER + "/")
                else "document" if source.startswith(DOCUMENTS_FOLDER + "/") else "news")
        title = str(document.meta.get("title") or "") if document is not None else ""
        page = PageStates(source, kind, title, hash_now)
        for lang in languages:
            target = target_rel_path(source, lang)
            path = docs_dir / target
            if not path.is_file():
                page.translations[lang] = {"state": MISSING, "path": None}
                continue
            try:
                meta = parse_document(path.read_text(encoding="utf-8")).meta
            except (FrontMatterError, UnicodeDecodeError) as error:
                report.problems.append(_("{path}: cannot read it ({problem})").format(path=target, problem=error))
                page.translations[lang] = {"state": UNREADABLE, "path": target}
                continue
            page.translations[lang] = {"state": state_of(hash_now, meta), "path": target}
        report.pages.append(page)
    return report
