"""Media put into the site as hard links instead of copies (`hard_links: true`).

Editors' originals (camera photos, scanned forms) are most of the bytes a build writes: at
1,000 articles, copying 440 MB of photos takes longer than rendering a thousand pages. A hard
link gives the site the same file at no cost, like Zola's `hard_link_static`; the web-sized
variants of photos are linked from the image cache the same way. Where linking is not possible
(site and docs on different file systems, a file system without links), files are copied.

The one thing to know: a file in site/ that is a link *is* the file in docs/ (or in .cache/), so
a tool that rewrites site files in place, rather than writing new ones, would change those too.
Nothing in the portal's build, serve or deployment does that; `hard_links: false` turns linking
off. Only regular files whose real path is inside docs/ (or the image cache) are ever linked."""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..file_writing import RefusedSource, link_or_copy
from .compat import SharedAsset, replace_copy


def link_media(files: Files, docs_dir: str) -> None:
    """Make every file of `docs_dir` that the build copies as it is (not pages, not generated
    files, not files another shard writes) be linked instead."""
    prefix = os.path.join(docs_dir, "")
    for file in files:
        if type(file) not in (File, SharedAsset) or file.is_documentation_page() or file.generated_by \
                or not (file.abs_src_path or "").startswith(prefix):
            continue
        replace_copy(file, _linker(file, docs_dir, only_if_modified=isinstance(file, SharedAsset)))


def _linker(file: File, docs_dir: str, *, only_if_modified: bool):
    def copy_file(dirty: bool = False) -> None:
        if (dirty or only_if_modified) and not file.is_modified():
            return
        try:
            link_or_copy(file.abs_src_path, file.abs_dest_path, inside=(docs_dir,))
        except RefusedSource as error:
            raise PluginError(str(error)) from None

    return copy_file
