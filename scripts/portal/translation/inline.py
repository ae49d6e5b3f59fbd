"""Inline Markdown behind placeholders, so an engine translates the words and nothing else.

`mask(source, glossary, lang)` turns one slot's inline Markdown into the text an engine sees:

    Ký với **đối tác** tại [Cổng](https://x.vn) lúc `10:00`, theo Sở Ngoại vụ
    Ký với <b1>đối tác</b1> tại <b2>Cổng</b2> lúc <x3/>, theo <x4/>

Atoms `<xN/>` stand for what is copied unchanged (inline code, URLs, HTML tags, attribute lists,
footnote references, entities, escapes, emoji shortcodes, legal document numbers, hard line
breaks) and for glossary terms, which come back as the glossary's rendering. Pairs
`<bN>...</bN>` wrap what is translated inside a fixed frame: emphasis, link texts, image alt
texts. XML-like tags are what engines are best at carrying through (they are trained on web
pages), and a numbered tag can be put back even when the engine moves it, since word order
changes between languages.

Engines do not always return tags untouched: `< b1 >`, `</ b1>`, full-width `＜x1/＞`,
`&lt;x1/&gt;`, spaces moved inside a pair. `canonical()` accepts those and writes them back in
one form; a tag lost, doubled or crossed raises `PlaceholderError`, which the caller reports.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field

from .answers import as_text, clean_answer, guard_line_start
from .glossary import Glossary, Term
from ..messages import _


@dataclass
class Atom:
    text: str
    """The source text, copied back unchanged (unless a glossary term)."""
    term: Term | None = None


@dataclass
class Pair:
    open: str
    close: str
    children: list = field(default_factory=list)


Node = str | Atom | Pair


class PlaceholderError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


_PUNCTUATION = set(string.punctuation)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_HTML_TAG = re.compile(r"<(?:/[A-Za-z][A-Za-z0-9-]*\s*|[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?\s*/?)>|<!--.*?-->", re.DOTALL)
# Labels as Python-Markdown reads them: anything but "]", spaces included.
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_ATTR_LIST = re.compile(
    r"\{:?[ \t]*(?:(?:[#.][\w:-]+|[\w:-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}\"']+))[ \t]*)+\}"
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_EMOJI = re.compile(r":[a-z][a-z0-9_+-]*:")
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\[\]]*[^\s<>\[\].,;:!?'\")]")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Vietnamese official documents are cited by number and symbol (45/2006/QĐ-TTg, 03-NQ/TU,
# 01/NV-VP): identifiers that engines like to "translate" into something unsearchable.
_LEGAL_NUMBER = re.compile(r"\d{1,4}(?:/\d{4})?[/-][A-ZĐ][A-Za-zĐđ]*(?:[-/][A-Za-zĐđ0-9]+)*")
_EMPHASIS = ("**", "__", "~~", "==", "^^", "*", "_")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


_MAX_NESTING = 24
"""Deeper emphasis or links than this are read as text: no real sentence nests so deep, and a
line of unmatched `*` or `[` must not exhaust the stack."""


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.depth = 0
        self.memo: dict[tuple[int, int, str | None], tuple | None] = {}

    def parse(self, start: int, end: int, closer: str | None = None):
        """Nodes of text[start:end]; with `closer`, stop after it (None if it never comes)."""
        key = (start, end, closer)
        if key not in self.memo:
            # The same span is tried again from every enclosing opener that fails: remember.
            self.depth += 1
            try:
                self.memo[key] = self._parse(start, end, closer)
            finally:
                self.depth -= 1
        return self.memo[key]

    def _parse(self, start: int, end: int, closer: str | None):
        text = self.text
        nodes: list[Node] = []
        buffer: list[str] = []

        def flush():
            if buffer:
                nodes.append("".join(buffer))
                buffer.clear()

        position = start
        while position < end:
            if closer and position > start and text.startswith(closer, position) and self._can_close(position, closer, end):
                flush()
                return nodes, position + len(closer)
            found = self._construct(position, end)
            if found is not None:
                node, after = found
                attributes = _ATTR_LIST.match(text, after, end)
                if attributes and not (isinstance(node, Atom) and node.text.endswith("\n")):
                    # `*word*{.class}`: the attribute list belongs to the element before it and
                    # travels with it, wherever the engine moves the words.
                    node = (Pair(node.open, node.close + attributes.group(0), node.children) if isinstance(node, Pair)
                            else Atom(node.text + attributes.group(0)))
                    after = attributes.end()
                flush()
                nodes.append(node)
                position = after
                continue
            char = text[position]
            if char == "\n":
                trailing = len("".join(buffer)) - len("".join(buffer).rstrip(" "))
                if trailing >= 2:
                    joined = "".join(buffer)
                    buffer[:] = [joined[:-trailing]] if joined[:-trailing] else []
                    flush()
                    nodes.append(Atom(" " * trailing + "\n"))
                else:
                    buffer.append(" ")
                position += 1
                continue
            buffer.append(char)
            position += 1
        if closer:
            return None
        flush()
        return nodes, position

    def _can_close(self, position: int, closer: str, end: int) -> bool:
        text = self.text
        if text[position - 1].isspace():
            return False
        after = position + len(closer)
        if closer[0] == "_" and after < end and _is_word_char(text[after]):
            return False
        if closer == "*" and text.startswith("**", position):
            # `**` here belongs to a strong span, not to this emphasis.
            return False
        return True

    def _construct(self, position: int, end: int):
        text = self.text
        char = text[position]
        nested = self.depth < _MAX_NESTING
        previous = text[position - 1] if position > 0 else " "
        if char == "\\" and position + 1 < end:
            following = text[position + 1]
            if following == "\n":
                return Atom("\\\n"), position + 2
            if following in _PUNCTUATION:
                return Atom(text[position:position + 2]), position + 2
            return None
        if char == "`":
            run = len(text[position:end]) - len(text[position:end].lstrip("`"))
            search = position + run
            while True:
                found = text.find("`" * run, search, end)
                if found < 0:
                    return Atom("`" * run), position + run
                after = found + run
                if after < end and text[after] == "`":
                    search = after + len(text[after:end]) - len(text[after:end].lstrip("`"))
                    continue
                return Atom(text[position:after]), after
        if char == "<":
            for pattern in (_AUTOLINK, _HTML_TAG):
                match = pattern.match(text, position, end)
                if match:
                    return Atom(match.group(0)), match.end()
            return None
        if char == "!" and text.startswith("![", position) and nested:
            link = self._link(position + 1, end)
            if link is None:
                return None
            inner_start, inner_end, after = link
            alt = text[inner_start:inner_end]
            if not alt.strip() or text[inner_end:inner_end + 3] == "][]":
                return Atom(text[position:after]), after
            children = self.parse(inner_start, inner_end)[0]
            return Pair("![", text[inner_end:after], children), after
        if char == "[":
            match = _FOOTNOTE_REF.match(text, position, end)
            if match:
                return Atom(match.group(0)), match.end()
            link = self._link(position, end) if nested else None
            if link is None:
                return None
            inner_start, inner_end, after = link
            # `[label][]` and empty texts are references by their text: translating would break them.
            if not text[inner_start:inner_end].strip() or text[inner_end:inner_end + 3] == "][]":
                return Atom(text[position:after]), after
            children = self.parse(inner_start, inner_end)[0]
            return Pair("[", text[inner_end:after], children), after
        if char == "{":
            match = _ATTR_LIST.match(text, position, end)
            if match:
                return Atom(match.group(0)), match.end()
            return None
        if char == "&":
            match = _ENTITY.match(text, position, end)
            return (Atom(match.group(0)), match.end()) if match else None
        if char == ":":
            match = _EMOJI.match(text, position, end)
            return (Atom(match.group(0)), match.end()) if match else None
        if not _is_word_char(previous) and previous not in "/.@":
            for pattern in (_URL, _EMAIL, _LEGAL_NUMBER):
                match = pattern.match(text, position, end)
                if match and (match.end() >= end or not _is_word_char(text[match.end()]) or pattern is _URL):
                    return Atom(match.group(0)), match.end()
        for delimiter in _EMPHASIS if nested else ():
            if not text.startswith(delimiter, position):
                continue
            after = position + len(delimiter)
            if after >= end or text[after].isspace():
                continue
            if delimiter[0] == "_" and _is_word_char(previous):
                continue
            if delimiter == "*" and text.startswith("**", position):
                continue
            if not self._closer_ahead(after, end, delimiter):
                continue
            result = self.parse(after, end, closer=delimiter)
            if result is None:
                continue
            children, closed = result
            if not children:
                continue
            # `_` emphasis does not work between CJK characters (they count as word
            # characters); `*` means the same and works everywhere.
            shown = delimiter.replace("_", "*")
            return Pair(shown, shown, children), closed
        return None

    def _closer_ahead(self, start: int, end: int, closer: str) -> bool:
        """Is there any place after `start` where `closer` could close? Cheap, and it spares a
        parse to the end of the text for every unmatched `*`."""
        found = self.text.find(closer, start + 1, end)
        while found >= 0:
            if self._can_close(found, closer, end):
                return True
            found = self.text.find(closer, found + 1, end)
        return False

    def _link(self, position: int, end: int):
        """For `[` at `position`: (text start, text end, end of the whole link) or None."""
        text = self.text
        depth = 0
        index = position
        close = -1
        while index < end:
            char = text[index]
            if char == "\\":
                index += 2
                continue
            if char == "`":
                run = len(text[index:end]) - len(text[index:end].lstrip("`"))
                found = text.find("`" * run, index + run, end)
                index = found + run if found >= 0 else index + run
                continue
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    close = index
                    break
            index += 1
        if close < 0 or close + 1 >= end:
            return None
        after = close + 1
        if text[after] == "(":
            depth = 0
            index = after
            while index < end:
                char = text[index]
                if char == "\\":
                    index += 2
                    continue
                if char == "<":
                    found = text.find(">", index, end)
                    if found > 0:
                        index = found + 1
                        continue
                if char == "(":
                    depth += 1
                elif char == ")":
                    depth -= 1
                    if depth == 0:
                        break
                index += 1
            else:
                return None
            after = index + 1
        elif text[after] == "[":
            found = text.find("]", after, end)
            if found < 0:
                return None
            after = found + 1
        else:
            return None
        match = _ATTR_LIST.match(text, after, end)
        if match:
            after = match.end()
        return position + 1, close, after


def parse_inline(text: str) -> list[Node]:
    nodes = _Parser(text).parse(0, len(text))[0]
    return nodes


def _apply_glossary(nodes: list[Node], glossary: Glossary | None, lang: str) -> list[Node]:
    if glossary is None or not len(glossary):
        return nodes
    result: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            position = 0
            for start, end, term in glossary.matches(node, lang):
                if start > position:
                    result.append(node[position:start])
                result.append(Atom(node[start:end], term))
                position = end
            if position < len(node):
                result.append(node[position:])
        elif isinstance(node, Pair):
            result.append(Pair(node.open, node.close, _apply_glossary(node.children, glossary, lang)))
        else:
            result.append(node)
    return result


@dataclass
class Masked:
    text: str
    """What the engine is sent (and the translation memory's key)."""
    tokens: dict[int, Atom | Pair]

    @property
    def has_words(self) -> bool:
        """Anything for an engine to translate: letters outside the placeholders."""
        return any(char.isalpha() for char in _TAG.sub(" ", self.text))


def mask(source: str, glossary: Glossary | None = None, lang: str = "") -> Masked:
    nodes = _apply_glossary(parse_inline(source), glossary, lang)
    tokens: dict[int, Atom | Pair] = {}
    out: list[str] = []

    def emit(items: list[Node]):
        for node in items:
            if isinstance(node, str):
                # Composed accents (NFC) whatever the editor's keyboard produced: the memory's
                # keys stay stable and engines read it best.
                out.append(unicodedata.normalize("NFC", node))
            elif isinstance(node, Atom):
                number = len(tokens) + 1
                tokens[number] = node
                # A line break between two words must read as a word boundary to the engine.
                out.append(f" <x{number}/> " if node.text.endswith("\n") else f"<x{number}/>")
            else:
                number = len(tokens) + 1
                tokens[number] = node
                out.append(f"<b{number}>")
                emit(node.children)
                out.append(f"</b{number}>")

    emit(nodes)
    text = re.sub(r"[ \t]+", " ", "".join(out)).strip()
    return Masked(text, tokens)


_TAG = re.compile(r"</?[xb]\d+/?>")
LENIENT_PLACEHOLDER = re.compile(
    r"(?:<|＜|〈|&lt;)\s*(?P<slash>/|／)?\s*(?P<kind>[xXbB])\s*(?P<number>\d+)\s*(?P<self>/|／)?\s*(?:>|＞|〉|&gt;)"
)


def canonical(translated: str, masked: Masked) -> str:
    """The engine's answer with every placeholder in its one written form, checked complete.

    Raises PlaceholderError naming what was lost, doubled, invented or crossed.
    """
    events: list[tuple[str, int]] = []

    def normalise(match: re.Match) -> str:
        number = int(match.group("number"))
        kind = match.group("kind").lower()
        if kind == "x":
            events.append(("atom", number))
            return f"<x{number}/>"
        if match.group("slash"):
            events.append(("close", number))
            return f"</b{number}>"
        events.append(("open", number))
        return f"<b{number}>"

    text = LENIENT_PLACEHOLDER.sub(normalise, translated)
    problems: list[str] = []
    stack: list[int] = []
    seen: dict[tuple[str, int], int] = {}
    for kind, number in events:
        seen[(kind, number)] = seen.get((kind, number), 0) + 1
        token = masked.tokens.get(number)
        expected = "atom" if isinstance(token, Atom) else "pair" if isinstance(token, Pair) else None
        if expected is None or (expected == "atom") != (kind == "atom"):
            problems.append(_("unexpected placeholder {kind} {number}").format(kind=kind, number=number))
            continue
        if kind == "open":
            stack.append(number)
        elif kind == "close":
            if not stack or stack[-1] != number:
                problems.append(_("formatting {number} ({what}) closed out of order").format(
                    number=number, what=describe_token(token)))
            else:
                stack.pop()
    for number, token in masked.tokens.items():
        kinds = ("atom",) if isinstance(token, Atom) else ("open", "close")
        for kind in kinds:
            count = seen.get((kind, number), 0)
            if count == 0:
                problems.append(_("lost {what}").format(what=describe_token(token)))
                break
            if count > 1:
                problems.append(_("repeated {what}").format(what=describe_token(token)))
                break
    if not problems:
        problems = _lost_words(text, masked)
    if problems:
        raise PlaceholderError(sorted(set(problems), key=problems.index))
    text = re.sub(r"\s*\n\s*", " ", text)
    # Engines often put the spaces of "a <b1>b</b1> c" inside the tags; `** b **` is no longer
    # bold, so whitespace moves outside the pair.
    text = re.sub(r"(<b\d+>)(\s+)", r"\2\1", text)
    text = re.sub(r"(\s+)(</b\d+>)", r"\2\1", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in _TAG.sub(" ", text))


def _lost_words(text: str, masked: Masked) -> list[str]:
    """Words the source had and the answer (its placeholders complete) has not: in the whole
    sentence, or inside one pair. Formatting left empty is not harmless (`- ****` is a rule in
    a list item, not an item in bold)."""
    if masked.has_words and not _has_words(text):
        return [_("lost every word")]
    problems = []
    for number, token in masked.tokens.items():
        if not isinstance(token, Pair):
            continue
        inside = re.compile(rf"<b{number}>(.*?)</b{number}>", re.DOTALL)
        source, answer = inside.search(masked.text), inside.search(text)
        if source and answer and _has_words(source.group(1)) and not _has_words(answer.group(1)):
            problems.append(_("emptied {what}").format(what=describe_token(token)))
    return problems


def describe_token(token: Atom | Pair | None) -> str:
    if isinstance(token, Atom):
        if token.term is not None:
            return _("glossary term '{term}'").format(term=token.term.vi)
        return f"'{token.text.strip()}'" if token.text.strip() else _("line break")
    if isinstance(token, Pair):
        return _("formatting '{markup}'").format(markup=f"{token.open}…{token.close}")
    return _("placeholder")


_CJK = r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_BEFORE_TAG = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=</?[xb]\d+/?>)")
_SPACE_AFTER_TAG = re.compile(rf"(?<=\d>|/>)[ \t]+(?=[{_CJK}])")
_PAIR_TAG = re.compile(r"</?b\d+>")


def restore(text: str, masked: Masked, lang: str, *, setting: str, line_start: bool = False) -> str:
    """Markdown from a canonical translation: every placeholder back to what it stands for, and
    the engine's words between them written as text for `setting` (see `answers.as_text`).

    `line_start`: the result begins a line (a paragraph), where the engine's words must not open
    a block; the words after a hard line break always begin one.
    """
    if lang in ("ja", "zh"):
        # Spaces an engine leaves around placeholders inside Japanese or Chinese text are not
        # written there.
        text = _SPACE_AFTER_TAG.sub("", _SPACE_BEFORE_TAG.sub("", text))
    out: list[str] = []
    position = 0
    starts_line = line_start

    def words(piece: str) -> None:
        nonlocal starts_line
        if starts_line:
            piece = piece.lstrip(" \t")
        if not piece:
            return
        written = as_text(piece, setting)
        out.append(guard_line_start(written, setting) if starts_line else written)
        starts_line = False

    for match in _TAG.finditer(text):
        tag = match.group(0)
        number = int(re.search(r"\d+", tag).group(0))
        token = masked.tokens[number]
        if isinstance(token, Atom) and token.text.endswith("\n"):
            # The spaces around a line break were ours (see `mask`); the break brings its own.
            words(text[position:match.start()].rstrip(" \t"))
            out.append(token.text)
            starts_line = True
            position = match.end()
            continue
        words(text[position:match.start()])
        if isinstance(token, Atom):
            before = _PAIR_TAG.sub("", text[:match.start()]).rstrip()
            written = _atom_text(token, lang, sentence_start=not before or before[-1] in ".!?")
            if token.term is not None and written is not token.text:
                # A glossary rendering is site data, text like the engine's words: written so
                # that it renders as itself, never as markup, a link or a block.
                written = as_text(clean_answer(written), setting)
                written = guard_line_start(written, setting) if starts_line else written
            out.append(written)
        elif tag.startswith("</"):
            out.append(token.close)
        else:
            out.append(token.open)
        starts_line = False
        position = match.end()
    words(text[position:])
    return re.sub(r"\n[ \t]+", "\n", "".join(out))


def _atom_text(token: Atom, lang: str, sentence_start: bool) -> str:
    if token.term is None:
        return token.text
    rendering = token.term.targets.get(lang)
    if rendering is None:
        return token.text
    # The glossary writes common nouns in lower case ("administrative reform"); a sentence that
    # begins with one still begins with a capital.
    if sentence_start and rendering[:1].islower():
        return rendering[0].upper() + rendering[1:]
    return rendering


def split_on_tags(text: str) -> list[tuple[str, bool]]:
    """(piece, is_placeholder) in order, for translating the words between placeholders one by one."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _TAG.finditer(text):
        if match.start() > position:
            pieces.append((text[position:match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


_SENTENCE_END = re.compile(r"(?<=[.!?…;。！？；])\s+")


def split_for_engine(text: str, limit: int) -> list[str]:
    """Chunks shorter than `limit` characters, cut between sentences, else between words, and
    never inside a placeholder. Joining them with a space gives the text back."""
    if len(text) < limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for sentence in _pieces(text, _SENTENCE_END, limit):
        candidate = f"{current} {sentence}" if current else sentence
        if len(candidate) < limit:
            current = candidate
        else:
            if current:
                chunks.append(current)
            current = sentence
    if current:
        chunks.append(current)
    return chunks


def _pieces(text: str, boundary: re.Pattern, limit: int) -> list[str]:
    result = []
    for piece in boundary.split(text):
        if len(piece) < limit:
            result.append(piece)
        elif boundary.pattern != r"\s+":
            result.extend(_pieces(piece, re.compile(r"\s+"), limit))
        else:
            result.extend(_hard_cut(piece, limit))
    return [piece for piece in result if piece]


def _hard_cut(word: str, limit: int) -> list[str]:
    pieces = []
    while len(word) >= limit:
        cut = limit - 1
        opening = word.rfind("<", 0, cut)
        if opening > 0 and word.find(">", opening) >= cut:
            cut = opening
        pieces.append(word[:cut])
        word = word[cut:]
    pieces.append(word)
    return pieces

