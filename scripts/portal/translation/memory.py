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
"""

from __future__ import annotations

import json
from pathlib import Path

from ..documents import atomic_write_text

FORMAT = 1


class TranslationMemoryError(ValueError):
    pass


class TranslationMemory:
    def __init__(self, path: Path | None = None, segments: dict[str, dict[str, str]] | None = None):
        self.path = Path(path) if path is not None else None
        self.segments: dict[str, dict[str, str]] = segments or {}
        self.dirty = False

    @classmethod
    def load(cls, path: Path) -> "TranslationMemory":
        path = Path(path)
        if not path.is_file():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise TranslationMemoryError(f"{path}: not valid JSON ({error.msg}, line {error.lineno}); "
                               "restore it from git, or delete it to start an empty memory") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("segments"), dict):
            raise TranslationMemoryError(f"{path}: not a translation memory of format {FORMAT}")
        segments = {
            str(lang): {str(source): str(target) for source, target in entries.items()}
            for lang, entries in data["segments"].items() if isinstance(entries, dict)
        }
        return cls(path, segments)

    def get(self, lang: str, source: str) -> str | None:
        return self.segments.get(lang, {}).get(source)

    def put(self, lang: str, source: str, translation: str) -> None:
        entries = self.segments.setdefault(lang, {})
        if entries.get(source) != translation:
            entries[source] = translation
            self.dirty = True

    def __len__(self) -> int:
        return sum(len(entries) for entries in self.segments.values())

    def dumps(self) -> str:
        data = {"format": FORMAT, "segments": {lang: dict(sorted(self.segments[lang].items())) for lang in sorted(self.segments)}}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def save(self) -> bool:
        """Write the file (atomically) if anything was added; True when written."""
        if not self.dirty or self.path is None:
            return False
        atomic_write_text(self.path, self.dumps())
        self.dirty = False
        return True
