"""The translation memory: every segment an engine translated, so it is never sent twice.

`docs/_data/translation-memory.json` is committed with the content:

    {
      "format": 1,
      "segments": {
        "en": {"Ký với <b1>đối tác</b1>": "Signed with <b1>partners</b1>", ...},
        "ja": {...}
      }
    }

Keys are the masked source segments exactly as sent (placeholders included, see
`portal.translation.inline`), values the engine's answers with their placeholders checked and
written in one form. Keys are sorted and the file is indented with one entry per line, so
translating one new paragraph adds one line per language to the diff.

Rewriting the whole file for every answer would cost more than the answers, so each new entry
is first appended to a journal next to it, `.translation-memory.json.journal` (one JSON array
`[lang, source, translation]` per line, written and flushed to disk before the next request
goes out). `save()` writes the memory file atomically (a temporary file renamed over it), then
deletes the journal; `load()` folds in a journal left by a run that was killed (SIGKILL, a
power cut). A line cut short by the kill is skipped: every record starts on a new line, so it
cannot spoil the next one.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..file_writing import atomic_write_text
from ..messages import _

FORMAT = 1
JOURNAL_SUFFIX = ".journal"
_SURROGATE = re.compile("[\ud800-\udfff]")


class TranslationMemoryError(ValueError):
    pass


def _text(value) -> str:
    """A JSON value as text that can be written back: `"\\ud800"` escapes give lone surrogates,
    which UTF-8 cannot hold."""
    return _SURROGATE.sub("\ufffd", str(value))


def journal_path(path: Path) -> Path:
    path = Path(path)
    return path.with_name(f".{path.name}{JOURNAL_SUFFIX}")


class TranslationMemory:
    def __init__(self, path: Path | None = None, segments: dict[str, dict[str, str]] | None = None):
        self.path = Path(path) if path is not None else None
        self.segments: dict[str, dict[str, str]] = segments or {}
        self.dirty = False
        self._journal: int | None = None
        """File descriptor of the journal, opened on the first new entry."""

    @classmethod
    def load(cls, path: Path) -> "TranslationMemory":
        path = Path(path)
        memory = cls(path)
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                where = f", line {error.lineno}" if isinstance(error, json.JSONDecodeError) else ""
                raise TranslationMemoryError(
                    _("{path}: not valid JSON ({problem}{where}); restore it from git, or delete it to start an empty memory")
                    .format(path=path, problem=getattr(error, "msg", None) or error.reason, where=where)) from None
            except (RecursionError, ValueError):  # nested thousands deep; a number of thousands of digits
                raise TranslationMemoryError(
                    _("{path}: not a translation memory of format {format}").format(path=path, format=FORMAT)) from None
            if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("segments"), dict):
                raise TranslationMemoryError(_("{path}: not a translation memory of format {format}").format(path=path, format=FORMAT))
            # Only text for text: anything else is not a translation (and a number of thousands of
            # digits cannot even be written as one).
            memory.segments = {
                _text(lang): {_text(source): _text(target) for source, target in entries.items()
                              if isinstance(target, str)}
                for lang, entries in data["segments"].items() if isinstance(entries, dict)
            }
        memory._replay_journal()
        return memory

    def _replay_journal(self) -> None:
        journal = journal_path(self.path)
        if not journal.is_file():
            return
        for line in journal.read_bytes().splitlines():
            try:
                lang, source, translation = json.loads(line.decode("utf-8"))
            except (ValueError, TypeError, RecursionError):
                continue  # a record cut short by a kill, or damage: the engine is asked again
            if all(isinstance(item, str) for item in (lang, source, translation)):
                self.segments.setdefault(_text(lang), {})[_text(source)] = _text(translation)
        # The next save folds the journal into the file and removes it.
        self.dirty = True

    def get(self, lang: str, source: str) -> str | None:
        return self.segments.get(lang, {}).get(source)

    def put(self, lang: str, source: str, translation: str) -> None:
        entries = self.segments.setdefault(lang, {})
        if entries.get(source) != translation:
            entries[source] = translation
            self.dirty = True
            self._append_to_journal(lang, source, translation)

    def _append_to_journal(self, lang: str, source: str, translation: str) -> None:
        if self.path is None:
            return
        if self._journal is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._journal = os.open(journal_path(self.path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        record = "\n" + json.dumps([lang, source, translation], ensure_ascii=False) + "\n"
        # Surrogates cannot be written as UTF-8; answers are cleaned before they get here, but
        # the journal must never be the thing that fails.
        os.write(self._journal, record.encode("utf-8", errors="replace"))
        # On disk before the next request goes out: a kill, or a power cut, loses at most this one.
        (getattr(os, "fdatasync", None) or os.fsync)(self._journal)

    def _close_journal(self) -> None:
        if self._journal is not None:
            os.close(self._journal)
            self._journal = None

    def __len__(self) -> int:
        return sum(len(entries) for entries in self.segments.values())

    def dumps(self) -> str:
        data = {"format": FORMAT, "segments": {lang: dict(sorted(self.segments[lang].items())) for lang in sorted(self.segments)}}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def save(self) -> bool:
        """Write the file (atomically) if anything was added, then drop the journal; True when written."""
        if not self.dirty or self.path is None:
            return False
        atomic_write_text(self.path, self.dumps())
        self.dirty = False
        self._close_journal()
        journal_path(self.path).unlink(missing_ok=True)
        return True
