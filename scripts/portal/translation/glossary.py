"""The glossary: official names that must come out of translation exactly as written.

`docs/_data/glossary.yml` lists terms, each a Vietnamese name and its confirmed renderings:

    terms:
      - vi: Sở Ngoại vụ
        en: Department of Foreign Affairs
        note: official English name (DOMAIN.md)

A language left out (or blank) has no confirmed name: the engine translates the term freely
there, since an invented "official" name would be worse than an honest machine draft.

Matching is on whole words, case-insensitive, and blind to the two spellings of Vietnamese tone
marks ("Ủy ban" / "Uỷ ban", "hòa" / "hoà") and to Unicode normalisation, all of which occur in
real copy. The longest term wins where terms overlap.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import safe_yaml
from ..languages import TRANSLATION_TARGETS
from ..messages import _
from ..problems import InputError
from ..source_files import MAX_DATA_BYTES, read_text

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_UNIT = re.compile(r"[\w\u0300-\u036f]+|\s+|.", re.DOTALL)
_ALLOWED_KEYS = {"vi", "note", *TRANSLATION_TARGETS}


class GlossaryError(ValueError):
    pass


@dataclass(frozen=True)
class Term:
    vi: str
    targets: dict[str, str] = field(hash=False)


def _word_key(word: str) -> str:
    # Where a tone mark sits within a syllable is a spelling convention, not a difference.
    decomposed = unicodedata.normalize("NFD", word.casefold())
    tones = "".join(sorted(char for char in decomposed if char in _TONE_MARKS))
    return "".join(char for char in decomposed if char not in _TONE_MARKS) + tones


def _normalise(text: str) -> tuple[str, list[tuple[int, int, int]]]:
    """The matching key of a text and its units as (key start, source start, source end)."""
    key_parts: list[str] = []
    units: list[tuple[int, int, int]] = []
    length = 0
    for match in _UNIT.finditer(text):
        unit = match.group(0)
        if unit[0].isspace():
            unit_key = " "
        elif unit[0].isalnum() or unit[0] == "_" or "\u0300" <= unit[0] <= "\u036f":
            unit_key = _word_key(unit)
        else:
            unit_key = unit.casefold()
        units.append((length, match.start(), match.end()))
        key_parts.append(unit_key)
        length += len(unit_key)
    units.append((length, len(text), len(text)))
    return "".join(key_parts), units


class Glossary:
    def __init__(self, terms: list[Term] | None = None):
        self.terms = list(terms or [])
        self._keys = sorted(
            ((_normalise(term.vi.strip())[0], term) for term in self.terms),
            key=lambda item: (-len(item[0]), item[0]),
        )

    def __len__(self) -> int:
        return len(self.terms)

    def matches(self, text: str, lang: str) -> list[tuple[int, int, Term]]:
        """Non-overlapping (start, end, term) in `text` with a rendering in `lang`, in order."""
        candidates = [(key, term) for key, term in self._keys if term.targets.get(lang)]
        if not candidates or not text:
            return []
        key_text, units = _normalise(text)
        starts = {key_start: source_start for key_start, source_start, _end in units}
        ends = {}
        for position, (key_start, source_start, source_end) in enumerate(units[:-1]):
            ends[units[position + 1][0]] = source_end
        claimed: list[tuple[int, int]] = []
        found: list[tuple[int, int, Term]] = []
        for key, term in candidates:
            position = key_text.find(key)
            while position >= 0:
                end = position + len(key)
                if position in starts and end in ends and not any(position < c_end and c_start < end for c_start, c_end in claimed):
                    claimed.append((position, end))
                    found.append((starts[position], ends[end], term))
                position = key_text.find(key, position + 1)
        found.sort(key=lambda item: item[0])
        return found


def load_glossary(path: Path) -> Glossary:
    """Read the glossary file; a missing file is an empty glossary. Every problem is reported at once."""
    path = Path(path)
    if not os.path.lexists(path):
        return Glossary()
    try:
        # Site data: read like the rest of docs/_data (no aliases, tags or repeated keys).
        data = safe_yaml.load(read_text(path, MAX_DATA_BYTES)) or {}
    except InputError as error:
        raise GlossaryError(str(error.problem(str(path)))) from None
    entries = data.get("terms") if isinstance(data, dict) else None
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise GlossaryError(_("{path}: 'terms' must be a list of entries like '- vi: Sở Ngoại vụ'").format(path=path))
    problems: list[str] = []
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        where = _("{path}: term {number}").format(path=path, number=number)
        if not isinstance(entry, dict):
            problems.append(_("{where}: must be a mapping with 'vi:' and language keys").format(where=where))
            continue
        unknown = sorted(str(key) for key in entry if key not in _ALLOWED_KEYS)
        if unknown:
            problems.append(_("{where}: unknown key(s) {keys}; use vi, {languages} or note").format(
                where=where, keys=", ".join(unknown), languages=", ".join(TRANSLATION_TARGETS)))
        vi = entry.get("vi")
        if not isinstance(vi, str) or not vi.strip():
            problems.append(_("{where}: 'vi' (the Vietnamese term) is missing or empty").format(where=where))
            continue
        key = _normalise(vi.strip())[0]
        if key in seen:
            problems.append(_("{where}: '{term}' is already term {number}; keep one entry per name").format(
                where=where, term=vi, number=seen[key]))
            continue
        seen[key] = number
        targets = {}
        for lang in TRANSLATION_TARGETS:
            value = entry.get(lang)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if not isinstance(value, str):
                problems.append(_("{where}: '{lang}' must be text").format(where=where, lang=lang))
                continue
            targets[lang] = value.strip()
        terms.append(Term(vi.strip(), targets))
    if problems:
        raise GlossaryError("\n".join(problems))
    return Glossary(terms)
