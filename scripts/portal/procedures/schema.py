"""The shape of a procedure record: one tree that says, for every front-matter value, what it
holds, whether it is required, and whether it is *text* (written in each language, translated
field by field) or *data* (the same in every language: given in the Vietnamese source, inherited
by translations, which may repeat it only unchanged).

The machinery (nodes, `validate`, `inherit`, `text_only`, `compare_with_source`) takes the tree as
a parameter: `portal.documents.schema` describes the documents section with it. A node marked
`own` belongs to each version by itself (a publication date, a draft flag): neither inherited
from the source nor translated, nor kept by `text_only`. Leaf kinds a tree adds are checked by
the `Rules.leaf_checks` its caller gives.

`portal.content.translatable.PROCEDURE_TEXT_FIELDS` must name exactly the text values of this tree (a
test holds the two together), so the translation command and the site agree."""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

from ..content.markdown_links import is_web_url
from ..field_paths import location_label
from ..languages import CODES
from ..messages import N_, _, ngettext
from ..timezone import FIRST_YEAR, LAST_YEAR, outside_the_years
from .vocabulary import Vocabulary
from ..yaml_lines import Location

TEXT = "text"
"""Words for readers, in the version's language."""
CODE, SLUG, URL, LINK, DATE, COUNT, FLAG, NAME, LANGUAGE = (
    "code", "slug", "url", "link", "date", "count", "flag", "name", "language")
"""Data, the same in every language."""
STATUS, HASH = "status", "hash"
"""Translation bookkeeping (CONTENT.md): only in translated versions."""
LIST, RECORD = "list", "record"


@dataclass(frozen=True)
class Node:
    kind: str
    required: bool = False
    hint: str = ""
    """How to write the value, for the fix part of a problem (marked for the catalogue with N_,
    translated where it is shown: `node.shown_hint`)."""
    vocabulary: str = ""
    """For a slug: the list of docs/_data/procedure-vocabulary.yml it comes from."""
    item: "Node | None" = None
    fields: tuple[tuple[str, "Node"], ...] = ()
    own: bool = False
    """Each version's own value (not inherited from the source, not translated)."""

    @property
    def has_text(self) -> bool:
        if self.kind == TEXT:
            return True
        if self.kind == LIST:
            return self.item.has_text
        if self.kind == RECORD:
            return any(child.has_text for _key, child in self.fields)
        return False

    @property
    def is_data(self) -> bool:
        """Holds data and no text: a translation inherits it whole."""
        return not self.has_text and self.kind not in (STATUS, HASH) and not self.own

    def child(self, key: str) -> "Node | None":
        return dict(self.fields).get(key)

    def shown_hint(self, otherwise: str) -> str:
        """The hint in the tools' language, or `otherwise` (already translated) when there is none."""
        return _(self.hint) if self.hint else otherwise


def text(required: bool = False, hint: str = "") -> Node:
    return Node(TEXT, required, hint)


def data(kind: str, required: bool = False, hint: str = "", vocabulary: str = "") -> Node:
    return Node(kind, required, hint, vocabulary)


def list_of(item: Node, required: bool = False, hint: str = "") -> Node:
    return Node(LIST, required, hint, item=item)


def record(*fields: tuple[str, Node], required: bool = False, hint: str = "") -> Node:
    return Node(RECORD, required, hint, fields=fields)


PROCEDURE = record(
    ("title", text(True, N_("the procedure's name (Tên thủ tục)"))),
    ("summary", text(hint=N_("one or two sentences on what the procedure is for"))),
    ("code", data(CODE, True, N_('the national code in quotes, e.g. code: "1.001234" (Mã thủ tục)'))),
    ("field", data(SLUG, True, N_("a field slug (Lĩnh vực)"), "fields")),
    ("level", data(SLUG, True, N_("a level slug (Cấp thực hiện)"), "levels")),
    ("online_level", data(SLUG, True, N_("toan-trinh or mot-phan (Mức độ dịch vụ công trực tuyến)"), "online_levels")),
    ("online_url", data(URL, True, N_("the procedure's https:// address on the National Public Service Portal"))),
    ("updated", data(DATE, True, N_("the date of the record's last update, YYYY-MM-DD"))),
    ("sample", data(FLAG, hint=N_("true where the record is illustrative, not copied from an official record"))),
    ("steps", list_of(text(True, N_("one step")), True, N_("a list of steps, one '- ' line each (Trình tự thực hiện)"))),
    ("channels", list_of(record(
        ("kind", data(SLUG, True, N_("truc-tiep, buu-chinh or truc-tuyen"), "channel_kinds")),
        ("method", text(True, N_("where and how to submit by this channel"))),
        ("time_limit", text(True, N_("the processing time by this channel"))),
        ("fee", text(True, N_("the fee by this channel, or that there is none"))),
    ), True, N_("a list of submission channels with kind, method, time_limit and fee (Cách thức thực hiện)"))),
    ("documents", list_of(record(
        ("name", text(True, N_("the document's name"))),
        ("originals", data(COUNT, True, N_("the number of originals, e.g. originals: 1"))),
        ("copies", data(COUNT, True, N_("the number of copies, e.g. copies: 0"))),
        ("note", text(hint=N_("a remark on the document"))),
        ("form", record(
            ("title", text(True, N_("the form's name, e.g. Mẫu số 01"))),
            ("url", data(LINK, True, N_("an https:// address, or a path to the file next to the record"))),
            ("language", data(LANGUAGE, hint=N_("the form's language: vi, en, ja, zh or ko (without it: vi)"))),
            hint=N_("the downloadable form: title and url"),
        )),
    ), True, N_("a list of documents with name, originals and copies (Thành phần, số lượng hồ sơ)"))),
    ("processing_time", text(True, N_("the processing time (Thời hạn giải quyết)"))),
    ("applicants", text(True, N_("who may apply (Đối tượng thực hiện)"))),
    ("agency", text(True, N_("the competent agency (Cơ quan thực hiện)"))),
    ("outcome", text(True, N_("what the applicant receives (Kết quả thực hiện)"))),
    ("fees", text(True, N_("fees and charges, or that there are none (Phí, lệ phí)"))),
    ("requirements", list_of(text(True, N_("one requirement")), hint=N_("a list of requirements (Yêu cầu, điều kiện)"))),
    ("legal_basis", list_of(record(
        ("number", data(NAME, True, N_("the document's number, e.g. 06/2020/QĐ-TTg"))),
        ("title", text(True, N_("the document's title"))),
        ("date", data(DATE, True, N_("the date it was issued, YYYY-MM-DD"))),
        ("issuer", text(True, N_("who issued it"))),
    ), True, N_("a list of legal documents with number, title, date and issuer (Căn cứ pháp lý)"))),
    ("related", list_of(data(NAME, True, N_("a procedure's file name without language, e.g. abtc-doanh-nhan")),
                        hint=N_("a list of other procedures' names"))),
    ("translation_status", data(STATUS, hint=N_("machine or reviewed"))),
    ("source_hash", data(HASH)),
)

CODE_PATTERN = re.compile(r"^\d\.\d{6}$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TRANSLATION_STATUSES = ("machine", "reviewed")


def paths(node: Node = PROCEDURE, *, want_text: bool) -> tuple[str, ...]:
    """The `portal.content.translatable` patterns of the text values (or of the data values)."""
    found = []

    def walk(current: Node, prefix: str) -> None:
        if current.kind == RECORD:
            for key, child in current.fields:
                walk(child, f"{prefix}.{key}" if prefix else key)
        elif current.kind == LIST:
            walk(current.item, prefix + "[]")
        elif (current.kind == TEXT) == want_text and current.kind not in (STATUS, HASH):
            found.append(prefix)

    walk(node, "")
    return tuple(found)


# -- validating one version ----------------------------------------------------------------------

Report = Callable[[Location, str, str], None]
"""report(location, message, fix)."""


LeafCheck = Callable[[Any, Node, Location, Report], None]
"""check(value, node, location, report) for a leaf kind the schema machinery does not know."""


@dataclass
class Rules:
    vocabulary: Vocabulary
    link_exists: Callable[[str], bool]
    """Whether a relative form path points to a file (given the path as written)."""
    is_source: bool
    leaf_checks: dict[str, LeafCheck] = field(default_factory=dict)
    """Checks of the leaf kinds another tree adds (documents: numbers, files...)."""
    vocabulary_file: str = "docs/_data/procedure-vocabulary.yml"


def validate(meta: dict, rules: Rules, report: Report, schema: Node = PROCEDURE) -> None:
    """Report every problem of one version's own front matter. A translation need not repeat
    data (it inherits it) nor is it checked here for completeness: `compare_with_source` is."""
    _validate(meta, schema, (), rules, report)


def _validate(value: Any, node: Node, here: Location, rules: Rules, report: Report) -> None:
    if node.kind == RECORD:
        if not isinstance(value, dict):
            report(here, _("must be a group of 'key: value' lines"), node.shown_hint(_("indent the keys under it")))
            return
        known = [key for key, _node in node.fields]
        for key in value:
            if str(key) not in known:
                close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
                fix = (_("did you mean '{name}'?").format(name=close[0]) if close
                       else _("use only: {names}").format(names=", ".join(known)))
                report(here + (str(key),), _("unknown field '{name}'").format(name=key), fix)
        for key, child in node.fields:
            if value.get(key) is not None:
                _validate(value[key], child, here + (key,), rules, report)
            elif child.required and rules.is_source:
                # A translation's gaps are measured against its source (compare_with_source).
                report(here + (key,), _("missing"), _("add {what}").format(what=child.shown_hint(key)))
        return
    if node.kind == LIST:
        if not isinstance(value, list):
            report(here, _("must be a list"),
                   _("write {what}").format(what=node.shown_hint(_("one item per line, each starting with - "))))
            return
        if node.required and not value:
            report(here, _("is empty"), _("write {what}").format(what=node.shown_hint("")))
        for index, item in enumerate(value):
            if item is None:
                report(here + (index,), _("empty item"), _("write the item or remove the '- ' line"))
            else:
                _validate(item, node.item, here + (index,), rules, report)
        return
    _validate_leaf(value, node, here, rules, report)


def _validate_leaf(value: Any, node: Node, here: Location, rules: Rules, report: Report) -> None:
    kind = node.kind
    if kind in rules.leaf_checks:
        rules.leaf_checks[kind](value, node, here, report)
        return
    if kind == TEXT:
        if not isinstance(value, str):
            report(here, _("must be text, got {value!r}").format(value=value), _("put the text in quotes"))
        elif not value.strip():
            report(here, _("is empty"), _("write {what} or remove the line").format(what=node.shown_hint(_("the text"))))
    elif kind == CODE:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            report(here, _("{value!r} is read as a number").format(value=value),
                   _('write the code in quotes, e.g. code: "1.001234" (without them YAML drops zeros)'))
        elif not isinstance(value, str) or not CODE_PATTERN.match(value.strip()):
            report(here, _("'{value}' is not a procedure code").format(value=value),
                   _('write the national code: one digit, a dot, six digits, e.g. "1.001234"'))
    elif kind == SLUG:
        terms = rules.vocabulary.terms(node.vocabulary)
        if not isinstance(value, str) or value not in terms:
            close = difflib.get_close_matches(str(value), list(terms), n=1, cutoff=0.6)
            hint = _("did you mean '{name}'? ").format(name=close[0]) if close else ""
            report(here, _("unknown value '{value}'").format(value=value),
                   _("{hint}use one of {values} ({file}, list {list})").format(
                       hint=hint, values=", ".join(terms) or _("(none defined)"), file=rules.vocabulary_file,
                       list=node.vocabulary))
    elif kind == URL:
        if not is_web_url(value):
            report(here, _("'{value}' is not a web address").format(value=value),
                   _("write the full address starting with https:// (or http://)"))
    elif kind == LINK:
        if isinstance(value, str) and is_web_url(value):
            return
        if not isinstance(value, str) or not value.strip() or urlsplit(value).scheme or value.startswith("/"):
            report(here, _("'{value}' is neither a web address nor a file path").format(value=value),
                   _("write an https:// address, or a path relative to this file, e.g. forms/mau-01.pdf"))
        elif not rules.link_exists(value):
            report(here, _("'{target}' points to a file that does not exist").format(target=value),
                   _("put the form there or correct the path (relative to this file)"))
    elif kind == DATE:
        if parse_date(value, any_year=True) and not parse_date(value):
            problem = outside_the_years(value)
            report(here, problem.problem, problem.fix)
        elif not parse_date(value):
            report(here, _("'{value}' is not a date").format(value=value), _("write the date as YYYY-MM-DD, e.g. 2025-03-14"))
    elif kind == COUNT:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            report(here, _("must be a whole number, got {value!r}").format(value=value),
                   _("write {what}").format(what=node.shown_hint(_("a number such as 1"))))
    elif kind == LANGUAGE:
        if value not in CODES:
            report(here, _("unknown language '{value}'").format(value=value),
                   _("write one of {codes}, or remove the line for a form in Vietnamese").format(codes=", ".join(CODES)))
    elif kind == FLAG:
        if not isinstance(value, bool):
            report(here, _("must be true or false, got {value!r}").format(value=value), _("write true or false"))
    elif kind == NAME:
        if not isinstance(value, str) or not value.strip():
            report(here, _("must be text, got {value!r}").format(value=value),
                   _("write {what}").format(what=node.shown_hint(_("the value"))))
    elif kind == STATUS:
        if rules.is_source:
            report(here, _("the Vietnamese source is not a translation"), _("remove the line"))
        elif value not in TRANSLATION_STATUSES:
            report(here, _("'{value}' is not a status").format(value=value), _("write 'machine' or 'reviewed'"))


def parse_date(value: Any, *, any_year: bool = False) -> date | None:
    """The date written `YYYY-MM-DD`; None for anything else, and (unless `any_year`) for a
    year outside timezone.FIRST_YEAR-LAST_YEAR, which publication times cannot hold."""
    if isinstance(value, date):
        day = value
    elif not isinstance(value, str) or not DATE_PATTERN.match(value.strip()):
        return None
    else:
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            return None
    return day if any_year or FIRST_YEAR <= day.year <= LAST_YEAR else None


# -- a translation against its source ------------------------------------------------------------

def inherit(source: dict, own: dict, schema: Node = PROCEDURE) -> tuple[dict, list[tuple[Location, Any, Any]]]:
    """The translation's front matter completed with the source's data, and every data value the
    translation repeats with a different value: (location, translation's value, source's)."""
    conflicts: list[tuple[Location, Any, Any]] = []
    merged = _inherit(source, own, schema, (), conflicts)
    return merged, conflicts


def _inherit(source: Any, own: Any, node: Node, here: Location, conflicts: list) -> Any:
    if node.kind == RECORD:
        if not isinstance(own, dict) or not isinstance(source, dict):
            return own
        merged = dict(own)
        for key, child in node.fields:
            if key not in source or child.kind in (STATUS, HASH):
                continue
            if child.is_data:
                if own.get(key) is None:
                    merged[key] = copy.deepcopy(source[key])
                elif own[key] != source[key]:
                    conflicts.append((here + (key,), own[key], source[key]))
            elif key in own:
                merged[key] = _inherit(source[key], own[key], child, here + (key,), conflicts)
        return merged
    if node.kind == LIST:
        if not isinstance(own, list) or not isinstance(source, list) or node.item.kind != RECORD:
            return own
        return [_inherit(theirs, mine, node.item, here + (index,), conflicts) if index < len(source) else mine
                for index, (mine, theirs) in enumerate(zip(own, source + [None] * len(own)))]
    return own


def text_only(meta: dict, schema: Node = PROCEDURE) -> dict:
    """A record's front matter without its data: what a translation needs to hold (it inherits
    the rest), for `portal translate` to write. Translation bookkeeping fields are kept; a
    version's own fields (`Node.own`) are not: the source's are not the translation's."""
    return _text_only(meta, schema)


def _text_only(value: Any, node: Node) -> Any:
    if node.kind == RECORD and isinstance(value, dict):
        kept = {}
        for key, item in value.items():
            child = node.child(str(key))
            if child is None or child.kind in (STATUS, HASH):
                kept[key] = copy.deepcopy(item)  # unknown keys stay, for the check to report
            elif not child.is_data and not child.own:
                kept[key] = _text_only(item, child)
        return kept
    if node.kind == LIST and isinstance(value, list):
        return [_text_only(item, node.item) for item in value]
    return copy.deepcopy(value)


def text_locations(meta: dict, node: Node = PROCEDURE, here: Location = ()) -> Iterator[Location]:
    """Where the text values of a version are, in document order."""
    if node.kind == RECORD and isinstance(meta, dict):
        for key, child in node.fields:
            if child.has_text and meta.get(key) is not None:
                yield from text_locations(meta[key], child, here + (key,))
    elif node.kind == LIST and isinstance(meta, list):
        for index, item in enumerate(meta):
            if item is not None:
                yield from text_locations(item, node.item, here + (index,))
    elif node.kind == TEXT:
        yield here


def value_at(meta: Any, location: Location) -> Any:
    node = meta
    for step in location:
        if isinstance(step, int):
            node = node[step] if isinstance(node, list) and step < len(node) else None
        else:
            node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            return None
    return node


def compare_with_source(source: dict, own: dict, report: Report, source_name: str, schema: Node = PROCEDURE) -> None:
    """Text the source has and the translation lacks (or the other way round): one problem per
    missing or extra field, and one per list whose length differs from the source's."""
    theirs, mine = set(text_locations(source, schema)), set(text_locations(own, schema))
    for prefix in _outermost(theirs - mine, own):
        if isinstance(prefix[-1], int) and not _both_lists(own, source, prefix[:-1]):
            continue  # a list in one and not the other: `validate` reports the wrong type
        if isinstance(prefix[-1], int):
            report(prefix[:-1], _count_mismatch(own, source, prefix[:-1]),
                   _("translate every item of {field} of {source}, in the same order").format(
                       field=location_label(prefix[:-1]), source=source_name))
            continue
        shown = value_at(source, prefix)
        if isinstance(shown, str):
            message = _("not translated: the Vietnamese source has '{text}'").format(text=_shorten(shown))
        else:
            message = _("not translated: the Vietnamese source has it")
        report(prefix, message, _("translate {field} of {source} here, or run `portal translate`").format(
            field=location_label(prefix), source=source_name))
    for prefix in _outermost(mine - theirs, source):
        if isinstance(prefix[-1], int) and not _both_lists(own, source, prefix[:-1]):
            continue
        if isinstance(prefix[-1], int):
            report(prefix[:-1], _count_mismatch(own, source, prefix[:-1]),
                   _("keep the items of {source}, in the same order; add new items to the source first").format(
                       source=source_name))
            continue
        report(prefix, _("the Vietnamese source has no {field}").format(field=location_label(prefix)),
               _("remove it here, or add it to {source} first").format(source=source_name))


def _both_lists(own: dict, source: dict, location: Location) -> bool:
    return isinstance(value_at(own, location), list) and isinstance(value_at(source, location), list)


def _count_mismatch(own: dict, source: dict, location: Location) -> str:
    mine, theirs = len(value_at(own, location)), len(value_at(source, location))
    return ngettext("{count} item here, {source_count} in the Vietnamese source",
                    "{count} items here, {source_count} in the Vietnamese source", mine).format(
        count=mine, source_count=theirs)


def _outermost(locations: set[Location], absent_from: dict) -> list[Location]:
    """For each location, its shortest prefix missing from `absent_from`; list items of one list
    collapse into one entry (the list's first missing item)."""
    roots: dict[Location, Location] = {}
    for location in sorted(locations, key=_order):
        prefix = next(location[:n] for n in range(1, len(location) + 1) if value_at(absent_from, location[:n]) is None)
        group = prefix[:-1] + ("[]",) if isinstance(prefix[-1], int) else prefix
        roots.setdefault(group, prefix)
    return list(roots.values())


def _order(location: Location):
    return tuple((0, step) if isinstance(step, int) else (1, step) for step in location)


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
