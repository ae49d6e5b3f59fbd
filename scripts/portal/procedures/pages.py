"""What the MkDocs plugin asks of the procedures, in a few calls: load them once per build,
register the generated pages (catalogue, desk print-out) with the site's page index, claim the
procedure files of a language pass, and give each page its template context."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from mkdocs.structure.files import File, Files

from ..front_matter import FrontMatterError, split_front_matter
from ..languages import CODES
from ..problems import ContentError
from ..pages.page_index import PageIndex
from ..pages.urls import BuildLayout, PublicUrls
from ..content.site_data import translate_ui
from .model import CATALOGUE_NORM, PRINT_NORM, PROCEDURES_FOLDER, Procedures, is_procedure_file, load_procedures
from .views import ProcedureViews

PAGE_TEMPLATE = "procedure.html"
CATALOGUE_TEMPLATE = "procedure-catalogue.html"
DESK_TEMPLATE = "procedure-desk.html"

MakePage = Callable[[str, str, str, str, str, str], File]
"""make_page(src_uri, lang, norm, title, template, body) -> a generated File (the plugin's)."""


class ProcedureSite:
    def __init__(self, procedures: Procedures, urls: PublicUrls):
        self.procedures = procedures
        self.urls = urls

    @classmethod
    def load(cls, docs_dir: Path, urls: PublicUrls) -> "ProcedureSite":
        procedures, problems = load_procedures(docs_dir)
        if problems:
            raise ContentError(problems)
        return cls(procedures, urls)

    def register(self, pages: PageIndex) -> None:
        """The catalogue and the print-out exist in every language; a procedure missing in a
        language sends that language's switcher to its catalogue. The print-out repeats the
        procedure pages, so it stays out of the sitemap."""
        for norm in (CATALOGUE_NORM, PRINT_NORM):
            pages.languages.setdefault(norm, set()).update(CODES)
        pages.no_sitemap.add(PRINT_NORM)
        for procedure in self.procedures.published():
            if set(procedure.versions) != set(CODES):
                pages.listing_roots[procedure.norm] = CATALOGUE_NORM

    def claim_files(self, files: Files, lang: str, make_page: MakePage) -> dict[str, dict]:
        """Take this pass's procedure files in hand and add the generated pages; returns what the
        plugin records per src_uri (kind, procedure, and the page meta to set)."""
        claimed: dict[str, dict] = {}
        intro = ""
        for file in list(files):
            rel = file.src_uri
            if not rel.startswith(f"{PROCEDURES_FOLDER}/") or not rel.endswith(".md"):
                continue
            if rel.count("/") == 1 and rel.rsplit("/", 1)[-1].split(".", 1)[0] == "index":
                intro = _body_of(file.content_string)
                files.remove(file)
                continue
            version = self.procedures.version_at(rel) if is_procedure_file(rel) else None
            procedure = self.procedures.get(version.name) if version else None
            if procedure is None or procedure.source is None:
                files.remove(file)  # `portal check` reports it; nothing to show without its data
                continue
            # The page's meta gets the data the translation inherits (code, dates...), as if the
            # file said it, for whatever reads page.meta (the search index, the description).
            claimed[rel] = {"kind": "procedure", "procedure": procedure,
                            "meta": {**version.meta, "template": PAGE_TEMPLATE}}
        generated = (
            (CATALOGUE_NORM, translate_ui(lang, "procedures.title"), CATALOGUE_TEMPLATE, intro, "procedure-catalogue"),
            (PRINT_NORM, translate_ui(lang, "desk.title"), DESK_TEMPLATE, "", "procedure-desk"),
        )
        for norm, title, template, body, kind in generated:
            src_uri = f"{norm}index.{lang}.md"
            files.append(make_page(src_uri, lang, norm, title, template, body))
            claimed[src_uri] = {"kind": kind}
        return claimed

    def context(self, info: dict, lang: str, layout: BuildLayout) -> dict:
        views = ProcedureViews(self.procedures, self.urls, layout)
        if info["kind"] == "procedure":
            return {"procedure": views.page(info["procedure"], lang)}
        if info["kind"] == "procedure-catalogue":
            return {"catalogue": views.catalogue(lang)}
        if info["kind"] == "procedure-desk":
            return {"desk": views.desk(lang)}
        return {}


def _body_of(text: str) -> str:
    try:
        return split_front_matter(text)[1]
    except FrontMatterError:
        return text
