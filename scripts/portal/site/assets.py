"""Images and other media are shared by all language versions of a page.

With `fallback_to_default: false`, static-i18n gives the en/ja/zh/ko passes only files with
their own suffix, so `![...](images/a.jpg)` in `a.en.md` would point nowhere. Each language
pass therefore also gets the unsuffixed media, at their single Vietnamese (root) address, copied
only when the copy on disk is missing or older."""

from __future__ import annotations

from mkdocs.structure.files import File, Files, get_files

from ..languages import CODES


class SharedAsset(File):
    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty=True)


def _has_language_suffix(src_uri: str) -> bool:
    stem = src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "." in stem and stem.rsplit(".", 1)[1] in CODES


def add_shared_assets(files: Files, config) -> None:
    """Add every unsuffixed media file of docs/ that the pass does not already have."""
    present = {file.src_uri for file in files}
    for file in get_files(config):
        if file.is_documentation_page() or file.src_uri in present or _has_language_suffix(file.src_uri):
            continue
        if file.abs_src_path is None or not file.abs_src_path.startswith(str(config.docs_dir)):
            continue
        files.append(SharedAsset(file.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
