"""What the procedure templates show: plain dictionaries in the page's language, with labels from
the vocabulary, dates localized by Babel, links as site-relative paths (templates pass them
through MkDocs' `url` filter) and absolute public URLs for QR codes and print."""

from __future__ import annotations

import os
import posixpath
from urllib.parse import urlsplit
from dataclasses import dataclass
from datetime import date

from babel import Locale
from babel.numbers import format_decimal

from ..languages import BY_CODE, CODES, DEFAULT
from ..content.markdown_links import is_external
from ..content.site_data import translate_ui
from ..pages.urls import BuildLayout, PublicUrls
from ..pages.views import localized_day as _localized_day
from .model import CATALOGUE_NORM, PRINT_NORM, Procedure, Procedures
from .qr import qr_svg
from .schema import parse_date


IN_PERSON_CHANNELS = frozenset({"truc-tiep", "buu-chinh"})
"""Channel kinds (docs/_data/procedure-vocabulary.yml) that go through the one-stop desk."""


def localized_day(day: date | None, lang: str) -> str:
    """A date as the site writes it in `lang` (24/12/2025 in Vietnamese), empty for none."""
    return _localized_day(day, lang) if day else ""


def common_value(rows: list[dict], key: str) -> str | None:
    """The value of `key` when every row (of two or more) has the same non-empty one: a table
    then says it once instead of once per row."""
    values = {row[key] for row in rows}
    return values.pop() if len(rows) > 1 and len(values) == 1 and "" not in values else None


def plural_text(lang: str, key: str, count: int, **values) -> str:
    """`<key>_one` or `<key>_other` by the language's plural rule (only English tells them apart
    among the portal's languages, but the rule is Babel's, not ours)."""
    form = Locale.parse(BY_CODE[lang].babel_locale).plural_form(count)
    return translate_ui(lang, f"{key}_{'one' if form == 'one' else 'other'}", count=count, **values)


@dataclass
class ProcedureViews:
    procedures: Procedures
    urls: PublicUrls
    layout: BuildLayout

    def _text(self, value) -> str:
        return str(value).strip() if isinstance(value, str) else ""

    def _list(self, value) -> list:
        return value if isinstance(value, list) else []

    def _term(self, name: str, slug, lang: str) -> dict:
        return {"slug": str(slug or ""), "label": self.procedures.vocabulary.label(name, str(slug or ""), lang)}

    def page_url(self, procedure: Procedure, lang: str) -> str:
        """Site path of the procedure's page in `lang`, or of the Vietnamese page where `lang` has none."""
        return self.layout.site_path(lang if lang in procedure.versions else DEFAULT, procedure.norm)

    def card(self, procedure: Procedure, lang: str) -> dict:
        """One entry of the catalogue (and of 'related procedures')."""
        version = procedure.version_for(lang)
        meta = version.meta
        return {
            "name": procedure.name,
            "title": version.title,
            "lang": version.lang,
            "fallback": version.lang != lang,
            "url": self.page_url(procedure, lang),
            "code": procedure.code,
            "summary": self._text(meta.get("summary")),
            "field": self._term("fields", procedure.field, lang),
            "level": self._term("levels", meta.get("level"), lang),
            "online_level": self._term("online_levels", procedure.online_level, lang),
            "processing_time": self._text(meta.get("processing_time")),
            "fees": self._text(meta.get("fees")),
        }

    def page(self, procedure: Procedure, lang: str) -> dict:
        """Everything a procedure page (and its desk print-out) shows, in `lang`."""
        version = procedure.version_for(lang)
        meta = version.meta
        view = self.card(procedure, lang)
        public_url = self.urls.url(version.lang, procedure.norm)
        channels = [
            {**self._term("channel_kinds", channel.get("kind"), lang),
             "method": self._text(channel.get("method")),
             "time_limit": self._text(channel.get("time_limit")),
             "fee": self._text(channel.get("fee"))}
            for channel in self._list(meta.get("channels")) if isinstance(channel, dict)
        ]
        view.update({
            "agency": self._text(meta.get("agency")),
            "applicants": self._text(meta.get("applicants")),
            "outcome": self._text(meta.get("outcome")),
            "online_url": self._text(meta.get("online_url")),
            "updated": localized_day(procedure.updated, lang),
            "updated_iso": procedure.updated.isoformat() if procedure.updated else "",
            "sample": meta.get("sample") is True,
            "steps": [self._text(step) for step in self._list(meta.get("steps"))],
            "channels": channels,
            # Said once above the table when the same for every channel (it usually is).
            "channels_time_limit": common_value(channels, "time_limit"),
            "channels_fee": common_value(channels, "fee"),
            "documents": [self._document(document, version.rel_path, lang)
                          for document in self._list(meta.get("documents")) if isinstance(document, dict)],
            "requirements": [self._text(item) for item in self._list(meta.get("requirements"))],
            "legal_basis": [self._legal_document(entry, lang)
                            for entry in self._list(meta.get("legal_basis")) if isinstance(entry, dict)],
            "related": [self.card(other, lang) for other in self._related(procedure)],
            "public_url": public_url,
            "qr_svg": qr_svg(public_url, translate_ui(lang, "procedure.qr_label", title=version.title, url=public_url)),
            "catalogue_url": self.layout.site_path(lang, CATALOGUE_NORM),
        })
        view["language_notice"] = language_notice(view["documents"], lang)
        # The one-stop desk is where an application is handed in or posted to.
        view["in_person"] = any(channel["slug"] in IN_PERSON_CHANNELS for channel in channels)
        return view

    def _legal_document(self, entry: dict, lang: str) -> dict:
        issued = parse_date(entry.get("date"))
        return {"number": self._text(entry.get("number")), "title": self._text(entry.get("title")),
                "issuer": self._text(entry.get("issuer")), "date": localized_day(issued, lang),
                "date_iso": issued.isoformat() if issued else ""}

    def _document(self, document: dict, rel_path: str, lang: str) -> dict:
        form = document.get("form") if isinstance(document.get("form"), dict) else None
        shown_form = None
        if form and self._text(form.get("url")):
            target = self._text(form.get("url"))
            external = is_external(target)
            size = None
            if not external:
                # Forms are files of the docs folder, copied once to the site root, not per language.
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel_path), target))
                size = self._file_size(target)
            form_lang = form.get("language") if form.get("language") in CODES else DEFAULT
            file_format = posixpath.splitext(urlsplit(target).path)[1].lstrip(".").upper()
            shown_form = {"title": self._text(form.get("title")), "url": target, "external": external,
                          "format": file_format, "language": form_lang,
                          "details": form_details(file_format, size, form_lang, lang)}
        return {"name": self._text(document.get("name")), "note": self._text(document.get("note")),
                "originals": _count(document.get("originals")), "copies": _count(document.get("copies")),
                "form": shown_form}

    def _file_size(self, target: str) -> int | None:
        """The size in bytes of a form file of docs/, at build time (None if it cannot be read:
        `portal check` reports a missing form)."""
        try:
            return os.path.getsize(self.procedures.docs_dir / target)
        except OSError:
            return None

    def _related(self, procedure: Procedure) -> list[Procedure]:
        found = (self.procedures.get(name) for name in procedure.related)
        return [other for other in found if other is not None and other.source is not None]

    def catalogue(self, lang: str) -> dict:
        cards = [self.card(procedure, lang) for procedure in self.procedures.published()]
        return {
            "items": cards,
            "total": len(cards),
            "count_text": plural_text(lang, "procedures.count", len(cards)),
            "fields": [self._term("fields", slug, lang) for slug in self.procedures.vocabulary.terms("fields")
                       if any(card["field"]["slug"] == slug for card in cards)],
            "online_levels": [self._term("online_levels", slug, lang) for slug in self.procedures.vocabulary.terms("online_levels")],
            "messages": {
                "count_one": translate_ui(lang, "procedures.count_one"),
                "count_other": translate_ui(lang, "procedures.count_other"),
                "shown_one": translate_ui(lang, "procedures.shown_one"),
                "shown_other": translate_ui(lang, "procedures.shown_other"),
            },
            "print_url": self.layout.site_path(lang, PRINT_NORM),
            "locale": BY_CODE[lang].babel_locale.replace("_", "-"),
        }

    def desk(self, lang: str) -> dict:
        """The one-stop desk's print-out: every procedure, one A4 sheet each, with its QR code."""
        sheets = [self.page(procedure, lang) for procedure in self.procedures.published()]
        return {"sheets": sheets, "count_text": plural_text(lang, "procedures.count", len(sheets)),
                "catalogue_url": self.layout.site_path(lang, CATALOGUE_NORM)}


def file_size_text(size: int, lang: str) -> str:
    """`98 KB`, `1.2 MB` (`1,2 MB` in Vietnamese): kilobytes of 1,024 bytes, at least 1 KB."""
    locale = BY_CODE[lang].babel_locale
    if size < 1024 * 1024:
        return f"{format_decimal(max(1, round(size / 1024)), format='#,##0', locale=locale)} KB"
    return f"{format_decimal(size / (1024 * 1024), format='#,##0.#', locale=locale)} MB"


def form_details(file_format: str, size: int | None, form_lang: str, lang: str) -> str:
    """What a reader learns before downloading a form, in `lang`: `(PDF, 107 KB, tiếng Việt)`."""
    parts = [part for part in (file_format, file_size_text(size, lang) if size is not None else "") if part]
    parts.append(translate_ui(lang, f"language_name.{form_lang}"))
    return translate_ui(lang, "procedure.form_details", details=translate_ui(lang, "procedure.list_separator").join(parts))


def language_notice(documents: list[dict], lang: str) -> str | None:
    """The UI string that tells a reader of another language that the national portal (and the
    forms, when all of them are Vietnamese) are in Vietnamese only; None for Vietnamese readers."""
    if lang == DEFAULT:
        return None
    forms = [document["form"] for document in documents if document["form"]]
    if forms and all(form["language"] == DEFAULT for form in forms):
        return "procedure.vietnamese_only_portal_and_forms"
    return "procedure.vietnamese_only_portal"


def _count(value) -> int:
    """A number of copies as written, or 0 for anything that is not a whole number."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
