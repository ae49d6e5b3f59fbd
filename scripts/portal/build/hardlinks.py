"""Media put into the site as hard links instead of copies (`hard_links: true`).

Editors' originals (camera photos, scanned forms) are most of the bytes a build writes: at
1,000 articles, copying 440 MB of photos takes longer than rendering a thousand pages. A hard
link gives the site the same file at no cost, like Zola's `hard_link_static`; the web-sized
variants of photos are linked from the image cache the same way. Where linking is not possible
(site and docs on different file systems, a file system without links), files are copied.

The one thing to know: a file in site/ that is a link *is* the file in docs/ (or in .cache/), so
a tool that rewrites site files in place, rather than writing new ones, would change those too.
Nothing in the portal's build, serve or deployment does that; `hard_links: false` turns linking
off."""

from __future__ import annotations

import errno
import os
import shutil

from mkdocs.structure.files import File, Files

from ..site.assets import SharedAsset

_CANNOT_LINK = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EACCES}


def link_or_copy(source: str, destination: str) -> None:
    """Put `source` at `destination` as a hard link, or as a copy where linking fails. An
    existing destination is replaced, never written into (it may itself be a link)."""
    if os.path.lexists(destination):
        if os.path.isfile(destination) and os.path.samefile(source, destination):
            return
        os.unlink(destination)
    else:
        os.makedirs(os.path.dirname(destination), exist_ok=True)
    try:
        os.link(source, destination)
    except OSError as error:
        if error.errno not in _CANNOT_LINK:
            raise
        shutil.copyfile(source, destination)


def link_media(files: Files, docs_dir: str) -> None:
    """Make every file of `docs_dir` that the build copies as it is (not pages, not generated
    files, not files another shard writes) be linked instead."""
    prefix = os.path.join(docs_dir, "")
    for file in files:
        if type(file) not in (File, SharedAsset) or file.is_documentation_page() or file.generated_by \
                or not (file.abs_src_path or "").startswith(prefix):
            continue
        file.copy_file = _linker(file, only_if_modified=isinstance(file, SharedAsset))


def _linker(file: File, *, only_if_modified: bool):
    def copy_file(dirty: bool = False) -> None:
        if (dirty or only_if_modified) and not file.is_modified():
            return
        link_or_copy(file.abs_src_path, file.abs_dest_path)

    return copy_file
