"""Markdown segmentation, placeholders and the glossary, without any engine."""

from __future__ import annotations

import unicodedata

import pytest

from portal.translation.glossary import Glossary, GlossaryError, Term, load_glossary
from portal.translation.inline import PlaceholderError, canonical, mask, restore, split_for_engine
from portal.translation.answers import MARKDOWN, PLAIN, guard_line_start
from portal.translation.segments import Slot, render_parts, segment_markdown

DOCUMENT = '''
# Tiêu đề chính {#chinh .lon}

Đoạn văn với **chữ đậm**, [liên kết](https://example.com/a "Tiêu đề"){target=_blank} và `mã_nguồn`.
Dòng thứ hai của đoạn.

## Mục hai

!!! note "Ghi chú quan trọng"
    Nội dung ghi chú với ![ảnh minh họa](../img/anh-1.jpg){ loading=lazy }.

    - mục một
    - mục hai

??? tip
    Nội dung ẩn.

| Cột một | Cột hai |
| --- | :-: |
| ô `a|b` | ô hai |

```python
print("không dịch")
```

~~~
Khối mã thứ hai
~~~

    mã thụt lề bốn dấu cách

Chú thích[^ghi-chu] và <span class="nhan" title="không dịch">chữ trong thẻ</span>.

[^ghi-chu]: Nội dung chú thích.

> Trích dẫn dòng một
> dòng hai

1. Bước một
   tiếp tục bước một

    Đoạn thêm trong bước một

2. Bước hai

- [ ] việc chưa làm

[ref]: https://example.com/tham-chieu "Tham chiếu"
*[CCHC]: Cải cách hành chính
{: .lead }

---

<script>var nhan = "không dịch";</script>
<!-- ghi chú
nhiều dòng -->
Câu cuối  
có ngắt dòng.
'''


def slot_texts(text: str) -> list[str]:
    return [part.text for part in segment_markdown(text) if isinstance(part, Slot)]


def test_untranslated_render_gives_the_document_back():
    parts = segment_markdown(DOCUMENT)
    assert render_parts(parts, lambda slot: slot.text) == DOCUMENT


def test_only_reader_text_becomes_a_slot():
    assert slot_texts(DOCUMENT) == [
        "Tiêu đề chính",
        "Đoạn văn với **chữ đậm**, [liên kết](https://example.com/a \"Tiêu đề\"){target=_blank} và `mã_nguồn`.\nDòng thứ hai của đoạn.",
        "Mục hai",
        "Ghi chú quan trọng",
        "Nội dung ghi chú với ![ảnh minh họa](../img/anh-1.jpg){ loading=lazy }.",
        "mục một",
        "mục hai",
        "Nội dung ẩn.",
        "Cột một", "Cột hai", "ô `a|b`", "ô hai",
        "Chú thích[^ghi-chu] và <span class=\"nhan\" title=\"không dịch\">chữ trong thẻ</span>.",
        "Nội dung chú thích.",
        "Trích dẫn dòng một\ndòng hai",
        "Bước một\ntiếp tục bước một",
        "Đoạn thêm trong bước một",
        "Bước hai",
        "việc chưa làm",
        "Câu cuối  \ncó ngắt dòng.",
    ]


def test_every_structure_survives_a_translation():
    translated = render_parts(segment_markdown(DOCUMENT), lambda slot: restore_upper(slot.text))
    for kept in ("# ", " {#chinh .lon}\n", '!!! note "', "??? tip\n", "    - ", "| --- | :-: |",
                 'print("không dịch")', "~~~\nKhối mã thứ hai\n~~~", "    mã thụt lề bốn dấu cách",
                 "[^ghi-chu]: ", "> ", "1. ", "    ", "2. ", "- [ ] ",
                 '[ref]: https://example.com/tham-chieu "Tham chiếu"', "*[CCHC]: Cải cách hành chính",
                 "{: .lead }", "\n---\n", '<script>var nhan = "không dịch";</script>', "<!-- ghi chú\nnhiều dòng -->"):
        assert kept in translated, kept
    assert "## MỤC HAI\n" in translated
    assert "| Ô `a|b` | Ô HAI |" in translated
    assert "> TRÍCH DẪN DÒNG MỘT DÒNG HAI\n" in translated
    assert "1. BƯỚC MỘT TIẾP TỤC BƯỚC MỘT\n" in translated
    # A hard line break stays one, and inside its container.
    assert "CÂU CUỐI  \nCÓ NGẮT DÒNG.\n" in translated


def restore_upper(source: str) -> str:
    """A stand-in engine: upper-cases the words and keeps the placeholders."""
    masked = mask(source)
    answer = canonical(masked.text.upper().replace("<X", "<x").replace("<B", "<b").replace("</B", "</b"), masked)
    return restore(answer, masked, "en", setting=MARKDOWN)


@pytest.mark.parametrize("source, sent", [
    ("Ký với **đối tác** tại [Cổng](https://x.vn \"T\"){target=_blank} lúc `10:00`.",
     "Ký với <b1>đối tác</b1> tại <b2>Cổng</b2> lúc <x3/>."),
    ("Ảnh ![Lễ ký kết](../img/a.jpg){ loading=lazy } và <span class=\"x\">chữ</span>",
     "Ảnh <b1>Lễ ký kết</b1> và <x2/>chữ<x3/>"),
    ("Theo 45/2006/QĐ-TTg[^1] &nbsp; :material-phone: xem https://dichvucong.gov.vn.",
     "Theo <x1/><x2/> <x3/> <x4/> xem <x5/>."),
    ("Nghị quyết 03-NQ/TU, Công văn 01/NV-VP ngày 03/01/2025, đạt 24/24",
     "Nghị quyết <x1/>, Công văn <x2/> ngày 03/01/2025, đạt 24/24"),
    ("tên_biến và __đậm__ _nghiêng_ ~~gạch~~ ==dấu== [ref][] [văn bản][ref] \\*sao\\*",
     "tên_biến và <b1>đậm</b1> <b2>nghiêng</b2> <b3>gạch</b3> <b4>dấu</b4> <x5/> <b6>văn bản</b6> <x7/>sao<x8/>"),
    ("Thư hop-tac@haiphong.gov.vn hoặc <https://a.b/c>", "Thư <x1/> hoặc <x2/>"),
    ("Dòng một  \nDòng hai", "Dòng một <x1/> Dòng hai"),
])
def test_masking_hides_everything_but_words(source, sent):
    masked = mask(source)
    assert masked.text == sent
    expected = source.replace("__đậm__", "**đậm**").replace("_nghiêng_", "*nghiêng*")
    assert restore(canonical(masked.text, masked), masked, "en", setting=PLAIN) == expected


def test_placeholders_damaged_the_usual_ways_are_repaired():
    masked = mask("Ký với **đối tác** lúc `10:00` tại [Cổng](https://x.vn)")
    assert masked.text == "Ký với <b1>đối tác</b1> lúc <x2/> tại <b3>Cổng</b3>"
    answer = "Signed with < b1 > partners </ b1> at ＜x2/＞ at &lt;b3&gt;Portal&lt;/b3&gt;"
    assert restore(canonical(answer, masked), masked, "en", setting=PLAIN) == "Signed with **partners** at `10:00` at [Portal](https://x.vn)"
    # Spaces an engine moves inside a pair would break the emphasis: they move out again.
    assert restore(canonical("Signed with<b1> partners </b1>at <x2/> at <b3>Portal</b3>", masked), masked, "en", setting=PLAIN) \
        == "Signed with **partners** at `10:00` at [Portal](https://x.vn)"


@pytest.mark.parametrize("answer, problem", [
    ("Signed with <b1>partners</b1> at at <b3>Portal</b3>", "lost '`10:00`'"),
    ("Signed with partners</b1> at <x2/> <b3>Portal</b3>", "lost formatting '**…**'"),
    ("Signed <x2/> with <b1>partners</b1> at <x2/> <b3>Portal</b3>", "repeated '`10:00`'"),
    ("Signed with <b1>partners <b3>at</b1> <x2/> Portal</b3>", "closed out of order"),
    ("Signed with <b1>partners</b1> at <x2/> <b3>Portal</b3> <x9/>", "unexpected placeholder"),
])
def test_a_lost_or_broken_placeholder_is_detected(answer, problem):
    masked = mask("Ký với **đối tác** lúc `10:00` tại [Cổng](https://x.vn)")
    with pytest.raises(PlaceholderError) as error:
        canonical(answer, masked)
    assert problem in str(error.value)


def test_chunks_stay_under_the_limit_and_never_cut_a_placeholder():
    sentence = "Câu có <b1>chữ đậm</b1> và <x2/> ở giữa câu dài. "
    text = (sentence * 40).strip()
    chunks = split_for_engine(text, 200)
    assert len(chunks) > 1
    assert all(len(chunk) < 200 for chunk in chunks)
    assert " ".join(chunks) == text
    assert all(chunk.count("<b1>") == chunk.count("</b1>") for chunk in chunks)
    unbroken = "x" * 450
    assert [len(chunk) for chunk in split_for_engine(unbroken, 200)] == [199, 199, 52]


GLOSSARY = Glossary([
    Term("Ủy ban nhân dân thành phố Hải Phòng", {"en": "Hai Phong City People's Committee", "ja": "ハイフォン市人民委員会"}),
    Term("Sở Ngoại vụ", {"en": "Department of Foreign Affairs"}),
    Term("cải cách hành chính", {"en": "administrative reform", "ja": "行政改革"}),
    Term("Chỉ số cải cách hành chính (PAR Index)", {"en": "Public Administration Reform Index (PAR Index)"}),
])


def test_glossary_matches_whole_words_ignoring_case_and_tone_mark_spelling():
    text = "Uỷ ban nhân dân Thành phố Hải Phòng và SỞ NGOẠI VỤ; Chỉ số cải cách hành chính (PAR Index); cải cách hành chínhh"
    found = [(text[start:end], term.targets["en"]) for start, end, term in GLOSSARY.matches(text, "en")]
    assert found == [
        ("Uỷ ban nhân dân Thành phố Hải Phòng", "Hai Phong City People's Committee"),
        ("SỞ NGOẠI VỤ", "Department of Foreign Affairs"),
        ("Chỉ số cải cách hành chính (PAR Index)", "Public Administration Reform Index (PAR Index)"),
    ]
    decomposed = unicodedata.normalize("NFD", "theo cải cách hành chính")
    assert [term.vi for _, _, term in GLOSSARY.matches(decomposed, "ja")] == ["cải cách hành chính"]
    # No confirmed Korean name: nothing is protected, nothing invented.
    assert GLOSSARY.matches(text, "ko") == []


def test_glossary_terms_become_the_official_name():
    masked = mask("Cải cách hành chính do **Sở Ngoại vụ** thực hiện", GLOSSARY, "en")
    assert masked.text == "<x1/> do <b2><x3/></b2> thực hiện"
    answer = canonical("<x1/> is carried out by <b2><x3/></b2>", masked)
    assert restore(answer, masked, "en", setting=PLAIN) == "Administrative reform is carried out by **Department of Foreign Affairs**"
    answer = canonical("The <b2><x3/></b2> carries out <x1/>", masked)
    assert restore(answer, masked, "en", setting=PLAIN) == "The **Department of Foreign Affairs** carries out administrative reform"
    japanese = mask("Cải cách hành chính do Sở Ngoại vụ thực hiện", GLOSSARY, "ja")
    assert japanese.text == "<x1/> do Sở Ngoại vụ thực hiện"
    assert restore(canonical("<x1/> は 外務局 が 実施", japanese), japanese, "ja", setting=PLAIN) == "行政改革は 外務局 が 実施"


def test_glossary_file_is_checked(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("terms:\n  - vi: Sở Ngoại vụ\n    en: Department of Foreign Affairs\n    ja: ''\n"
                    "  - vi: sở ngoại vụ\n    en: Other\n  - en: No source\n  - vi: X\n    jp: typo\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        load_glossary(path)
    message = str(error.value)
    assert "term 2: 'sở ngoại vụ' is already term 1" in message
    assert "term 3: 'vi' (the Vietnamese term) is missing" in message
    assert "term 4: unknown key(s) jp" in message
    path.write_text("terms:\n  - vi: Sở Ngoại vụ\n    en: Department of Foreign Affairs\n    ja: ''\n", encoding="utf-8")
    assert load_glossary(path).terms == [Term("Sở Ngoại vụ", {"en": "Department of Foreign Affairs"})]


def test_the_project_glossary_holds_the_official_names_only():
    from pathlib import Path

    glossary = load_glossary(Path(__file__).resolve().parents[1] / "docs" / "_data" / "glossary.yml")
    by_name = {term.vi: term.targets for term in glossary.terms}
    assert by_name["Ủy ban nhân dân thành phố Hải Phòng"] == {
        "en": "Hai Phong City People's Committee", "ja": "ハイフォン市人民委員会", "zh": "海防市人民委员会"}
    assert by_name["Sở Ngoại vụ"] == {"en": "Department of Foreign Affairs"}
    assert by_name["thủ tục hành chính"] == {"en": "administrative procedure", "ja": "行政手続き"}
    assert not any("ko" in targets for targets in by_name.values())


def test_an_engine_cannot_start_a_new_block():
    assert guard_line_start("# 1 là số") == "\\# 1 là số"
    assert guard_line_start("2025. The year") == "2025\\. The year"
    assert guard_line_start("- dash") == "\\- dash"
    assert guard_line_start("Normal text") == "Normal text"
    # Python-Markdown needs no space after `#`; `---` is a rule, or under a line a heading.
    assert guard_line_start("#tag") == "\\#tag"
    assert guard_line_start("---") == "\\---"
    assert guard_line_start("=====") == "&#61;===="
    assert guard_line_start(": definition") == "&#58; definition"
    assert guard_line_start("!!! note") == "\\!!! note"
    assert guard_line_start("1) item") == "1\\) item"


def test_after_a_hard_break_the_engine_cannot_start_a_block_either():
    masked = mask("Dòng một  \nDòng hai")
    answer = canonical("Line one <x1/> --- ", masked)
    assert restore(answer, masked, "en", setting=MARKDOWN, line_start=True) == "Line one  \n\\---"
    assert html_skeleton(restore(answer, masked, "en", setting=MARKDOWN)) == [("p", ()), ("br", ())]


SITE_EXTENSIONS = ["toc", "tables", "admonition", "attr_list", "md_in_html", "footnotes", "def_list",
                   "pymdownx.details", "pymdownx.superfences", "pymdownx.tilde"]


def html_skeleton(markdown_text: str) -> list[tuple[str, tuple]]:
    """The elements and attributes Python-Markdown makes of a text (as the site is configured),
    without the words: what a translation must leave exactly as it was."""
    import markdown
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            # Headings without an explicit id get one from their (translated) text; alt texts are text.
            kept = tuple(sorted((name, value) for name, value in attrs
                                if name != "alt" and not (name == "id" and tag[0] == "h" and value not in ("chinh",))))
            self.found.append((tag, kept))

    collector = Collector()
    collector.feed(markdown.markdown(markdown_text, extensions=SITE_EXTENSIONS))
    return collector.found


def test_python_markdown_builds_the_same_structure_from_the_translation():
    document = DOCUMENT + '\nThuật ngữ\n:   Định nghĩa *nghiêng* và ~~gạch~~.\n\n<div class="o" markdown>\nVăn bản **đậm** trong div\n</div>\n'
    translated = render_parts(segment_markdown(document), lambda slot: restore_upper(slot.text))
    assert translated != document
    assert html_skeleton(translated) == html_skeleton(document)
    tags = [tag for tag, _ in html_skeleton(document)]
    for tag in ("h1", "h2", "strong", "a", "code", "img", "table", "th", "td", "pre", "sup", "blockquote", "ol", "ul",
                "details", "summary", "dl", "dd", "del", "span", "div", "br", "script"):
        assert tag in tags, tag


@pytest.mark.parametrize("source", [
    "a *b " * 1000, "x _y " * 1000, "[a " * 1000, "*a " * 1000 + "x*", "[" * 1000 + "a" + "](u)" * 1000,
    "*a **b " * 800 + "c** d*",
])
def test_unmatched_or_deeply_nested_markers_are_quick_and_lossless(source):
    import time

    started = time.monotonic()
    masked = mask(source.strip())
    assert restore(canonical(masked.text, masked), masked, "en", setting=PLAIN) == source.strip()
    assert time.monotonic() - started < 2


def test_absurdly_deep_containers_are_copied_not_recursed():
    for document in ("> " * 600 + "sâu\n", "".join("    " * level + "- mục\n" for level in range(300))):
        parts = segment_markdown(document)
        assert render_parts(parts, lambda slot: slot.text) == document
