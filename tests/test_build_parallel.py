"""Parallel and sharded builds give the site a plain one-process MkDocs build gives.

A small generated corpus (articles in five languages with partial translations, drafts, photos
and links between articles, plus the project's own pages and procedures) is built three ways:
plain `mkdocs build` with the build plugin's speed-ups off (the reference), `portal build
--jobs 2` with an empty cache, and by hand as two shards on "two machines" (`--languages`)
merged with `--merge`, with the cache the previous build left. All three must hold the same
files with the same bytes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from portal.bench.corpus import CorpusShape, write_project
from portal.mkdocs_adapter.merge import MergeError, SHARD_MANIFEST, merge_shards, write_manifest
from portal.mkdocs_adapter.parallel import BuildFailed, language_weights, parallel_build
from portal.mkdocs_adapter.sharding import (BUCKETS, Shard, ShardError, balance, bucket_of, owner_language, page_norm_of,
                                            shard_load, writes_path)
from portal.cli import main
from portal.languages import CODES
from sitebuild import MKDOCS_ENV

SMALL_PHOTOS = ((1800, 1200, 0.5), (900, 1200, 0.5))
"""Small enough to make quickly, large enough to get every variant width."""


def _tree(folder: Path) -> dict[str, bytes]:
    files = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory) / name
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def _same_content(rel: str, left: bytes, right: bytes) -> bool:
    if rel.endswith("pagefind-entry.json"):
        # Pagefind lists the languages of its index in no fixed order.
        return json.loads(left) == json.loads(right)
    return left == right


def assert_same_site(reference: Path, candidate: Path) -> None:
    expected, actual = _tree(reference), _tree(candidate)
    assert sorted(actual) == sorted(expected), (
        f"only in the reference: {sorted(set(expected) - set(actual))[:10]}; "
        f"only in {candidate.name}: {sorted(set(actual) - set(expected))[:10]}")
    different = [rel for rel in expected if not _same_content(rel, expected[rel], actual[rel])]
    assert not different, f"{len(different)} files differ from the reference, e.g. {different[:10]}"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    shape = replace(CorpusShape(), lead_photo=0.4, second_photo=0.5, link=0.3, draft_article=0.1,
                    photo_sizes=SMALL_PHOTOS, photo_pool=2)
    write_project(root / "project", 14, seed=5, shape=shape, photo_cache=root / "photos")
    return root / "project"


@pytest.fixture(scope="module")
def reference(corpus) -> Path:
    site = corpus.parent / "reference"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=corpus,
                            capture_output=True, text=True, env={**MKDOCS_ENV, "PORTAL_BUILD_SPEEDUPS": "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.site_build
def test_the_reference_is_a_real_five_language_site(reference):
    files = _tree(reference)
    for lang in CODES[1:]:
        assert f"{lang}/index.html" in files and f"{lang}/404.html" in files
    assert sum(rel.endswith(".html") for rel in files) > 100
    assert any(re.search(r"-480w\.jpg$", rel) for rel in files), "no photo variant: the corpus has no photos"
    assert "pagefind/pagefind-entry.json" in files and "sitemap.xml" in files


@pytest.mark.site_build
def test_two_jobs_build_the_same_site_as_one_plain_build(corpus, reference):
    site = corpus.parent / "jobs-2"
    report = parallel_build(corpus / "mkdocs.yml", site, 2, environment=MKDOCS_ENV)
    assert len(report.runs) == 2
    assert set(lang for run in report.runs for lang in run.shard.languages) == set(CODES)
    assert report.search_summary and "5 languages" in report.search_summary
    assert_same_site(reference, site)
    assert not (site.parent / f".{site.name}.shards").exists(), "the shards' folders are left behind"


@pytest.mark.site_build
def test_shards_built_apart_and_merged_give_the_same_site(corpus, reference, monkeypatch, capsys):
    monkeypatch.chdir(corpus)
    first, second, merged = (corpus.parent / name for name in ("shard-1", "shard-2", "merged"))
    # Japanese split between the two machines, half of its pages each.
    assert main(["build", "--languages", "vi,ja:0-500", "--site-dir", str(first)]) == 0
    assert main(["build", "--languages", "ko,en,ja:500-1000,zh", "--site-dir", str(second)]) == 0
    assert json.loads((second / SHARD_MANIFEST).read_text())["parts"] == ["en", "ja:500-1000", "zh", "ko"]
    assert not (first / "pagefind").exists(), "a shard must leave the search index to the merge"
    # The first Japanese part writes every Japanese feed, from the model: articles of the other
    # part are converted for it, their pages are not built (the merge would discard them).
    other_part = [rel for rel in _tree(first) if rel.startswith("ja/news/") and (norm := page_norm_of(rel))
                  and not rel.startswith(("ja/news/category/", "ja/news/page/")) and bucket_of(norm) >= 500
                  and re.fullmatch(r"news/\d{4}/[^/]+/", norm)]
    assert not other_part, f"the first part built articles of the second: {other_part[:5]}"
    assert (first / "ja/rss.xml").is_file() and not (second / "ja/rss.xml").exists()
    assert main(["build", "--merge", str(first), str(second), "--site-dir", str(merged)]) == 0
    assert "search index:" in capsys.readouterr().out
    assert_same_site(reference, merged)


def test_merge_refuses_incomplete_or_overlapping_shards(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "index.html").write_text("x")
    with pytest.raises(MergeError, match="not the output of a finished shard"):
        merge_shards([first, second], tmp_path / "site")
    write_manifest(first, Shard.parse("vi,en,ja:0-600"))
    write_manifest(second, Shard.parse("en,ja:600-1000,zh,ko"))
    with pytest.raises(MergeError, match="two shards hold the same pages of the language en"):
        merge_shards([first, second], tmp_path / "site")
    write_manifest(second, Shard.parse("ja:700-1000,zh,ko"))
    with pytest.raises(MergeError, match="no shard holds the pages ja:600-700"):
        merge_shards([first, second], tmp_path / "site")
    write_manifest(second, Shard.parse("ja:600-1000,zh"))
    with pytest.raises(MergeError, match="no shard holds ko"):
        merge_shards([first, second], tmp_path / "site")


def test_merge_takes_each_file_from_the_shard_that_owns_its_language(tmp_path):
    owner_of_vi, owner_of_en = tmp_path / "a", tmp_path / "b"
    files = {
        owner_of_vi: {"index.html": "vi page", "en/index.html": "stale", "assets/app.js": "js", "news/p-480w.jpg": "v"},
        owner_of_en: {"index.html": "emptied pass", "en/index.html": "en page", "assets/app.js": "js",
                      "news/q-480w.jpg": "only here"},
    }
    for folder, contents in files.items():
        for rel, text in contents.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text)
    write_manifest(owner_of_vi, Shard.whole_languages("vi", "ja"))
    write_manifest(owner_of_en, Shard.whole_languages("en", "zh", "ko"))
    report = merge_shards([owner_of_vi, owner_of_en], tmp_path / "site")
    merged = {rel: data.decode() for rel, data in _tree(tmp_path / "site").items()}
    assert merged == {"index.html": "vi page", "en/index.html": "en page", "assets/app.js": "js",
                      "news/p-480w.jpg": "v", "news/q-480w.jpg": "only here"}
    assert report.files == 5 and report.from_other_shards == 1


def test_owner_language_of_site_paths():
    assert owner_language("en/news/2025/a/index.html") == "en"
    assert owner_language("news/2025/a/index.html") == "vi"
    assert owner_language("assets/javascripts/bundle.js") == "vi"
    assert owner_language("ko") == "vi"


def test_languages_are_balanced_over_the_jobs():
    weights = {"vi": 1060, "en": 976, "ja": 810, "zh": 760, "ko": 750}
    shards = balance(weights, 2, pass_weight=60)
    loads = [shard_load(shard, weights, 60) for shard in shards]
    assert max(loads) <= 1.05 * (sum(weights.values()) + 60) / 2, [str(shard) for shard in shards]
    for lang in CODES:
        parts = sorted((part for shard in shards for part in shard.parts if part.lang == lang), key=lambda p: p.start)
        assert parts[0].start == 0 and parts[-1].end == BUCKETS
        assert all(left.end == right.start for left, right in zip(parts, parts[1:]))
    assert len(balance(weights, 9)) == 5 and [str(s) for s in balance(weights, 1)] == ["vi+en+ja+zh+ko"]
    # With as many jobs as equal languages, each takes one whole.
    assert sorted(str(s) for s in balance({lang: 100 for lang in CODES}, 5, 10)) == sorted(CODES)


def test_a_split_language_gives_each_page_to_one_shard():
    first, second = Shard.parse("vi,ja:0-400"), Shard.parse("ja:400-1000,en,zh,ko")
    pages = [f"news/2025/article-{number}/" for number in range(200)]
    for norm in pages:
        site_path = f"ja/{norm}index.html"
        assert writes_path(first, site_path) != writes_path(second, site_path)
        assert writes_path(first, site_path) == (bucket_of(norm) < 400)
    assert 40 < sum(bucket_of(norm) < 400 for norm in pages) < 120, "buckets should spread pages evenly"
    # What belongs to the language as a whole comes from its first part.
    assert writes_path(first, "ja/404.html") and not writes_path(second, "ja/404.html")
    assert writes_path(first, "ja/feed_rss.xml") and first.writes_language("ja") and not second.writes_language("ja")
    assert writes_path(second, "en/index.html") and not writes_path(first, "en/index.html")


def test_language_weights_count_versions_and_stand_ins(corpus):
    weights = language_weights(corpus / "docs")
    assert weights["vi"] == max(weights.values())
    assert set(weights) == set(CODES)


def test_a_shard_names_known_languages_and_parts():
    assert Shard.parse(" ko, vi ").languages == ("vi", "ko")
    assert str(Shard.parse("ja:0-450,vi")) == "vi+ja:0-450"
    for wrong, message in (("vi,fr", "'fr' is not one of the site's languages"), (" , ", "name at least one"),
                           ("ja:500-400", "0 <= FROM < TO"), ("ja:0-2000", "0 <= FROM < TO"), ("vi,vi", "once")):
        with pytest.raises(ShardError, match=message):
            Shard.parse(wrong)


def test_memoized_material_strings_are_materials_own():
    """overrides/partials/language.html answers as Material's partial does, for every key of
    Material's English dictionary, in the five languages."""
    from jinja2 import Environment, FileSystemLoader
    import material

    from portal.mkdocs_adapter.templates import MaterialTranslations

    material_dir = Path(material.__file__).parent / "templates"
    overrides = Path(__file__).resolve().parent.parent / "overrides"
    original = Environment(loader=FileSystemLoader([str(material_dir)]))
    ours = Environment(loader=FileSystemLoader([str(overrides), str(material_dir)]))
    ours.globals["portal_material_t"] = MaterialTranslations(ours)
    keys = re.findall(r'^\s*"([a-z0-9_.]+)":', (material_dir / "partials/languages/en.html").read_text(), re.MULTILINE)
    assert len(keys) > 50
    probe = "{% import 'partials/language.html' as lang with context %}" + "|".join(
        "{{ lang.t('%s') }}" % key for key in keys + ["no.such.key"])
    for lang in CODES:
        context = {"config": SimpleNamespace(theme={"language": lang})}
        assert ours.from_string(probe).render(context) == original.from_string(probe).render(context), lang


@pytest.mark.site_build
def test_a_shard_that_fails_fails_the_build_with_its_messages(corpus, tmp_path):
    import shutil

    project = tmp_path / "project"
    shutil.copytree(corpus, project, ignore=shutil.ignore_patterns(".cache"))
    article = sorted((project / "docs" / "news").rglob("*.ko.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\n[gone](no-such-article.md)\n", encoding="utf-8")
    with pytest.raises(BuildFailed, match="no-such-article.md"):
        parallel_build(project / "mkdocs.yml", tmp_path / "site", 2, environment=MKDOCS_ENV)
    assert not (tmp_path / "site" / "index.html").exists()
