"""The one YAML reader for what editors write: front matter of pages, articles and procedure
records, and the site data in docs/_data/*.yml.

Editors write `key: value` lines, lists and nested records. YAML can do much more, and the rest
is refused with the line it is on and what to write instead, because a build that reads files
from many hands must not be at their mercy:

- anchors and aliases (`&name`, `*name`): ten lines of aliases make a billion values (a "billion
  laughs"), which hangs whatever walks them (hashing, copying, rendering);
- explicit tags (`!!str`, `!!python/object`, `!anything`): only plain values exist here;
- a key given twice in one mapping: YAML keeps the last one silently, so `draft: true` above
  `draft: false` published the article;
- merge keys (`<<:`), which only make sense with aliases;
- invisible characters in a value (`text_characters.INVISIBLE`: controls, bidirectional
  overrides...), written as themselves or as escapes (`"\u202e"`): they change how a title reads
  without being seen;
- nesting deeper than `MAX_DEPTH`: libyaml's composer recurses in C and overflows the stack
  (a crash, not an exception) on a few thousand `[`;
- input larger than the caller's limit (front matter: `documents.MAX_FRONT_MATTER`).

libyaml's C parser reads the events (fast); PyYAML's Python composer turns them into nodes, so
each node is inspected before anything is built from it; SafeConstructor builds plain Python
values. Timestamps stay text: every date goes through `timezone.parse_publication_time` (or the
procedure schema), which reads a date-time without offset as Vietnam time rather than UTC.
"""

from __future__ import annotations

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node
from yaml.resolver import Resolver

from .messages import N_, _
from .problems import InputError
from .text_characters import INVISIBLE, describe

MAX_DEPTH = 20
"""Lists and records inside one another: a procedure record uses 4 levels."""

_STANDARD_TAGS = "tag:yaml.org,2002:"
_MERGE_TAG = _STANDARD_TAGS + "merge"

try:
    from yaml._yaml import CParser as _Parser

    _OFFSETS_IN_BYTES = True
    """libyaml reads the text as UTF-8: its reader errors give a byte offset, PyYAML's a character's."""
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _OFFSETS_IN_BYTES = False
    from yaml.parser import Parser as _Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _PythonParser(Reader, Scanner, _Parser):  # type: ignore[misc, valid-type]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _Parser.__init__(self)

    _Parser = _PythonParser  # type: ignore[misc, assignment]


class YAMLInputError(InputError):
    """YAML that is not accepted: `line` is the line in the file. `syntax_problem` is what the
    parser said, for text that is not YAML at all (None for what this module refuses)."""

    field = "YAML"

    def __init__(self, message: str, line: int, fix: str, syntax_problem: str | None = None):
        super().__init__(message, line, fix)
        self.syntax_problem = syntax_problem


class _PlainResolver(Resolver):
    pass


_PlainResolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


class SafeLoader(Composer, _Parser, SafeConstructor, _PlainResolver):  # type: ignore[misc, valid-type]
    """Events from libyaml, nodes from PyYAML's composer (checked here), plain values.

    `first_line` is the file's line number of the text's first line, for the messages."""

    def __init__(self, stream: str, first_line: int = 1):
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        _PlainResolver.__init__(self)
        self._first_line = first_line
        self._depth = 0

    def _refuse(self, mark, message: str, fix: str) -> YAMLInputError:
        return YAMLInputError(message, self._first_line + mark.line, fix)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise self._refuse(event.start_mark,
                               _("'*{name}' refers to another value (a YAML alias)").format(name=_shorten(event.anchor)),
                               _("write the value out in full; references between values are not accepted"))
        if event.anchor is not None:
            raise self._refuse(event.start_mark,
                               _("'&{name}' names a value for reuse (a YAML anchor)").format(name=_shorten(event.anchor)),
                               _("remove '&{name}'; references between values are not accepted").format(
                                   name=_shorten(event.anchor)))
        if event.tag is not None:
            raise self._refuse(event.start_mark, _("'{tag}' is a YAML tag").format(tag=_shorten(_as_written(event.tag))),
                               _("remove it: values are plain text, numbers, true/false, lists and 'key: value' lines"))
        if isinstance(event, ScalarEvent):
            invisible = INVISIBLE.search(event.value)
            if invisible:
                raise self._refuse(event.start_mark,
                                   _("the value holds an invisible character ({character})").format(
                                       character=describe(invisible.group())),
                                   _("delete it: it changes how the text looks or reads without being seen "
                                     "(retype the value if the character cannot be found)"))
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise self._refuse(event.start_mark,
                               _("lists and groups are nested more than {depth} levels deep").format(depth=MAX_DEPTH),
                               _("flatten the structure; no field needs that many levels"))
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        if isinstance(node, MappingNode):
            self._refuse_repeated_keys(node)
        return super().construct_mapping(node, deep=deep)

    def _refuse_repeated_keys(self, node: MappingNode) -> None:
        seen: dict = {}
        for key_node, _value in node.value:
            if key_node.tag == _MERGE_TAG:
                raise self._refuse(key_node.start_mark, _("'<<' merges keys from elsewhere (a YAML merge key)"),
                                   _("write the keys out in full"))
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: SafeConstructor reports it
            if first is not None:
                shown = key_node.value if isinstance(key_node.value, str) else repr(key)
                raise self._refuse(key_node.start_mark,
                                   _("the key '{key}' is given twice, on line {first} and on line {second}").format(
                                       key=_shorten(shown), first=self._first_line + first.line,
                                       second=self._first_line + key_node.start_mark.line),
                                   _("keep one of the two lines"))
            seen[key] = key_node.start_mark


def _as_written(tag: str) -> str:
    return "!!" + tag[len(_STANDARD_TAGS):] if tag.startswith(_STANDARD_TAGS) else tag


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def load(text: str, first_line: int = 1):
    """The value of the YAML document `text`, whose first line is line `first_line` of its file.

    Raises YAMLInputError (with the file's line) for invalid YAML and for everything this module
    refuses; never anything else."""
    loader = SafeLoader(text, first_line)
    try:
        return loader.get_single_data()
    except YAMLInputError:
        raise
    except yaml.YAMLError as error:
        raise _syntax_error(error, text, first_line) from None
    except (ValueError, OverflowError):
        # Python refuses to convert an integer of more than 4,300 digits.
        raise YAMLInputError(_("a number too long to read"), first_line,
                             _("put the value in quotes if it is text")) from None
    except (UnicodeError, RecursionError) as error:
        # Surrogates the C reader cannot encode: not reachable from a file read as UTF-8, but
        # never a traceback either.
        raise YAMLInputError(_("not valid YAML ({problem})").format(problem=type(error).__name__),
                             first_line, _("check quotes, colons and indentation"), type(error).__name__) from None
    finally:
        loader.dispose()


def compose(text: str) -> Node | None:
    """The node tree of `text` (positions of every value), with the same refusals as `load`;
    None when `text` is not accepted (whoever loads the value reports why)."""
    loader = SafeLoader(text)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, UnicodeError, RecursionError, ValueError):
        return None
    finally:
        loader.dispose()


PARSER_PROBLEMS = frozenset((
    N_("found unexpected end of stream"),
    N_("mapping values are not allowed in this context"),
    N_("mapping keys are not allowed in this context"),
    N_("block sequence entries are not allowed in this context"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found character that cannot start any token"),
    N_("could not find expected ':'"),
    N_("did not find expected key"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected node content"),
    N_("did not find expected <document start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected whitespace or line break"),
    N_("found unknown escape character"),
    N_("found unexpected document indicator"),
    N_("but found another document"),
))
"""What libyaml (and PyYAML's composer) say about the mistakes an editor makes (an unclosed quote,
a colon in a title, a tab, a list or group left open): in the tools' language. A rarer one is
quoted in the parser's own words."""


def _syntax_error(error: yaml.YAMLError, text: str, first_line: int) -> YAMLInputError:
    mark = getattr(error, "problem_mark", None)
    if mark is not None:
        line = first_line + mark.line
    elif isinstance(error, yaml.reader.ReaderError):
        if _OFFSETS_IN_BYTES:
            line = first_line + text.encode("utf-8", "surrogatepass").count(b"\n", 0, error.position)
        else:
            line = first_line + text.count("\n", 0, error.position)
    else:
        line = first_line
    problem = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
    if problem in PARSER_PROBLEMS:
        problem = _(problem)
    if isinstance(error, yaml.reader.ReaderError):
        problem = _("character {code} is not allowed").format(code=f"U+{error.character:04X}"
                                                               if isinstance(error.character, int) else error.character)
    return YAMLInputError(_("not valid YAML ({problem})").format(problem=problem), line,
                          _("check quotes, colons and indentation"), problem)


IMPLICIT_RESOLVERS = _PlainResolver.yaml_implicit_resolvers
"""How an unquoted scalar is typed (bool, int, float, null; no timestamps): the fast front-matter
reader (`documents.parse_simple_front_matter`) applies the same table."""
