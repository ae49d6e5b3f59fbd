"""Pages' front matter kept between builds (portal.mkdocs_adapter.front_matter_cache): the
Markdown and meta MkDocs' own reader gives, whatever the text, each time a new copy; a stale or
foreign file is not used; PORTAL_VERIFY_CACHES compares with MkDocs' reader."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from portal.mkdocs_adapter.cache_check import CacheCheck, CacheMismatch
from portal.mkdocs_adapter.front_matter_cache import FrontMatterCache

TEXTS = [
    "---\ntitle: A\ndate: 2025-03-01\ncategories: [x, y]\n---\n\n# Body\n",
    "---\ntitle: A\r\n---\r\n\r\nBody\r\n",
    "---\ntitle: [unclosed\n---\nBody\n",  # not YAML: no meta, the text kept whole
    "---\n- a list\n---\nBody\n",  # YAML, not a mapping
    "---\nwhen: 2025-03-01 10:00:00+07:00\nn: 1.5\nflag: yes\n---\n",
    "Title: MultiMarkdown\nAuthor: x\r\n    more\n\nBody\n",
    "No front matter at all\n",
    "",
    "---\na: &x [1]\nb: *x\n---\nalias\n",
]


def read_twice(folder, text):
    first = FrontMatterCache(folder, "vi")
    assert first.get_data(text, "a.md") == get_data(text)
    first.save()
    second = FrontMatterCache(folder, "vi")
    kept = second.get_data(text, "a.md")
    assert second.hits == 1
    return kept


@pytest.mark.parametrize("text", TEXTS)
def test_kept_front_matter_is_what_mkdocs_reads(tmp_path, text):
    kept = read_twice(tmp_path, text)
    assert kept == get_data(text)
    assert repr(kept) == repr(get_data(text)), "the same types too (dates, numbers)"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("-:\n\r\t ab1[]{}&*!#'\"é.")), max_size=60))
def test_any_text_reads_as_mkdocs_reads_it(text):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for source in (text, "---\n" + text + "\n---\nbody\n"):
            assert repr(read_twice(folder, source)) == repr(get_data(source))


def test_each_read_gives_a_new_meta(tmp_path):
    text = TEXTS[0]
    read_twice(tmp_path, text)
    cache = FrontMatterCache(tmp_path, "vi")
    _markdown, meta = cache.get_data(text, "a.md")
    meta["hide"] = ["toc"]
    meta["categories"].append("z")
    assert cache.get_data(text, "a.md")[1] == get_data(text)[1]


def test_a_file_of_another_reader_is_not_used(tmp_path):
    read_twice(tmp_path, TEXTS[0])
    path = tmp_path / "vi.pickle"
    reader, entries = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps(("0:another reader", entries)))
    cache = FrontMatterCache(tmp_path, "vi")
    cache.get_data(TEXTS[0], "a.md")
    assert (cache.hits, cache.misses) == (0, 1)


def test_a_pass_keeps_only_what_it_read(tmp_path):
    cache = FrontMatterCache(tmp_path, "ja:0-182")
    for text in TEXTS[:3]:
        cache.get_data(text, "a.md")
    cache.save()
    again = FrontMatterCache(tmp_path, "ja:0-182")
    again.get_data(TEXTS[0], "a.md")
    again.save()
    assert len(pickle.loads((tmp_path / "ja-0-182.pickle").read_bytes())[1]) == 1


def test_the_check_catches_a_wrong_entry(tmp_path):
    read_twice(tmp_path, TEXTS[0])
    path = tmp_path / "vi.pickle"
    reader, entries = pickle.loads(path.read_bytes())
    entries = {key: pickle.dumps((len("\n# Body\n"), {"title": "Wrong"})) for key in entries}
    path.write_bytes(pickle.dumps((reader, entries)))
    with pytest.raises(CacheMismatch, match="front matter"):
        FrontMatterCache(tmp_path, "vi", CacheCheck(1)).get_data(TEXTS[0], "a.md")
