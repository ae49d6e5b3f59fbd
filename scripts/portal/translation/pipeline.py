"""One segment from Vietnamese Markdown to a target language: glossary and placeholders, the
translation memory first, the engine only for what it does not know, the answer checked.

When an engine loses, doubles or crosses a placeholder, the sentence is not given up and not
written broken: it is translated again piece by piece (the words between placeholders, each on
its own, which cannot lose anything), and a warning says which sentence to review.

Every answer is untrusted text (`portal.translation.answers`): cleaned of control characters on
arrival, and written as text, so a draft holds only the markup of its source. An answer that
looked like markup (a tag, a link, an entity...) is reported in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..messages import _
from .answers import HTML, MARKDOWN, PLAIN, TABLE_CELL as CELL_TEXT, clean_answer, markup_in
from .glossary import Glossary
from .inline import LENIENT_PLACEHOLDER, Masked, PlaceholderError, canonical, mask, restore, split_for_engine, split_on_tags
from .memory import TranslationMemory
from .segments import HTML_LINE, TABLE_CELL, Slot, render_parts, segment_markdown

NO_SPACE_LANGUAGES = ("ja", "zh")
"""Languages written without spaces between sentences: chunks are joined with nothing."""

_EXCERPT = 80
"""Characters of a sentence quoted in a warning."""


class Engine(Protocol):
    label: str
    max_chars: int

    def translate(self, text: str, lang: str) -> str: ...


class EngineError(Exception):
    """A request the engine did not answer with a translation."""

    def __init__(self, engine: str, problem: str, *, status: int | None = None, answer: str = "", retryable: bool = False):
        self.engine = engine
        self.problem = problem
        self.status = status
        self.answer = answer
        self.retryable = retryable
        super().__init__(self.describe())

    def describe(self) -> str:
        text = f"{self.engine}: {self.problem}"
        if self.status is not None:
            text += f" (HTTP {self.status})"
        if self.answer:
            text += _("; the server answered: {answer}").format(answer=self.answer)
        return text


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


def _excerpt(text: str) -> str:
    return text if len(text) <= _EXCERPT else text[:_EXCERPT - 3] + "..."


def _setting_of(slot: Slot, plain: bool) -> str:
    if plain:
        return PLAIN
    if slot.context == TABLE_CELL:
        return CELL_TEXT
    if slot.context == HTML_LINE:
        return HTML
    return MARKDOWN


class SegmentTranslator:
    def __init__(self, engine: Engine | None, memory: TranslationMemory, glossary: Glossary | None = None):
        self.engine = engine
        self.memory = memory
        self.glossary = glossary
        self.counts = Counts()

    def translate_markdown(self, text: str, lang: str, *, where: str = "", memory_only: bool = False, plain: bool = False) -> str:
        """A Markdown body, or with `plain` a multi-line front-matter value (plain text)."""
        parts = segment_markdown(text)
        return render_parts(parts, lambda slot: self.translate_slot(slot, lang, where=where, memory_only=memory_only, plain=plain))

    def translate_slot(self, slot: Slot, lang: str, *, where: str = "", memory_only: bool = False, plain: bool = False) -> str:
        return self.translate_inline(slot.text, lang, where=where, memory_only=memory_only,
                                     setting=_setting_of(slot, plain), line_start=slot.line_start)

    def translate_inline(self, source: str, lang: str, *, where: str = "", memory_only: bool = False,
                         setting: str = MARKDOWN, line_start: bool = False) -> str:
        """One slot's inline Markdown; the engine's words are written as text for `setting`
        (`answers.PLAIN` for a front-matter value)."""
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
        return restore(text, masked, lang, setting=setting, line_start=line_start)

    def _remembered(self, masked: Masked, lang: str) -> str | None:
        stored = self.memory.get(lang, masked.text)
        if stored is None:
            return None
        try:
            # The memory file is edited by people and merged by git: as untrusted as an answer.
            return canonical(clean_answer(stored), masked)
        except PlaceholderError:
            # Edited by hand into something unusable: translate again rather than write it.
            return None

    def _send(self, text: str, lang: str) -> str:
        chunks = split_for_engine(text, self.engine.max_chars)
        answers = []
        for chunk in chunks:
            answer = self.engine.translate(chunk, lang)
            self.counts.sent += 1
            answer = clean_answer(answer).strip() if isinstance(answer, str) else ""
            if not answer:
                raise EngineError(self.engine.label, _("answered without a translation"))
            answers.append(answer)
        return ("" if lang in NO_SPACE_LANGUAGES else " ").join(answers)

    def _from_engine(self, masked: Masked, lang: str, where: str) -> str:
        answer = self._send(masked.text, lang)
        try:
            text = canonical(answer, masked)
        except PlaceholderError as error:
            text = self._piece_by_piece(masked, lang)
            self.counts.repaired += 1
            self.counts.warnings.append(
                _("{where}: {lang}: the engine {problems} in \"{sentence}\"; translated the words between the "
                  "formatting separately: review this sentence").format(
                    where=where, lang=lang, problems="; ".join(error.problems), sentence=_excerpt(masked.text))
            )
        markup = markup_in(text, masked.text)
        if markup:
            self.counts.warnings.append(
                _("{where}: {lang}: the engine's answer to \"{sentence}\" holds markup its source does not have "
                  "({markup}); it is written as plain text: review this sentence").format(
                    where=where, lang=lang, sentence=_excerpt(masked.text),
                    markup=", ".join(_excerpt(fragment) for fragment in markup[:3]))
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
            remembered = self.memory.get(lang, words)
            if remembered is None:
                # The piece had no placeholder; one in the answer is the engine's invention.
                translated = _without_placeholders(self._send(words, lang))
                if any(char.isalnum() for char in translated):
                    self.memory.put(lang, words, translated)
            else:
                translated = _without_placeholders(clean_answer(remembered))
            if not any(char.isalnum() for char in translated):
                # Nothing but placeholders or punctuation: the words stay Vietnamese (the
                # warning names the sentence) rather than leave the formatting empty.
                translated = words
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()):]
            out.append(lead + translated.strip() + trail)
        try:
            return canonical("".join(out), masked)
        except PlaceholderError:
            # Not expected (every placeholder is the source's own, once and in order), but a
            # draft must be written: the sentence stays Vietnamese, and the warning names it.
            return canonical(masked.text, masked)


def _without_placeholders(text: str) -> str:
    """`text` with nothing left that reads as a placeholder (removing one can join another)."""
    while True:
        stripped = LENIENT_PLACEHOLDER.sub("", text)
        if stripped == text:
            return text
        text = stripped
