"""Which front-matter fields hold text for readers (translated) and which are data (never sent
to a translation engine). Paths use `a.b` for nested keys and `[]` for every item of a list."""

from __future__ import annotations

NEWS_TEXT_FIELDS: tuple[str, ...] = ("title", "summary", "image_alt", "change_note")

PROCEDURE_TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "steps[]",
    "channels[].method",
    "channels[].time_limit",
    "channels[].fee",
    "documents[].name",
    "documents[].note",
    "documents[].form.title",
    "processing_time",
    "applicants",
    "agency",
    "outcome",
    "fees",
    "requirements[]",
    "legal_basis[].title",
    "legal_basis[].issuer",
)


DOCUMENT_TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "summary",
    "issuer",
    "signer.position",
    "files[].title",
    "change_note",
)
"""The text values of `portal.documents.schema.DOCUMENT` (a test holds the two together)."""


def text_fields_for(rel_path: str) -> tuple[str, ...]:
    """The translatable fields of a content file, by its docs-relative path."""
    if rel_path.startswith("procedures/"):
        return PROCEDURE_TEXT_FIELDS
    if rel_path.startswith("documents/"):
        return DOCUMENT_TEXT_FIELDS
    return NEWS_TEXT_FIELDS
