"""`portal translate` and `portal translations` end to end: deep-translator's own HTTP code talks
to local LibreTranslate and Google stand-ins (tests/test_translation_fakes.py)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import requests

from portal.cli import main
from portal.front_matter import parse_document, render_document
from portal.translation.engines import DeepTranslatorEngine, EngineError
from portal.translation.memory import TranslationMemory
from portal.translation.run import TranslationRun, TranslationRunError, find_sources
from portal.content.translation_status import source_hash_of
from test_translation_fakes import FakeGoogle, FakeLibreTranslate

PROJECT = Path(__file__).resolve().parents[1]

ARTICLE = """---
title: Lễ ký kết hợp tác với Sở Ngoại vụ
date: 2025-03-01
categories:
- doi-ngoai
- kinh-te-doi-ngoai
summary: Tóm tắt **ngắn** về cải cách hành chính.
image: /assets/images/le-ky.jpg
---

# Lễ ký kết {#le-ky-ket}

Đoạn một với **chữ đậm**, [liên kết](https://example.com/trang "Tiêu đề"){target=_blank} và `ma_nguon`.

## Chương trình

!!! note "Ghi chú"
    Nội dung ghi chú với ![ảnh minh họa](../img/anh-1.jpg){ loading=lazy }.

??? info
    Thông tin thêm.

| Hạng mục | Thời gian |
| --- | :-: |
| Khai mạc | `08:00` |

```python
print("không dịch")
```

Chú thích[^nguon] và <span class="nhan" data-x="không dịch">chữ trong thẻ</span>.

[^nguon]: Nguồn tin.

- Mục một
- Mục hai

Đoạn cuối.
"""

PROCEDURE = {
    "title": "Cho phép sử dụng thẻ ABTC",
    "code": "1.001234",
    "field": "Ngoại vụ",
    "level": "province",
    "steps": ["Nộp hồ sơ tại Trung tâm Phục vụ hành chính công.", "Nhận kết quả."],
    "channels": [
        {"method": "Trực tiếp", "time_limit": "10 ngày làm việc", "fee": "Không", "url": None},
        {"method": "Trực tuyến", "url": "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001234"},
    ],
    "documents": [{"name": "Tờ khai", "copies": 1, "form": {"title": "Mẫu 01", "url": "/forms/mau-01.docx"}}],
    "legal_basis": [{"number": "45/2006/QĐ-TTg", "title": "Quyết định về thẻ ABTC", "date": "2006-02-28", "issuer": "Thủ tướng Chính phủ"}],
    "online_level": "toan-trinh",
}


def make_docs(tmp_path: Path, glossary: bool = True) -> Path:
    docs = tmp_path / "docs"
    (docs / "news" / "2025").mkdir(parents=True)
    (docs / "procedures").mkdir()
    (docs / "_data").mkdir()
    if glossary:
        (docs / "_data" / "glossary.yml").write_text((PROJECT / "docs" / "_data" / "glossary.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "news" / "2025" / "le-ky-ket.vi.md").write_text(ARTICLE, encoding="utf-8")
    return docs


def libre_args(server, docs: Path, *extra: str) -> list[str]:
    return ["translate", "--docs", str(docs), "--translator", "libre", "--translator-url", server.url,
            "--api-key", "test-key", "--retries", "2", "--backoff", "0.01", "--timeout", "2", *extra]


def read(path: Path):
    return parse_document(path.read_text(encoding="utf-8"))


def sent_text(server) -> str:
    return "\n".join(server.texts())


def test_article_through_libretranslate_keeps_markdown_and_translates_text(tmp_path, capsys):
    docs = make_docs(tmp_path)
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs, "--to", "ja,en")) == 0
    assert {request["path"] for request in server.received} == {"/translate"}
    assert {request["api_key"] for request in server.received} == {"test-key"}
    assert {request["source"] for request in server.received} == {"vi"}

    ja = read(docs / "news" / "2025" / "le-ky-ket.ja.md")
    assert ja.meta["title"] == "ja:Lễ ja:ký ja:kết ja:hợp ja:tác ja:với ja:Sở ja:Ngoại ja:vụ"
    assert ja.meta["summary"] == "ja:Tóm ja:tắt **ja:ngắn** ja:về 行政改革."
    assert ja.meta["date"] == "2025-03-01"
    assert ja.meta["categories"] == ["doi-ngoai", "kinh-te-doi-ngoai"]
    assert ja.meta["image"] == "/assets/images/le-ky.jpg"
    assert ja.meta["translation_status"] == "machine"
    assert ja.meta["source_hash"] == source_hash_of(read(docs / "news" / "2025" / "le-ky-ket.vi.md"), "news/2025/le-ky-ket.vi.md")
    body = ja.body
    expected_lines = [
        "# ja:Lễ ja:ký ja:kết {#le-ky-ket}",
        "ja:Đoạn ja:một ja:với **ja:chữ ja:đậm**, [ja:liên ja:kết](https://example.com/trang \"Tiêu đề\"){target=_blank} ja:và `ma_nguon`.",
        "## ja:Chương ja:trình",
        '!!! note "ja:Ghi ja:chú"',
        "    ja:Nội ja:dung ja:ghi ja:chú ja:với ![ja:ảnh ja:minh ja:họa](../img/anh-1.jpg){ loading=lazy }.",
        "??? info",
        "    ja:Thông ja:tin ja:thêm.",
        "| ja:Hạng ja:mục | ja:Thời ja:gian |",
        "| --- | :-: |",
        "| ja:Khai ja:mạc | `08:00` |",
        "```python",
        'print("không dịch")',
        "```",
        'ja:Chú ja:thích[^nguon] ja:và <span class="nhan" data-x="không dịch">ja:chữ ja:trong ja:thẻ</span>.',
        "[^nguon]: ja:Nguồn ja:tin.",
        "- ja:Mục ja:một",
        "- ja:Mục ja:hai",
        "ja:Đoạn ja:cuối.",
    ]
    lines = body.splitlines()
    for line in expected_lines:
        assert line in lines, line
    # Nothing but words went to the engine.
    sent = sent_text(server)
    for secret in ("https://", "ma_nguon", "08:00", "../img", "loading", "target=", "{#", "nhan", "data-x", "không dịch",
                   "print", "!!!", "???", "note", "info", "nguon", "| ---", "doi-ngoai", "2025-03-01", "/assets"):
        assert secret not in sent, secret
    en = read(docs / "news" / "2025" / "le-ky-ket.en.md")
    assert en.meta["title"] == "en:Lễ en:ký en:kết en:hợp en:tác en:với Department of Foreign Affairs"
    assert "2 file(s) written" in capsys.readouterr().out


def test_google_path_runs_deep_translators_scraper_against_a_local_page(tmp_path):
    docs = make_docs(tmp_path)
    with FakeGoogle() as server:
        code = main(["translate", "--docs", str(docs), "--translator-url", server.url + "m", "--to", "zh,ko",
                     "--retries", "0", "--timeout", "2"])
    assert code == 0
    assert {request["path"] for request in server.received} == {"/m"}
    assert {request["tl"] for request in server.received} == {"zh-CN", "ko"}
    assert {request["sl"] for request in server.received} == {"vi"}
    zh = read(docs / "news" / "2025" / "le-ky-ket.zh.md")
    assert zh.meta["summary"] == "zh-CN:Tóm zh-CN:tắt **zh-CN:ngắn** zh-CN:về zh-CN:cải zh-CN:cách zh-CN:hành zh-CN:chính."
    assert "| zh-CN:Khai zh-CN:mạc | `08:00` |" in zh.body
    # The official Chinese name of the People's Committee is in the glossary; the Department's is not.
    assert zh.meta["title"].endswith("zh-CN:Sở zh-CN:Ngoại zh-CN:vụ")
    ko = read(docs / "news" / "2025" / "le-ky-ket.ko.md")
    assert "[ko:liên ko:kết](https://example.com/trang \"Tiêu đề\"){target=_blank}" in ko.body


def test_google_tags_mangled_like_a_real_engine_are_restored(tmp_path):
    docs = make_docs(tmp_path)

    def mangle(answer, request):
        return (answer.replace("<b1>", "< b1 >").replace("</b1>", "</ b1>").replace("<x2/>", "＜x2/＞")
                .replace("<b2>", "<B2> "))

    with FakeGoogle() as server:
        server.mangle = mangle
        assert main(["translate", "--docs", str(docs), "--translator-url", server.url + "m", "--to", "en", "--retries", "0"]) == 0
    body = read(docs / "news" / "2025" / "le-ky-ket.en.md").body
    assert "en:Đoạn en:một en:với **en:chữ en:đậm**, [en:liên en:kết](https://example.com/trang \"Tiêu đề\"){target=_blank}" in body


def test_a_lost_placeholder_is_reported_and_the_sentence_rebuilt(tmp_path, capsys):
    docs = make_docs(tmp_path)
    with FakeLibreTranslate() as server:
        # The engine drops the inline code of one sentence, as real engines sometimes do.
        server.mangle = lambda answer, request: answer.replace("<x3/>", "") if "<x3/>" in request["q"] and "<b2>" in request["q"] else answer
        assert main(libre_args(server, docs, "--to", "en")) == 0
    err = capsys.readouterr().err
    assert "news/2025/le-ky-ket.vi.md: en: the engine lost '`ma_nguon`'" in err
    assert "review this sentence" in err
    body = read(docs / "news" / "2025" / "le-ky-ket.en.md").body
    assert "en:Đoạn en:một en:với **en:chữ en:đậm**, [en:liên en:kết](https://example.com/trang \"Tiêu đề\"){target=_blank} en:và `ma_nguon`." in body
    # The pieces between placeholders were sent one by one.
    assert "chữ đậm" in server.texts("en")


def test_glossary_terms_are_never_sent_and_come_out_exact(tmp_path):
    docs = make_docs(tmp_path)
    (docs / "news" / "2025" / "cchc.vi.md").write_text(
        "---\ntitle: Cải cách hành chính năm 2025\ndate: 2025-04-01\n---\n\n"
        "Uỷ ban nhân dân thành phố Hải Phòng giao Sở Ngoại vụ đẩy mạnh cải cách hành chính.\n", encoding="utf-8")
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs, "news/2025/cchc.vi.md")) == 0
    en = read(docs / "news" / "2025" / "cchc.en.md")
    assert en.meta["title"] == "Administrative reform en:năm 2025"
    assert en.body.strip() == ("Hai Phong City People's Committee en:giao Department of Foreign Affairs en:đẩy en:mạnh "
                               "administrative reform.")
    ja = read(docs / "news" / "2025" / "cchc.ja.md")
    assert ja.body.strip() == "ハイフォン市人民委員会 ja:giao ja:Sở ja:Ngoại ja:vụ ja:đẩy ja:mạnh 行政改革."
    assert "Ngoại vụ" not in "\n".join(server.texts("en"))
    assert "Ủy ban" not in sent_text(server) and "Uỷ ban" not in "\n".join(server.texts("ja"))
    ko = read(docs / "news" / "2025" / "cchc.ko.md")
    assert "ko:Uỷ ko:ban" in ko.body


def test_unchanged_sources_send_nothing_and_one_changed_paragraph_sends_one(tmp_path):
    docs = make_docs(tmp_path)
    source = docs / "news" / "2025" / "le-ky-ket.vi.md"
    memory_file = docs / "_data" / "translation-memory.json"
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs)) == 0
        first = len(server.received)
        assert first > 20
        outputs = {path.name: path.read_bytes() for path in source.parent.glob("le-ky-ket.*.md")}
        memory_before = memory_file.read_text(encoding="utf-8")

        assert main(libre_args(server, docs)) == 0
        assert len(server.received) == first
        assert {path.name: path.read_bytes() for path in source.parent.glob("le-ky-ket.*.md")} == outputs
        assert memory_file.read_text(encoding="utf-8") == memory_before

        source.write_text(ARTICLE.replace("Đoạn cuối.", "Đoạn cuối đã sửa."), encoding="utf-8")
        assert main(libre_args(server, docs)) == 0
        assert server.received[first:] and [request["q"] for request in server.received[first:]] == ["Đoạn cuối đã sửa."] * 4
        assert sorted(request["target"] for request in server.received[first:]) == ["en", "ja", "ko", "zh"]
    ja = read(docs / "news" / "2025" / "le-ky-ket.ja.md")
    assert ja.body.rstrip().endswith("ja:Đoạn ja:cuối ja:đã ja:sửa.")
    assert ja.meta["source_hash"] == source_hash_of(read(source), "news/2025/le-ky-ket.vi.md")
    # The memory is sorted and keeps both versions of the changed paragraph.
    memory = json.loads(memory_file.read_text(encoding="utf-8"))
    assert list(memory["segments"]) == ["en", "ja", "ko", "zh"]
    assert list(memory["segments"]["ja"]) == sorted(memory["segments"]["ja"])
    assert memory["segments"]["ja"]["Đoạn cuối."] == "ja:Đoạn ja:cuối."
    assert memory["segments"]["ja"]["Đoạn cuối đã sửa."] == "ja:Đoạn ja:cuối ja:đã ja:sửa."


def test_a_data_change_updates_drafts_from_memory_without_requests(tmp_path):
    docs = make_docs(tmp_path)
    source = docs / "news" / "2025" / "le-ky-ket.vi.md"
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs, "--to", "en")) == 0
        first = len(server.received)
        source.write_text(ARTICLE.replace("- kinh-te-doi-ngoai\n", ""), encoding="utf-8")
        assert main(libre_args(server, docs, "--to", "en")) == 0
        assert len(server.received) == first
    assert read(docs / "news" / "2025" / "le-ky-ket.en.md").meta["categories"] == ["doi-ngoai"]


def test_reviewed_and_hand_written_versions_are_kept_unless_forced(tmp_path, capsys):
    docs = make_docs(tmp_path)
    folder = docs / "news" / "2025"
    reviewed = render_document({"title": "Reviewed title", "translation_status": "reviewed", "source_hash": "0" * 16}, "\nReviewed body.\n")
    by_hand = render_document({"title": "手書き"}, "\n本文。\n")
    (folder / "le-ky-ket.en.md").write_text(reviewed, encoding="utf-8")
    (folder / "le-ky-ket.ja.md").write_text(by_hand, encoding="utf-8")
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs)) == 0
        assert {request["target"] for request in server.received} == {"zh", "ko"}
        assert (folder / "le-ky-ket.en.md").read_text(encoding="utf-8") == reviewed
        assert (folder / "le-ky-ket.ja.md").read_text(encoding="utf-8") == by_hand
        out = capsys.readouterr()
        assert "2 reviewed or hand-written kept" in out.out and "kept " not in out.err
        assert main(libre_args(server, docs, "news/2025/le-ky-ket.vi.md")) == 0
        assert "kept  news/2025/le-ky-ket.en.md (reviewed or written by hand; --force replaces it)" in capsys.readouterr().err

        assert main(libre_args(server, docs, "--force", "--to", "en")) == 0
    forced = read(folder / "le-ky-ket.en.md")
    assert forced.meta["translation_status"] == "machine"
    assert forced.meta["title"].startswith("en:Lễ")
    assert (folder / "le-ky-ket.ja.md").read_text(encoding="utf-8") == by_hand


def test_outdated_machine_drafts_are_replaced(tmp_path):
    docs = make_docs(tmp_path)
    folder = docs / "news" / "2025"
    (folder / "le-ky-ket.en.md").write_text(
        render_document({"title": "Old draft", "translation_status": "machine", "source_hash": "0" * 16}, "\nOld.\n"), encoding="utf-8")
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs, "--to", "en")) == 0
    assert read(folder / "le-ky-ket.en.md").meta["title"].startswith("en:Lễ")


def test_429_and_5xx_are_retried_with_backoff(tmp_path):
    docs = make_docs(tmp_path)
    with FakeLibreTranslate() as server:
        server.retry_after = "0"
        server.fail = lambda number, request: {1: 429, 2: 503, 4: 500}.get(number)
        assert main(libre_args(server, docs, "--to", "en")) == 0
    statuses_failed = 3
    segments = len({request["q"] for request in server.received})
    assert len(server.received) == segments + statuses_failed
    assert read(docs / "news" / "2025" / "le-ky-ket.en.md").meta["title"].startswith("en:Lễ")


def test_persistent_failure_names_the_file_and_the_answer(tmp_path, capsys):
    docs = make_docs(tmp_path)
    with FakeLibreTranslate() as server:
        server.fail = lambda number, request: 500
        assert main(libre_args(server, docs, "--to", "en")) == 1
        assert len(server.received) == 3  # the first try and 2 retries
        server.received.clear()
        server.fail = lambda number, request: 400
        assert main(libre_args(server, docs, "--to", "en")) == 1
        assert len(server.received) == 1  # a client error is not retried
    err = capsys.readouterr().err
    assert "news/2025/le-ky-ket.vi.md: translating into en failed: LibreTranslate at" in err
    assert "(HTTP 500); the server answered: scripted failure 500" in err
    assert "(HTTP 400); the server answered: scripted failure 400" in err
    assert not (docs / "news" / "2025" / "le-ky-ket.en.md").exists()


def test_every_request_has_a_timeout_and_slow_answers_are_retried(tmp_path):
    docs = make_docs(tmp_path)
    with FakeLibreTranslate() as server:
        # Answers late by 2 s, timeouts of 0.5 s; the bounds leave a busy machine room.
        server.delay = lambda number, request: 2.0 if number == 1 else 0.0
        engine = DeepTranslatorEngine("libre", url=server.url, api_key="k", timeout=0.5, retries=1, backoff=0.01)
        started = time.monotonic()
        assert engine.translate("Xin chào", "ja") == "ja:Xin ja:chào"
        assert time.monotonic() - started < 1.8
        assert len(server.received) == 2

        server.delay = lambda number, request: 2.0
        engine = DeepTranslatorEngine("libre", url=server.url, api_key="k", timeout=0.5, retries=1, backoff=0.01)
        with pytest.raises(EngineError) as error:
            engine.translate("Xin chào", "ja")
        assert "no complete answer within 0.5 s" in str(error.value)

    with FakeGoogle() as google:
        google.delay = lambda number, request: 2.0
        engine = DeepTranslatorEngine("google", url=google.url + "m", timeout=0.5, retries=0)
        started = time.monotonic()
        with pytest.raises(EngineError, match="no complete answer within 0.5 s"):
            engine.translate("Xin chào", "ja")
        assert time.monotonic() - started < 1.8

    with FakeLibreTranslate() as server:
        # Through the command: the stuck first request is abandoned, retried, and the run completes
        # (a timeout of 1 s: every other answer, prompt, must not be retried on a busy machine).
        server.delay = lambda number, request: 3.0 if number == 1 else 0.0
        assert main(libre_args(server, docs, "--to", "en", "--timeout", "1")) == 0
        assert len(server.received) == len({request["q"] for request in server.received}) + 1
    assert read(docs / "news" / "2025" / "le-ky-ket.en.md").meta["translation_status"] == "machine"


def test_deep_translator_used_directly_gets_a_default_timeout():
    from deep_translator import google as google_module, libre as libre_module

    for module in (google_module, libre_module):
        assert module.requests.get is not requests.get
        assert module.requests.exceptions is requests.exceptions


def test_long_paragraphs_are_sent_in_chunks_under_the_limit(tmp_path):
    docs = make_docs(tmp_path)
    sentence = "Thành phố tiếp tục đẩy mạnh hợp tác quốc tế với các đối tác **chiến lược**. "
    (docs / "news" / "2025" / "dai.vi.md").write_text(f"---\ntitle: Bài dài\ndate: 2025-05-01\n---\n\n{sentence * 80}\n", encoding="utf-8")
    with FakeLibreTranslate() as server:
        engine = DeepTranslatorEngine("libre", url=server.url, api_key="k", max_chars=1000)
        TranslationRun(docs, engine, targets=("en",)).run(["news/2025/dai.vi.md"])
    texts = server.texts("en")
    assert len(texts) >= 6 and all(len(text) < 1000 for text in texts)
    body = read(docs / "news" / "2025" / "dai.en.md").body.strip()
    assert body.count("**en:chiến en:lược**") == 80
    assert "\n" not in body


def test_a_failing_run_leaves_files_whole_and_a_rerun_resumes(tmp_path):
    docs = make_docs(tmp_path)
    folder = docs / "news" / "2025"
    (folder / "sau.vi.md").write_text("---\ntitle: Bài sau\ndate: 2025-06-01\n---\n\nĐoạn A.\n\nĐoạn B.\n\nĐoạn C.\n", encoding="utf-8")
    old_draft = render_document({"title": "Old", "translation_status": "machine", "source_hash": "0" * 16}, "\nOld.\n")
    (folder / "sau.en.md").write_text(old_draft, encoding="utf-8")
    sources = find_sources(docs)
    assert sources == ["news/2025/le-ky-ket.vi.md", "news/2025/sau.vi.md"]

    with FakeLibreTranslate() as server:
        # Everything of the first article, then two segments of the second, then the server breaks.
        with FakeLibreTranslate() as counter:
            TranslationRun(docs, DeepTranslatorEngine("libre", url=counter.url, api_key="k"),
                           memory=TranslationMemory(), targets=("en", "ja")).run(["news/2025/le-ky-ket.vi.md"])
            first_article = len(counter.received)
        for lang in ("en", "ja"):
            (folder / f"le-ky-ket.{lang}.md").unlink()
        server.fail = lambda number, request: 500 if number > first_article + 2 else None
        engine = DeepTranslatorEngine("libre", url=server.url, api_key="k", retries=1, backoff=0.01)
        run = TranslationRun(docs, engine, targets=("en", "ja"))
        with pytest.raises(TranslationRunError) as error:
            run.run(sources)
        assert "news/2025/sau.vi.md: translating into" in str(error.value)
        assert "run the command again to resume" in str(error.value)
        # The first source is complete, the second untouched.
        assert read(folder / "le-ky-ket.en.md").meta["translation_status"] == "machine"
        assert read(folder / "le-ky-ket.ja.md").meta["translation_status"] == "machine"
        assert (folder / "sau.en.md").read_text(encoding="utf-8") == old_draft
        assert not (folder / "sau.ja.md").exists()
        assert not list(folder.glob(".*.tmp"))
        memory = json.loads((docs / "_data" / "translation-memory.json").read_text(encoding="utf-8"))
        assert len(memory["segments"]["en"]) + len(memory["segments"].get("ja", {})) == first_article + 2

        server.fail = lambda number, request: None
        before = len(server.received)
        report = TranslationRun(docs, DeepTranslatorEngine("libre", url=server.url, api_key="k"), targets=("en", "ja")).run(sources)
    resumed = [request["q"] for request in server.received[before:]]
    # 4 segments (title and three paragraphs) in 2 languages, two of which were already done.
    assert len(resumed) == 6
    assert report.written == ["news/2025/sau.en.md", "news/2025/sau.ja.md"]
    assert read(folder / "sau.ja.md").body.strip() == "ja:Đoạn ja:A.\n\nja:Đoạn ja:B.\n\nja:Đoạn ja:C."


def test_procedure_records_translate_their_text_fields_only(tmp_path):
    docs = make_docs(tmp_path)
    record = docs / "procedures" / "abtc.vi.md"
    record.write_text(render_document(PROCEDURE, "\nGhi chú về thủ tục hành chính.\n"), encoding="utf-8")
    (docs / "procedures" / "index.vi.md").write_text("---\ntitle: Thủ tục\n---\n\nDanh sách.\n", encoding="utf-8")
    assert find_sources(docs) == ["news/2025/le-ky-ket.vi.md", "procedures/abtc.vi.md"]
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs, "procedures/abtc.vi.md", "--to", "en")) == 0
    en = read(docs / "procedures" / "abtc.en.md").meta
    assert en["title"] == "en:Cho en:phép en:sử en:dụng en:thẻ en:ABTC"
    assert en["steps"] == ["en:Nộp en:hồ en:sơ en:tại Public Administration Service Center.", "en:Nhận en:kết en:quả."]
    # Data is not copied: the translation inherits it from the Vietnamese record.
    # (`url` is not a field of the procedure schema: unknown keys are kept for `portal check` to report.)
    assert {k: v for k, v in en["channels"][0].items() if k != "url"} == {
        "method": "en:Trực en:tiếp", "time_limit": "10 en:ngày en:làm en:việc", "fee": "en:Không"}
    assert "kind" not in en["channels"][1]
    assert en["documents"] == [{"name": "en:Tờ en:khai", "form": {"title": "en:Mẫu 01"}}]
    assert en["legal_basis"] == [{"title": "en:Quyết en:định en:về en:thẻ en:ABTC", "issuer": "en:Thủ en:tướng en:Chính en:phủ"}]
    for key in ("code", "field", "level", "online_level"):
        assert key not in en
    assert read(docs / "procedures" / "abtc.en.md").body.strip() == "en:Ghi en:chú en:về administrative procedure."
    sent = sent_text(server)
    for data in ("1.001234", "Ngoại vụ", "province", "toan-trinh", "mau-01", "dichvucong", "2006-02-28", "45/2006"):
        assert data not in sent


DOCUMENT = """---
title: Kế hoạch tuyên truyền cải cách hành chính năm 2025
summary: Đẩy mạnh tuyên truyền cải cách hành chính.
number: 17/KH-NV
kind: ke-hoach
issued: 2025-02-28
date: 2025-03-02
issuer: Sở Ngoại vụ thành phố Hải Phòng
signer:
  name: Nguyễn Thị Bích Dung
  position: Giám đốc
effective: tu-ngay-ky
files:
  - path: files/ke-hoach-17.pdf
    language: vi
    title: Toàn văn kế hoạch
sample: true
---

Kế hoạch về thủ tục hành chính.
"""


def test_document_records_translate_their_text_fields_only(tmp_path, capsys):
    docs = make_docs(tmp_path)
    (docs / "documents").mkdir()
    (docs / "documents" / "ke-hoach-17.vi.md").write_text(DOCUMENT, encoding="utf-8")
    (docs / "documents" / "index.vi.md").write_text("---\ntitle: Văn bản\n---\n\nDanh sách.\n", encoding="utf-8")
    assert find_sources(docs) == ["documents/ke-hoach-17.vi.md", "news/2025/le-ky-ket.vi.md"]
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs, "documents/ke-hoach-17.vi.md", "--to", "en,ja")) == 0
    en = read(docs / "documents" / "ke-hoach-17.en.md")
    # Field by field: the text, with the glossary's official names kept exact.
    assert en.meta["title"] == "en:Kế en:hoạch en:tuyên en:truyền administrative reform en:năm 2025"
    assert en.meta["issuer"] == "Department of Foreign Affairs en:thành en:phố en:Hải en:Phòng"
    assert en.meta["signer"] == {"position": "en:Giám en:đốc"}
    assert en.meta["files"] == [{"title": "en:Toàn en:văn en:kế en:hoạch"}]
    assert en.body.strip() == "en:Kế en:hoạch en:về administrative procedure."
    # Data is inherited from the Vietnamese record, and the source's own date and draft flag are
    # the source's: none of them is written into the translation nor sent to the engine.
    for key in ("number", "kind", "issued", "date", "effective", "sample"):
        assert key not in en.meta
    assert en.meta["translation_status"] == "machine"
    sent = sent_text(server)
    for data in ("17/KH-NV", "ke-hoach", "2025-02-28", "2025-03-02", "Nguyễn Thị Bích Dung", "tu-ngay-ky", "ke-hoach-17.pdf"):
        assert data not in sent
    capsys.readouterr()
    assert main(["translations", "--docs", str(docs), "--format", "json"]) == 0
    pages = {page["source"]: page for page in json.loads(capsys.readouterr().out)["pages"]}
    document = pages["documents/ke-hoach-17.vi.md"]
    assert document["kind"] == "document"
    assert {lang: entry["state"] for lang, entry in document["translations"].items()} == \
        {"en": "machine", "ja": "machine", "zh": "missing", "ko": "missing"}


def test_paths_are_checked_and_section_pages_translate_only_when_named(tmp_path, capsys):
    docs = make_docs(tmp_path)
    (docs / "news" / "index.md").write_text("---\ntitle: Tin tức\n---\n\nTin mới nhất.\n", encoding="utf-8")
    assert find_sources(docs) == ["news/2025/le-ky-ket.vi.md"]
    assert find_sources(docs, ["news/index.md"]) == ["news/index.md"]
    assert find_sources(docs, [str(docs / "news")]) == ["news/2025/le-ky-ket.vi.md", "news/index.md"]
    (docs / "news" / "2025" / "le-ky-ket.en.md").write_text("---\ntitle: By hand\n---\n", encoding="utf-8")
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs, "news/2025/le-ky-ket.en.md")) == 2
        assert "this is the en version; give its Vietnamese source le-ky-ket.vi.md" in capsys.readouterr().err
        assert main(libre_args(server, docs, "news/khong-co.md")) == 2
        assert "no such file or folder" in capsys.readouterr().err
        assert server.received == []
        assert main(libre_args(server, docs, "news/index.md", "--to", "ko")) == 0
    assert read(docs / "news" / "index.ko.md").meta["title"] == "ko:Tin ko:tức"
    (docs / "news" / "2025" / "le-ky-ket.md").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ValueError, match="both the Vietnamese version of one page"):
        find_sources(docs)


def test_libretranslate_needs_an_address_and_takes_its_key_from_the_environment(tmp_path, monkeypatch, capsys):
    docs = make_docs(tmp_path)
    monkeypatch.delenv("PORTAL_LIBRETRANSLATE_KEY", raising=False)
    with FakeLibreTranslate() as server:
        assert main(["translate", "--docs", str(docs), "--translator", "libre", "--translator-url", server.url]) == 2
        assert "needs an API key" in capsys.readouterr().err
        assert main(["translate", "--docs", str(docs), "--translator", "libre"]) == 2
        assert "--translator-url" in capsys.readouterr().err
        monkeypatch.setenv("PORTAL_LIBRETRANSLATE_KEY", "from-env")
        assert main(["translate", "--docs", str(docs), "--translator", "libre", "--translator-url", server.url.rstrip("/"), "--to", "en"]) == 0
    assert {request["api_key"] for request in server.received} == {"from-env"}


def test_progress_bar_for_many_files(tmp_path, capsys):
    docs = make_docs(tmp_path)
    for number in range(6):
        (docs / "news" / "2025" / f"tin-{number}.md").write_text(f"---\ntitle: Tin số {number}\ndate: 2025-01-0{number + 1}\n---\n\nNội dung.\n", encoding="utf-8")
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs, "--to", "en")) == 0
    assert sorted(path.name for path in (docs / "news" / "2025").glob("*.en.md")) == \
        ["le-ky-ket.en.md", *[f"tin-{number}.en.md" for number in range(6)]]
    assert "7 file(s) written" in capsys.readouterr().out


def test_translations_report_states_as_json_table_and_for_ci(tmp_path, capsys):
    docs = make_docs(tmp_path)
    folder = docs / "news" / "2025"
    with FakeLibreTranslate() as server:
        assert main(libre_args(server, docs, "--to", "en,ja")) == 0
    capsys.readouterr()
    ja = (folder / "le-ky-ket.ja.md").read_text(encoding="utf-8")
    (folder / "le-ky-ket.ja.md").write_text(ja.replace("translation_status: machine", "translation_status: reviewed"), encoding="utf-8")
    (folder / "le-ky-ket.zh.md").write_text(render_document({"title": "手写"}, "\n正文。\n"), encoding="utf-8")

    assert main(["translations", "--docs", str(docs), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    page = data["pages"][0]
    assert page["source"] == "news/2025/le-ky-ket.vi.md" and page["kind"] == "news"
    assert {lang: entry["state"] for lang, entry in page["translations"].items()} == \
        {"en": "machine", "ja": "reviewed", "zh": "reviewed", "ko": "missing"}
    assert page["translations"]["en"]["path"] == "news/2025/le-ky-ket.en.md"
    assert data["totals"]["ko"]["missing"] == 1

    assert main(["translations", "--docs", str(docs), "--fail-on", "outdated"]) == 0
    table = capsys.readouterr().out
    assert "news/2025/le-ky-ket.vi.md" in table and "machine" in table and "missing" in table

    (folder / "le-ky-ket.vi.md").write_text(ARTICLE.replace("Đoạn cuối.", "Đoạn cuối mới."), encoding="utf-8")
    assert main(["translations", "--docs", str(docs), "--format", "json"]) == 0
    states = {lang: entry["state"] for lang, entry in json.loads(capsys.readouterr().out)["pages"][0]["translations"].items()}
    assert states == {"en": "outdated", "ja": "outdated", "zh": "reviewed", "ko": "missing"}
    assert main(["translations", "--docs", str(docs), "--fail-on", "outdated"]) == 1
    err = capsys.readouterr().err
    assert "2 translations outdated" in err and "news/2025/le-ky-ket.vi.md [ja]: outdated" in err
    assert main(["translations", "--docs", str(docs), "--fail-on", "missing,machine"]) == 1
    assert "news/2025/le-ky-ket.vi.md [ko]: missing" in capsys.readouterr().err
    assert main(["translations", "--docs", str(docs), "--fail-on", "bogus"]) == 2


def test_memory_file_is_deterministic(tmp_path):
    path = tmp_path / "tm.json"
    memory = TranslationMemory(path)
    memory.put("ja", "b", "B")
    memory.put("en", "b", "B")
    memory.put("en", "a", "A")
    assert memory.save() is True
    first = path.read_text(encoding="utf-8")
    assert list(json.loads(first)["segments"]) == ["en", "ja"]
    assert list(json.loads(first)["segments"]["en"]) == ["a", "b"]
    again = TranslationMemory.load(path)
    assert again.save() is False
    again.dirty = True
    again.save()
    assert path.read_text(encoding="utf-8") == first


@pytest.mark.parametrize("text", ["[" * 100_000, '{"format": 1, "segments": {"en": ' + '{"a": ' * 50_000 + "1" + "}" * 50_002,
                                  '{"format": 1, "segments": {"en": {"a": ' + "9" * 5000 + "}}}"])
def test_a_memory_file_nested_too_deep_or_with_a_huge_number_is_a_clear_error(tmp_path, text):
    """json.loads raises RecursionError, or ValueError for a number Python will not write out:
    the run stops with the file's name and the fix, not a traceback."""
    from portal.translation.memory import TranslationMemoryError

    path = tmp_path / "translation-memory.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TranslationMemoryError, match="not a translation memory of format 1"):
        TranslationMemory.load(path)
    journal = tmp_path / ".translation-memory.json.journal"
    path.write_text('{"format": 1, "segments": {"en": {"a": "A", "b": 1, "c": [1], "d": null}}}', encoding="utf-8")
    journal.write_text("\n" + "[" * 100_000 + '\n["en", "e", "E"]\n', encoding="utf-8")
    assert TranslationMemory.load(path).segments == {"en": {"a": "A", "e": "E"}}, "only text, and a damaged record skipped"
