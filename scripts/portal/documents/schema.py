"""The shape of a document record, with the procedures' schema machinery
(`portal.procedures.schema`): for every front-matter value, what it holds, whether it is
required, and whether it is *text* (written in each language, translated field by field) or
*data* (given once in the Vietnamese record, inherited by translations). `date` and `draft`
belong to each version (`own`): when that language version appeared on the portal, and whether
it is held back.

`portal.content.translatable.DOCUMENT_TEXT_FIELDS` names exactly the text values of this tree (a
test holds the two together), so the translation command and the site agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..languages import CODES
from ..messages import _
from ..procedures.schema import (DATE, FLAG, HASH, NAME, SLUG, STATUS, LeafCheck, Node, Report, data, list_of,
                                 parse_date, record, text)
from ..timezone import DateError, parse_publication_time
from ..yaml_lines import Location
from .attachments import attachment_problem
from .numbers import number_problem

NUMBER, EFFECTIVE, ATTACHMENT, LANGUAGE, MOMENT = "document-number", "effective", "attachment", "language", "moment"
"""Leaf kinds of this tree, checked by `leaf_checks`."""
FROM_SIGNING = "tu-ngay-ky"
"""`effective: tu-ngay-ky`: in force from the date of signing (có hiệu lực kể từ ngày ký)."""


def own(kind: str, hint: str = "") -> Node:
    return Node(kind, False, hint, own=True)


DOCUMENT = record(
    ("title", text(True, "the document's title (trích yếu), e.g. Kế hoạch tuyên truyền cải cách hành chính năm 2025")),
    ("summary", text(hint="one or two sentences on what the document is about")),
    ("number", data(NUMBER, True, "the number as printed on the document (số, ký hiệu), e.g. 17/KH-NV")),
    ("kind", data(SLUG, True, "a kind slug (loại văn bản), e.g. ke-hoach", "kinds")),
    ("issued", data(DATE, True, "the date of issue (ngày ban hành), YYYY-MM-DD")),
    ("issuer", text(True, "the issuing agency (cơ quan ban hành), e.g. Sở Ngoại vụ thành phố Hải Phòng")),
    ("signer", record(
        ("name", data(NAME, True, "the signer's full name (người ký)")),
        ("position", text(True, "the signer's position, e.g. Giám đốc")),
        hint="the signer: name and position",
    )),
    ("effective", data(EFFECTIVE, hint=f"the date it takes effect (ngày hiệu lực), YYYY-MM-DD, or {FROM_SIGNING}")),
    ("files", list_of(record(
        ("path", data(ATTACHMENT, True, "the file's path relative to this record, e.g. files/ke-hoach-17-kh-nv.pdf")),
        ("language", data(LANGUAGE, True, "the file's language: vi, en, ja, zh or ko")),
        ("title", text(True, "what the file is, e.g. Toàn văn kế hoạch")),
    ), True, "a list of attached files with path, language and title")),
    ("date", own(MOMENT, "when this version appeared on the portal, YYYY-MM-DD (default: the Vietnamese record's, else the date of issue)")),
    ("draft", own(FLAG, "true keeps this version off the site")),
    ("sample", data(FLAG, hint="true where the record is illustrative, not the official published document")),
    ("updated", data(DATE, hint="the date of the record's last change, YYYY-MM-DD")),
    ("change_note", text(hint="what changed in the record, for readers")),
    ("translation_status", data(STATUS, hint="machine or reviewed")),
    ("source_hash", data(HASH)),
)


def leaf_checks(docs_dir: Path, rel_path: str) -> dict[str, LeafCheck]:
    """The checks of this tree's own leaf kinds, for the record at docs-relative `rel_path`."""

    def pair(found: tuple[str, str] | None, here: Location, report: Report) -> None:
        if found is not None:
            report(here, *found)

    def number(value: Any, node: Node, here: Location, report: Report) -> None:
        pair(number_problem(value), here, report)

    def effective(value: Any, node: Node, here: Location, report: Report) -> None:
        if value != FROM_SIGNING and not parse_date(value):
            report(here, _("'{value}' is not a date").format(value=value),
                   _("write the date it takes effect as YYYY-MM-DD, or {signing} for 'from the date of signing'").format(
                       signing=FROM_SIGNING))

    def attachment(value: Any, node: Node, here: Location, report: Report) -> None:
        pair(attachment_problem(docs_dir, rel_path, value), here, report)

    def language(value: Any, node: Node, here: Location, report: Report) -> None:
        if value not in CODES:
            report(here, _("'{value}' is not a language of the portal").format(value=value),
                   _("write one of {codes}").format(codes=", ".join(CODES)))

    def moment(value: Any, node: Node, here: Location, report: Report) -> None:
        try:
            parse_publication_time(value)
        except DateError as error:
            report(here, error.problem, error.fix)

    checks: dict[str, Callable] = {NUMBER: number, EFFECTIVE: effective, ATTACHMENT: attachment,
                                   LANGUAGE: language, MOMENT: moment}
    return checks
