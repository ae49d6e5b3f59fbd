"""The site model kept between builds (portal.mkdocs_adapter.content_cache): used while docs/ and the code
are unchanged, made anew otherwise. Whole builds from a kept model are compared byte for byte
with a plain build in tests/test_build_parallel.py (the shards built apart reuse the model the
parallel build kept)."""

from __future__ import annotations

import os

from portal.mkdocs_adapter.content_cache import ContentCache
from portal.mkdocs_adapter.site_build import load_content

from sitebuild import copy_project

SITE_URL = "https://ngoaivu.haiphong.gov.vn/"


class CountingLoader:
    def __init__(self):
        self.calls = 0

    def __call__(self, docs_dir, site_url, per_page, **moment):
        self.calls += 1
        return load_content(docs_dir, site_url, per_page, **moment)


def test_the_model_is_kept_until_docs_change(tmp_path):
    docs = copy_project(tmp_path) / "docs"
    loader = CountingLoader()
    cache = ContentCache(tmp_path / "cache" / "content.pickle", loader)
    site, procedures, documents = cache.load(docs, SITE_URL, 20)
    assert loader.calls == 1
    assert site._source_hashes, "the kept model carries the source hashes of translated pages"

    kept, kept_procedures, kept_documents = cache.load(docs, SITE_URL, 20)
    assert loader.calls == 1, "nothing changed: the kept model is used"
    assert [a.key for a in kept.published["vi"]] == [a.key for a in site.published["vi"]]
    assert kept.pages.languages == site.pages.languages
    assert [p.norm for p in kept_procedures.procedures.published()] == [p.norm for p in procedures.procedures.published()]
    assert [d.norm for d in kept_documents.documents.listed()] == [d.norm for d in documents.documents.listed()]

    cache.load(docs, SITE_URL, 10)
    assert loader.calls == 2, "another page size is another model"

    article = next(docs.glob("news/2025/*.vi.md"))
    article.write_text(article.read_text(encoding="utf-8").replace("title:", "title: Đã sửa -", 1), encoding="utf-8")
    os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 1_000_000))
    changed, *_ = cache.load(docs, SITE_URL, 10)
    assert loader.calls == 3, "an edited article is read again"
    assert any(a.versions["vi"].title.startswith("Đã sửa") for a in changed.published["vi"])

    (tmp_path / "cache" / "content.pickle").write_bytes(b"not a pickle")
    cache.load(docs, SITE_URL, 10)
    assert loader.calls == 4, "an unreadable cache is made anew"
