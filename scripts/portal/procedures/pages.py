"""The procedures' pages: a page per record and language, and two pages generated in every
language, the catalogue and the one-stop desk print-out. What the engine adapter asks of them, in
a few calls: load them once per build, register the generated pages with the site's page index,
say what each procedures/ file of a language pass is, and give each page its template context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from ..content.change_notes import Change
from ..content.site_data import translate_ui
from ..front_matter import FrontMatterError, split_front_matter
from ..languages import CODES
from ..pages.generated import GeneratedPage
from ..pages.page_index import PageIndex
from ..pages.urls import BuildLayout, PublicUrls
from ..problems import ContentError
from ..timezone import VIETNAM_OFFSET
from .model import CATALOGUE_NORM, PRINT_NORM, PROCEDURES_FOLDER, Procedures, is_procedure_file, load_procedures
from .one_stop_desk import one_stop_desk_view
from .qr import code_svgs, remember_codes
from .views import ProcedureViews

PAGE_TEMPLATE = "procedure.html"
CATALOGUE_TEMPLATE = "procedure-catalogue.html"
DESK_TEMPLATE = "procedure-desk.html"


@dataclass(frozen=True)
class FileRole:
    """What a Markdown file of docs/procedures/ is to a language pass."""

    kind: str
    """`intro` (the catalogue's text: not a page of its own), `page` (a record's page) or
    `dropped` (no page: `portal check` reports why)."""
    info: dict | None = None
    """For a page: what the build keeps about it (kind, procedure, and the page meta to set)."""


class ProcedurePages:
    def __init__(self, procedures: Procedures, urls: PublicUrls, info: dict | None = None):
        self.procedures = procedures
        self.urls = urls
        self.info = info or {}
        """The site's data (docs/_data/site.yml): where the one-stop desk is."""
        self.qr_codes: dict[str, str] = {}
        """Public URL -> its QR code (SVG), made at load: the build keeps the loaded procedures
        between builds (`content_cache`), so codes are encoded only when the content changes."""

    @classmethod
    def load(cls, docs_dir: Path, urls: PublicUrls, info: dict | None = None) -> "ProcedurePages":
        procedures, problems = load_procedures(docs_dir)
        if problems:
            raise ContentError(problems)
        pages = cls(procedures, urls, info)
        pages.qr_codes = code_svgs({urls.url(procedure.version_for(lang).lang, procedure.norm)
                                    for procedure in procedures.published() for lang in CODES})
        return pages

    def register(self, pages: PageIndex) -> None:
        """The catalogue and the print-out exist in every language; a procedure missing in a
        language sends that language's switcher to its catalogue. The print-out repeats the
        procedure pages, so it stays out of the sitemap. Each record's `updated` is its pages'
        last change (the sitemap's `lastmod`), and the newest one the catalogue's."""
        for norm in (CATALOGUE_NORM, PRINT_NORM):
            pages.languages.setdefault(norm, set()).update(CODES)
        pages.no_sitemap.add(PRINT_NORM)
        for procedure in self.procedures.published():
            if set(procedure.versions) != set(CODES):
                pages.listing_roots[procedure.norm] = CATALOGUE_NORM
            if procedure.updated is not None:
                change = Change(datetime.combine(procedure.updated, time(), VIETNAM_OFFSET), True, "")
                for lang in procedure.versions:
                    pages.note_change(lang, procedure.norm, change)
                for lang in CODES:
                    pages.note_change(lang, CATALOGUE_NORM, change)

    def role_of(self, rel: str) -> FileRole | None:
        """What the Markdown file at docs-relative `rel` is; None for a file outside procedures/."""
        if not rel.startswith(f"{PROCEDURES_FOLDER}/") or not rel.endswith(".md"):
            return None
        if rel.count("/") == 1 and rel.rsplit("/", 1)[-1].split(".", 1)[0] == "index":
            return FileRole("intro")
        version = self.procedures.version_at(rel) if is_procedure_file(rel) else None
        procedure = self.procedures.get(version.name) if version else None
        if procedure is None or procedure.source is None:
            return FileRole("dropped")  # `portal check` reports it; nothing to show without its data
        # The page's meta gets the data the translation inherits (code, dates...), as if the
        # file said it, for whatever reads page.meta (the search index, the description).
        return FileRole("page", {"kind": "procedure", "procedure": procedure,
                                 "meta": {**version.meta, "template": PAGE_TEMPLATE}})

    def generated_pages(self, lang: str, intro: str) -> list[GeneratedPage]:
        """The catalogue (headed by `intro`, the text of procedures/index.<lang>.md) and the desk
        print-out of `lang`."""
        generated = (
            (CATALOGUE_NORM, translate_ui(lang, "procedures.title"), CATALOGUE_TEMPLATE, intro_text(intro),
             "procedure-catalogue"),
            (PRINT_NORM, translate_ui(lang, "desk.title"), DESK_TEMPLATE, "", "procedure-desk"),
        )
        return [GeneratedPage(f"{norm}index.{lang}.md", lang, norm, title, template, body, {"kind": kind})
                for norm, title, template, body, kind in generated]

    def context(self, info: dict, lang: str, layout: BuildLayout) -> dict:
        remember_codes(self.qr_codes)
        views = ProcedureViews(self.procedures, self.urls, layout)
        if info["kind"] == "procedure":
            return {"procedure": views.page(info["procedure"], lang),
                    "one_stop_desk": one_stop_desk_view(self.info, lang)}
        if info["kind"] == "procedure-catalogue":
            return {"catalogue": views.catalogue(lang)}
        if info["kind"] == "procedure-desk":
            return {"desk": views.desk(lang)}
        return {}

    def site_map_entries(self, lang: str, layout: BuildLayout) -> list[dict]:
        """The procedures in the HTML sitemap of `lang` (as in the catalogue: a procedure without
        a version in `lang` is listed with its Vietnamese title, marked), then the desk print-out."""
        views = ProcedureViews(self.procedures, self.urls, layout)
        entries = [{key: card[key] for key in ("title", "url", "lang", "fallback", "code")}
                   for card in (views.card(procedure, lang) for procedure in self.procedures.published())]
        if entries:
            entries.append({"title": translate_ui(lang, "desk.title"), "url": layout.site_path(lang, PRINT_NORM),
                            "lang": lang, "fallback": False, "code": ""})
        return entries


def intro_text(text: str) -> str:
    """The catalogue's introduction: the index page's text without its front matter."""
    try:
        return split_front_matter(text)[1]
    except FrontMatterError:
        return text
