"""The site model kept between builds while nothing it was made from has changed.

Every build process (each shard of `portal build --jobs`, each full rebuild of the preview)
starts by reading the front matter of every article, building the listings and page index, and
hashing the source of every translated page (for the "outdated translation" notice): about half
a second at 1,000 articles, in every process. The result is kept in
`.cache/portal-build/content.pickle` with the fingerprint of docs/ and of the code
(`fingerprint`), the site address and the listing page size, and is used only while all of them
are the same; anything else loads the content anew (and keeps that). The content checks' verdict
is kept the same way (`checks_unless_unchanged`)."""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path

from ..content_checks import run_checks
from .fingerprint import source_fingerprint

log = logging.getLogger("mkdocs.plugins.portal")


class ContentCache:
    def __init__(self, path: Path, load):
        self.path = Path(path)
        self._load = load
        """The loader it stands for: (docs_dir, site_url, per_page) -> (site, procedures)."""

    def load(self, docs_dir: Path, site_url: str | None, per_page: int):
        fingerprint = source_fingerprint(docs_dir, site_url, per_page)
        try:
            with open(self.path, "rb") as stream:
                kept_fingerprint, content = pickle.load(stream)
            if kept_fingerprint == fingerprint:
                return content
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            pass
        site, procedures = self._load(docs_dir, site_url, per_page)
        site.hash_all_sources()
        self._keep(fingerprint, (site, procedures))
        return site, procedures

    def _keep(self, fingerprint: str, content) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((fingerprint, content), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:
            Path(temporary).unlink(missing_ok=True)
            log.debug(f"the site model was not kept: {error}")


def checks_unless_unchanged(docs_dir: Path, record: Path, project_root: Path | None = None) -> list:
    """`run_checks`, skipped when neither the docs folder nor the checking code changed since
    the checks last found nothing (their result depends on nothing else)."""
    state = source_fingerprint(Path(docs_dir))
    if record.is_file() and record.read_text(encoding="ascii") == state:
        return []
    problems = run_checks(docs_dir, project_root)
    if not problems:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(state, encoding="ascii")
    return problems
