"""What Pagefind is given to index, without a browser: definition lists read "term: definition"
(Pagefind joins a <dt> and its <dd> without a space, so snippets read "Mã thủ tục1.011596"), and
a procedure's identifier list stays out of the searchable text while its code and field are
meta values."""

from __future__ import annotations

import html
import json
import re

import lxml.html
from hypothesis import given, settings, strategies as st

from portal.search.definition_lists import TERM_ENDINGS, separate_terms_from_definitions
from portal.search.pagefind_index import stage_indexed_pages

# Text as an editor or a translation engine could write it in a term or a definition: any
# letters, marks, digits, punctuation and spaces (markup characters are escaped by the
# templates, as here).
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30) \
    .filter(lambda text: text.strip())


def text_of(markup: str) -> str:
    return lxml.html.fromstring(f"<div>{markup}</div>").text_content()


@settings(max_examples=150, deadline=None)
@given(pairs=st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=4), wrapped=st.booleans())
def test_each_term_is_separated_from_its_definition(pairs, wrapped):
    items = [f"<dt>{html.escape(term)}</dt><dd>{html.escape(value)}</dd>" for term, value in pairs]
    if wrapped:
        items = [f"<div>{item}</div>" for item in items]
    page = f'<dl class="portal-facts">{"".join(items)}</dl>'
    separated = separate_terms_from_definitions(page)
    document = lxml.html.fromstring(separated)
    terms = [term.text_content() for term in document.iter("dt")]
    for (term, value), read in zip(pairs, terms):
        stripped = term.rstrip()
        # The term reads as written, ended by a colon unless it ends with punctuation already.
        assert read.rstrip() == (stripped if stripped[-1] in TERM_ENDINGS else stripped + ":")
    # A space follows every term and definition, so no two of them run together.
    assert all((element.tail or "").startswith(" ") for element in document.iter("dt", "dd"))
    # Nothing else changes: without the added colons and spaces, the text is the same.
    assert re.sub(r"[:\s]", "", text_of(separated)) == re.sub(r"[:\s]", "", text_of(page))


@settings(max_examples=100, deadline=None)
@given(text=TEXT)
def test_pages_without_definition_lists_are_left_alone(text):
    page = f"<article><h1>{html.escape(text)}</h1><p>{html.escape(text)}</p></article>"
    assert separate_terms_from_definitions(page) == page


def test_procedure_identifiers_and_facts_as_staged_for_the_indexer(tmp_path):
    site = tmp_path / "site"
    page = site / "procedures" / "abtc" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<!doctype html><html lang="vi"><body><article data-pagefind-body>'
        '<dl class="portal-procedure__ids"><div><dt>Mã thủ tục</dt><dd>1.011596</dd></div></dl>'
        '<dl class="portal-facts"><div><dt>Phí, lệ phí</dt><dd>Không thu phí</dd></div>'
        "<div><dt>Cơ quan thực hiện:</dt><dd>Sở Ngoại vụ</dd></div></dl>"
        "</article></body></html>", encoding="utf-8")
    staged = tmp_path / "staged"
    assert stage_indexed_pages(site, staged) == 1
    copy = staged / "procedures" / "abtc" / "index.html"
    assert not copy.samefile(page), "the indexer reads a copy; the site's page is unchanged"
    text = text_of(copy.read_text(encoding="utf-8"))
    assert "Phí, lệ phí: Không thu phí" in text
    assert "Cơ quan thực hiện: Sở Ngoại vụ" in text and "::" not in text
    assert "Mã thủ tục1.011596" not in text
    assert "Mã thủ tục</dt><dd>" in page.read_text(encoding="utf-8")


# -- the sample site's index (built once per session) ----------------------------------------

def pagefind_fragments(site):
    """Every indexed page as Pagefind stored it: its URL, text and meta values."""
    import gzip

    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        yield json.loads(data[data.index(b"{"):])


def test_procedure_text_and_meta_in_the_index(sample_site):
    procedures = [fragment for fragment in pagefind_fragments(sample_site) if fragment["meta"].get("kind") == "procedure"]
    assert procedures, "the sample site has procedures in the index"
    for fragment in procedures:
        # Chinese and Japanese text comes split into words by zero-width spaces.
        url, meta, content = fragment["url"], fragment["meta"], fragment["content"].replace("\u200b", "")
        page = lxml.html.fromstring((sample_site / url.strip("/") / "index.html").read_bytes())
        ids = {dt.text_content(): dt.getnext().text_content() for dt in page.xpath('//dl[contains(@class, "portal-procedure__ids")]//dt')}
        code_label, field_label = list(ids)[:2]
        # The code and field are meta values for the result line (and the code is searchable as such)...
        assert meta["code"] == ids[code_label] and meta["field"] == ids[field_label], url
        # ...and the identifier list, which would repeat them, is not in the text.
        assert code_label not in content and ids[code_label] not in content, (url, content[:200])
        # Terms and definitions of the key facts read "term: definition".
        for dt in page.xpath('//dl[contains(@class, "portal-facts")]//dt'):
            term = dt.text_content().strip()
            assert re.search(re.escape(term) + r"[:：]? ", content), (url, term)
