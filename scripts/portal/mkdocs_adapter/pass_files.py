"""What each static-i18n language pass needs to see, and what a shard's other passes may skip.

static-i18n hands every pass all files of docs/ in every language and spends most of its
`on_files` turning each into a language-aware copy, only to set aside the files of the other
languages. With `fallback_to_default: false` a pass uses only its own language's files, the
unsuffixed media (which the portal adds to every pass, see `portal.mkdocs_adapter.generated_files`) and, in the
default language's pass, the unsuffixed pages; giving it just those makes its work proportional
to one language instead of five, with the same result."""

from __future__ import annotations

from mkdocs.structure.files import Files, InclusionLevel

from ..languages import CODES, DEFAULT
from ..pages.urls import norm_path_of
from .compat import UncopiedFile
from .sharding import owner_language


def language_suffix(src_uri: str) -> str | None:
    """`news/a.ja.md` -> `ja`, `images/a.en.jpg` -> `en`, `news/a.md` -> None."""
    name = src_uri.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if "." not in stem:
        return None
    suffix = stem.rsplit(".", 1)[1]
    return suffix if suffix in CODES else None


def files_for_pass(files: Files, docs_dir: str, lang: str, default: str) -> Files:
    """The files of `files` a pass of `lang` can use (theme files are always kept)."""
    kept = []
    for file in files:
        if file.abs_src_path is None or not file.abs_src_path.startswith(docs_dir):
            kept.append(file)
            continue
        suffix = language_suffix(file.src_uri)
        if suffix == lang or (suffix is None and (lang == default or not file.is_documentation_page())):
            kept.append(file)
    return Files(kept)


def keep_pages_in_nav(files: Files, nav_norms: set[str]) -> None:
    """In a pass whose language another shard builds, drop every page except those the
    navigation names (MkDocs and static-i18n warn about a navigation or home page that does
    not exist); their output is discarded when the shards merge."""
    for file in list(files):
        if file.is_documentation_page() and norm_path_of(file.src_uri) not in nav_norms:
            files.remove(file)


def leave_out_other_parts(files: Files, shard, lang: str, always: set[str]) -> None:
    """In a pass of a language split between shards, the pages of the other parts are left out
    of the build but stay known, so that links to them resolve as in a whole build. Pages whose
    norm path is in `always` (the navigation's) are built here too; the merge keeps one copy."""
    for file in files:
        if not file.is_documentation_page() or file.inclusion.is_excluded():
            continue
        norm = norm_path_of(file.src_uri)
        if norm not in always and not shard.owns_page(lang, norm):
            file.inclusion = InclusionLevel.EXCLUDED


def stop_copying_shared_files(files: Files) -> None:
    """Theme assets and media of docs/ land in the default language's part of the site, which
    the shard that builds the default language writes: other shards only keep them known (links
    to them resolve) instead of copying them again."""
    for file in list(files):
        if file.is_documentation_page() or file.inclusion.is_excluded():
            continue
        if owner_language(file.dest_uri) != DEFAULT:
            continue
        files.remove(file)
        files.append(UncopiedFile(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls,
                                  dest_uri=file.dest_uri, inclusion=file.inclusion))


def nav_norm_paths(nav_config) -> set[str]:
    """Norm paths of the pages the `nav` setting names."""
    found: set[str] = set()

    def visit(item):
        if isinstance(item, str):
            if item.endswith(".md"):
                found.add(norm_path_of(item))
        elif isinstance(item, dict):
            for value in item.values():
                visit(value)
        elif isinstance(item, list):
            for value in item:
                visit(value)

    visit(nav_config or [])
    return found
