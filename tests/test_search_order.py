"""The search dialog's ordering by word sequence (overrides/assets/portal/search-ui.js), run in
headless Chromium on random Vietnamese text: whatever the text and however the query is typed
(with or without marks, d for đ, capitals, punctuation around words), a page that has the query's
words in sequence is found as such and comes before the pages that do not."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

# Syllables that fold together or begin one another, as real Vietnamese text has them: "đăng",
# "đang" and "dạng"; "quan", "quán" and "quảng"; "ký", "kỳ" and "kỹ"...
SYLLABLES = ["đăng", "đang", "dạng", "ký", "kỳ", "kỹ", "kỷ", "đại", "dài", "sứ", "sự", "sử", "quán", "quan",
             "quảng", "quang", "hộ", "hồ", "chiếu", "chiều", "chi", "thẻ", "theo", "thế", "abtc", "số", "so", "hoa", "ho"]
PUNCTUATION = ["", "", "", ",", ".", "“", "”", "(", ")", ":"]
BROWSER_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def fold(word: str) -> str:
    text = unicodedata.normalize("NFD", word.lower().replace("đ", "d").replace("Đ", "d"))
    return re.sub(r"^\W+|\W+$", "", "".join(char for char in text if not unicodedata.combining(char)))


def words_of(text: str) -> list[str]:
    return [fold(word) for word in text.split()]


def has_phrase(text: str, terms: list[str]) -> bool:
    words, wanted = words_of(text), [fold(term) for term in terms]
    return any(words[start:start + len(wanted)] == wanted for start in range(len(words)))


def has_phrase_begun(text: str, terms: list[str]) -> bool:
    """The query's words in sequence, the last one perhaps only begun (a reader still typing)."""
    words, wanted = words_of(text), [fold(term) for term in terms]
    size = len(wanted)
    return any(words[start:start + size - 1] == wanted[:-1] and words[start + size - 1].startswith(wanted[-1])
               for start in range(len(words) - size + 1))


def has_pair(text: str, terms: list[str]) -> bool:
    """Two neighbouring query words side by side (the last may begin a longer word)."""
    words, wanted = words_of(text), [fold(term) for term in terms]
    last = len(wanted) - 1
    for index in range(last):
        for at in range(len(words) - 1):
            second = words[at + 1]
            if words[at] == wanted[index] and (second == wanted[index + 1] or (index + 1 == last and second.startswith(wanted[last]))):
                return True
    return False


@st.composite
def written(draw, syllable: str) -> str:
    """A syllable as it stands in text: perhaps capitalised, perhaps with punctuation around."""
    word = syllable.capitalize() if draw(st.booleans()) else syllable
    return draw(st.sampled_from(PUNCTUATION[:6])) + word + draw(st.sampled_from(PUNCTUATION))


@st.composite
def typed(draw, syllable: str) -> str:
    """A syllable as a reader types it: with its marks, without them, d for đ, any case."""
    form = draw(st.sampled_from(["as is", "no marks", "d for đ", "upper"]))
    if form == "no marks":
        return fold(syllable)
    if form == "d for đ":
        return syllable.replace("đ", "d")
    return syllable.upper() if form == "upper" else syllable


@st.composite
def text_and_query(draw):
    syllables = draw(st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=25))
    text = " ".join([draw(written(syllable)) for syllable in syllables])
    length = draw(st.integers(2, min(4, len(syllables))))
    start = draw(st.integers(0, len(syllables) - length))
    query = [draw(typed(syllable)) for syllable in syllables[start:start + length]]
    return text, query, start


@pytest.fixture
def search_ui(page, sample_server):
    page.goto(sample_server.url)
    page.evaluate("async (url) => { window.searchUi = await import(url); }", sample_server.url + "assets/portal/search-ui.js")
    return page


@pytest.mark.browser
@BROWSER_SETTINGS
@given(case=text_and_query())
def test_a_phrase_in_the_text_is_found_however_it_is_typed(search_ui, case):
    text, query, start = case
    match = search_ui.evaluate("([text, query]) => searchUi.textSequenceMatch(text, query, 'vi')", [text, query])
    assert match["phrase"] == 2, (text, query, match)
    assert match["at"] <= start and words_of(text)[match["at"]:match["at"] + len(query)] == [fold(term) for term in query]
    assert match["covered"] and match["pairs"] == len(query) - 1


@pytest.mark.browser
@BROWSER_SETTINGS
@given(syllables=st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=20),
       query=st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3))
def test_no_phrase_is_claimed_where_there_is_none(search_ui, syllables, query):
    text = " ".join(syllables)
    match = search_ui.evaluate("([text, query]) => searchUi.textSequenceMatch(text, query, 'vi')", [text, query])
    if not has_phrase(text, query):
        assert match["phrase"] < 2, (text, query, match)


# Pagefind's index, simulated for the pages of a test: a query word occurs where a (folded) word
# begins with it, and is a whole word in a page where a word equals it. The dialog then confirms
# on each page's text, as it does with the real index.
ORDER = """async ([texts, query, lang]) => {
  const folded = texts.map((text) => text.split(/\\s+/).map(searchUi.foldWord));
  const occurrences = query.map((term) => {
    const wanted = searchUi.foldWord(term);
    const positions = new Map();
    const pages = new Set();
    folded.forEach((words, id) => {
      const at = new Set(words.flatMap((word, position) => (word.startsWith(wanted) ? [position] : [])));
      if (at.size) positions.set(id, at);
      if (words.includes(wanted)) pages.add(id);
    });
    return { pages: lang === "vi" && term !== query[query.length - 1] ? pages : new Set(positions.keys()), positions };
  });
  const matches = texts.map((text, id) => ({ id, data: async () => ({ content: text, excerpt: "" }) }));
  const ordered = await searchUi.orderBySequence(matches, occurrences, query, lang);
  return ordered.map((match) => match.id);
}"""


@pytest.mark.browser
@BROWSER_SETTINGS
@given(pages=st.lists(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=12), min_size=1, max_size=10),
       query=st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3), lang=st.sampled_from(["vi", "en"]))
def test_pages_with_the_phrase_come_first(search_ui, pages, query, lang):
    texts = [" ".join(syllables) for syllables in pages]
    typed_query = [fold(term) for term in query]
    ordered = search_ui.evaluate(ORDER, [texts, typed_query, lang])
    assert len(ordered) == len(set(ordered)) and set(ordered) <= set(range(len(texts)))
    with_phrase = {index for index, text in enumerate(texts) if has_phrase(text, query)}
    assert set(ordered[:len(with_phrase)]) == with_phrase, (texts, query, ordered)
    if lang == "vi" and any(has_phrase_begun(text, query) for text in texts):
        # Once a page has the syllables in sequence (the last perhaps only begun), Vietnamese pages
        # where no two of the query's syllables stand side by side are left out.
        assert all(has_pair(texts[index], query) for index in ordered), (texts, query, ordered)
    else:
        assert sorted(ordered) == list(range(len(texts))), "nothing is left out"
