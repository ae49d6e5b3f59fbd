"""What the document templates and the documents feed show: plain dictionaries in the page's
language, with kinds labelled from the vocabulary, dates localized by Babel, each attached file's
format, size and language, links as site-relative paths (templates pass them through MkDocs'
`url` filter) and absolute public URLs for the feeds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from babel.units import format_unit

from ..content.site_data import translate_ui
from ..languages import BY_CODE, DEFAULT
from ..pages.urls import BuildLayout, PublicUrls
from ..procedures.views import localized_day, plural_text
from .attachments import attachment_target, file_format, file_size
from .model import LISTING_NORM, Document, Documents
from .schema import FROM_SIGNING


def human_size(size: int, lang: str) -> str:
    """`245 kB`, `1,2 MB` in the reader's language (CLDR units: 1 kB = 1,000 bytes)."""
    locale = BY_CODE[lang].babel_locale
    if size < 999_500:
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)
    return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale)


@dataclass
class DocumentViews:
    documents: Documents
    urls: PublicUrls
    layout: BuildLayout
    now: datetime | None = None
    """The moment of the build (None: nothing is scheduled); see `model`."""

    def _version(self, document: Document, lang: str):
        """The version shown in `lang`: its own when published, else the Vietnamese record."""
        own = document.versions.get(lang) if document.is_published(lang, self.now) else None
        return own or document.source

    def page_url(self, document: Document, lang: str) -> str:
        """Site path of the document's page in `lang`, or of the Vietnamese page where `lang` has none."""
        shown = lang if document.is_published(lang, self.now) else DEFAULT
        return self.layout.site_path(shown, document.norm)

    def _kind(self, document: Document, lang: str) -> dict:
        return {"slug": document.kind, "label": self.documents.vocabulary.label("kinds", document.kind, lang)}

    def card(self, document: Document, lang: str) -> dict:
        """One entry of the list."""
        version = self._version(document, lang)
        issued = document.issued
        issuer = version.meta.get("issuer")
        return {
            "name": document.name,
            "title": version.title,
            "lang": version.lang,
            "fallback": version.lang != lang,
            "url": self.page_url(document, lang),
            "number": document.number,
            "kind": self._kind(document, lang),
            "issued": localized_day(issued, lang),
            "issued_iso": issued.isoformat() if issued else "",
            "year": str(issued.year) if issued else "",
            "summary": version.summary,
            "issuer": issuer.strip() if isinstance(issuer, str) else "",
            "sample": document.sample,
        }

    def page(self, document: Document, lang: str) -> dict:
        """Everything a document's page shows, in `lang`."""
        version = self._version(document, lang)
        view = self.card(document, lang)
        signer = version.meta.get("signer") if isinstance(version.meta.get("signer"), dict) else {}
        effective = document.effective
        view.update({
            "signer": {"name": _text(signer.get("name")), "position": _text(signer.get("position"))},
            "effective": (translate_ui(lang, "document.effective_from_signing") if effective == FROM_SIGNING
                          else localized_day(effective, lang) if isinstance(effective, date) else ""),
            "effective_iso": effective.isoformat() if isinstance(effective, date) else "",
            "files": self.files(document, version, lang),
            "public_url": self.urls.url(version.lang, document.norm),
            "list_url": self.layout.site_path(lang, LISTING_NORM),
        })
        return view

    def files(self, document: Document, version, lang: str) -> list[dict]:
        """The attached files: the paths are the Vietnamese record's (data), the titles the shown
        version's (text, item by item)."""
        titles = version.meta.get("files") if isinstance(version.meta.get("files"), list) else []
        shown = []
        for index, item in enumerate(document.files):
            target = attachment_target(document.source.rel_path, item.get("path"))
            kind = file_format(target) if target else None
            if target is None or kind is None:
                continue  # `portal check` refuses it
            size = file_size(self.documents.docs_dir, target) or 0
            file_lang = item.get("language") if item.get("language") in BY_CODE else DEFAULT
            title_item = titles[index] if index < len(titles) and isinstance(titles[index], dict) else item
            language = translate_ui(lang, f"language_name.{file_lang}")
            size_text = human_size(size, lang)
            shown.append({
                # Attached files are files of the docs folder, published once at the site root.
                "url": target,
                "public_url": self.urls.url(DEFAULT, target),
                "title": _text(title_item.get("title")) or _text(item.get("title")),
                "title_lang": version.lang,
                "format": kind.label,
                "media_type": kind.media_type,
                "size": size_text,
                "bytes": size,
                "lang": file_lang,
                "language": language,
                "other_language": file_lang != lang,
                "facts": translate_ui(lang, "document.file_facts", format=kind.label, size=size_text, language=language),
            })
        return shown

    def listing(self, lang: str) -> dict:
        """The list of documents in `lang`, newest first, with what its filters offer."""
        cards = [self.card(document, lang) for document in self.documents.listed(self.now)]
        kinds = [{"slug": slug, "label": term.label(lang)} for slug, term in self.documents.vocabulary.terms("kinds").items()
                 if any(card["kind"]["slug"] == slug for card in cards)]
        years = sorted({card["year"] for card in cards if card["year"]}, reverse=True)
        return {
            "items": cards,
            "total": len(cards),
            "count_text": plural_text(lang, "documents.count", len(cards)),
            "kinds": kinds,
            "years": years,
            "messages": {key: translate_ui(lang, f"documents.{key}")
                         for key in ("count_one", "count_other", "shown_one", "shown_other")},
            "locale": BY_CODE[lang].babel_locale.replace("_", "-"),
        }


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
