"""Files of a language pass that are not simply docs/ files copied as they are.

- Generated pages (listings, stand-ins, the procedures' catalogue and print-out: see
  `portal.pages.generated`) become MkDocs files made from their Markdown, at their address.
- Images and other media are shared by all language versions of a page. With
  `fallback_to_default: false`, static-i18n gives the en/ja/zh/ko passes only files with their
  own suffix, so `![...](images/a.jpg)` in `a.en.md` would point nowhere. Each language pass
  therefore also gets the unsuffixed media (`SharedAsset`), at their single Vietnamese (root)
  address, copied only when the copy on disk is missing or older.
- In a shard of the build, media another shard writes stay known (links to them resolve) but
  are not copied (`UncopiedFile`).

The two File subclasses change how MkDocs copies a file, so they live in `compat`."""

from __future__ import annotations

import os

from mkdocs.structure.files import File, Files

from ..languages import CODES
from ..pages.generated import GeneratedPage
from ..pages.urls import BuildLayout
from .compat import SharedAsset


def generated_file(config, page: GeneratedPage, layout: BuildLayout) -> File:
    file = File.generated(config, page.src_uri, content=page.markdown)
    file.dest_uri = layout.dest_uri(page.lang, page.norm)
    return file


def _has_language_suffix(src_uri: str) -> bool:
    stem = src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "." in stem and stem.rsplit(".", 1)[1] in CODES


def shared_media(files: Files, docs_dir: str) -> list[str]:
    """src_uri of every unsuffixed media file of docs/ among `files`."""
    prefix = os.path.join(docs_dir, "")
    return [file.src_uri for file in files
            if not file.is_documentation_page() and not file.inclusion.is_excluded()
            and not _has_language_suffix(file.src_uri) and file.abs_src_path is not None and file.abs_src_path.startswith(prefix)]


def add_shared_assets(files: Files, config, media: list[str]) -> None:
    """Add every file of `media` (see `shared_media`) that the pass does not already have."""
    present = {file.src_uri for file in files}
    for src_uri in media:
        if src_uri not in present:
            files.append(SharedAsset(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
