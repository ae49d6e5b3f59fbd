"""One segment from Vietnamese Markdown to a target language: glossary and placeholders, the
translation memory first, the engine only for what it does not know, the answer checked.

When an engine loses, doubles or crosses a placeholder, the sentence is not given up and not
written broken: it is translated again piece by piece (the words between placeholders, each on
its own, which cannot lose anything), and a warning says which sentence to review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .glossary import Glossary
from .inline import LENIENT_PLACEHOLDER, Masked, PlaceholderError, canonical, mask, restore, split_for_engine, split_on_tags
from .memory import TranslationMemory
from .segments import TABLE_CELL, Slot, render_parts, segment_markdown

NO_SPACE_LANGUAGES = ("ja", "zh")
"""Languages written without spaces between sentences: chunks are joined with nothing."""


class Engine(Protocol):
    label: str
    max_chars: int

    def translate(self, text: str, lang: str) -> str: ...


class MemoryMiss(Exception):
    """Raised when only the memory may be used and it lacks a segment."""


@dataclass
class Counts:
    sent: int = 0
    """Segments (or chunks) sent to the engine."""
    remembered: int = 0
    """Segments found in the translation memory."""
    repaired: int = 0
    """Segments translated piece by piece after the engine lost a placeholder."""
    warnings: list[str] = field(default_factory=list)


class SegmentTranslator:
    def __init__(self, engine: Engine | None, memory: TranslationMemory, glossary: Glossary | None = None):
        self.engine = engine
        self.memory = memory
        self.glossary = glossary
        self.counts = Counts()

    def translate_markdown(self, text: str, lang: str, *, where: str = "", memory_only: bool = False) -> str:
        parts = segment_markdown(text)
        return render_parts(parts, lambda slot: self.translate_slot(slot, lang, where=where, memory_only=memory_only))

    def translate_slot(self, slot: Slot, lang: str, *, where: str = "", memory_only: bool = False) -> str:
        return self.translate_inline(slot.text, lang, where=where, memory_only=memory_only, table_cell=slot.context == TABLE_CELL)

    def translate_inline(self, source: str, lang: str, *, where: str = "", memory_only: bool = False, table_cell: bool = False) -> str:
        masked = mask(source, self.glossary, lang)
        if not masked.has_words:
            text = masked.text
        else:
            text = self._remembered(masked, lang)
            if text is None:
                if memory_only or self.engine is None:
                    raise MemoryMiss(masked.text)
                text = self._from_engine(masked, lang, where)
            else:
                self.counts.remembered += 1
        if table_cell:
            # A pipe the engine wrote would split the cell; tags and atoms contain none.
            text = text.replace("\\|", "|").replace("|", "\\|")
        return restore(text, masked, lang)

    def _remembered(self, masked: Masked, lang: str) -> str | None:
        stored = self.memory.get(lang, masked.text)
        if stored is None:
            return None
        try:
            return canonical(stored, masked)
        except PlaceholderError:
            # Edited by hand into something unusable: translate again rather than write it.
            return None

    def _send(self, text: str, lang: str) -> str:
        chunks = split_for_engine(text, self.engine.max_chars)
        answers = []
        for chunk in chunks:
            answers.append(self.engine.translate(chunk, lang).strip())
            self.counts.sent += 1
        return ("" if lang in NO_SPACE_LANGUAGES else " ").join(answers)

    def _from_engine(self, masked: Masked, lang: str, where: str) -> str:
        answer = self._send(masked.text, lang)
        try:
            text = canonical(answer, masked)
        except PlaceholderError as error:
            text = self._piece_by_piece(masked, lang)
            self.counts.repaired += 1
            excerpt = masked.text if len(masked.text) <= 80 else masked.text[:77] + "..."
            self.counts.warnings.append(
                f"{where}: {lang}: the engine {'; '.join(error.problems)} in \"{excerpt}\"; "
                "translated the words between the formatting separately: review this sentence"
            )
        self.memory.put(lang, masked.text, text)
        return text

    def _piece_by_piece(self, masked: Masked, lang: str) -> str:
        out = []
        for piece, is_tag in split_on_tags(masked.text):
            if is_tag or not any(char.isalpha() for char in piece):
                out.append(piece)
                continue
            words = piece.strip()
            translated = self.memory.get(lang, words)
            if translated is None:
                # The piece had no placeholder; one in the answer is the engine's invention.
                translated = LENIENT_PLACEHOLDER.sub("", self._send(words, lang))
                self.memory.put(lang, words, translated)
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()):]
            out.append(lead + translated.strip() + trail)
        return canonical("".join(out), masked)
