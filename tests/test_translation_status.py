"""The status API the site and `portal translations` share."""

from __future__ import annotations

from portal.front_matter import parse_document, render_document
from portal.field_paths import iter_text_values, location_label
from portal.content.translation_status import source_hash_of, state_of, version_state
from portal.content.translatable import text_fields_for

NEWS = """---
title: Lễ ký kết hợp tác
date: 2025-03-01
categories: [doi-ngoai]
summary: Tóm tắt.
---

Đoạn một.
"""

PROCEDURE = {
    "title": "Cấp phép sử dụng thẻ ABTC",
    "code": "1.001234",
    "steps": ["Nộp hồ sơ.", "Nhận kết quả."],
    "channels": [{"method": "Trực tiếp", "days": 10}, {"method": "Trực tuyến", "fee": "Không"}],
    "documents": [{"name": "Tờ khai", "form": {"title": "Mẫu 01", "url": "/forms/01.docx"}}],
}


def test_hash_ignores_data_fields_and_line_endings_but_not_text():
    document = parse_document(NEWS)
    base = source_hash_of(document, "news/2025/x.vi.md")
    assert len(base) == 16 and int(base, 16) >= 0

    recategorised = parse_document(NEWS.replace("doi-ngoai", "thong-bao").replace("2025-03-01", "2025-03-02"))
    assert source_hash_of(recategorised, "news/2025/x.vi.md") == base
    crlf = parse_document(NEWS.replace("\n", "\r\n") + "\n\n")
    assert source_hash_of(crlf, "news/2025/x.vi.md") == base

    retitled = parse_document(NEWS.replace("Lễ ký kết", "Lễ ký"))
    assert source_hash_of(retitled, "news/2025/x.vi.md") != base
    rewritten = parse_document(NEWS.replace("Đoạn một.", "Đoạn hai."))
    assert source_hash_of(rewritten, "news/2025/x.vi.md") != base


def test_procedure_fields_follow_the_contract():
    found = {location_label(loc): value for loc, value in iter_text_values(PROCEDURE, text_fields_for("procedures/abtc.vi.md"))}
    assert found == {
        "title": "Cấp phép sử dụng thẻ ABTC",
        "steps[0]": "Nộp hồ sơ.",
        "steps[1]": "Nhận kết quả.",
        "channels[0].method": "Trực tiếp",
        "channels[1].method": "Trực tuyến",
        "channels[1].fee": "Không",
        "documents[0].name": "Tờ khai",
        "documents[0].form.title": "Mẫu 01",
    }
    document = parse_document(render_document(PROCEDURE, "\n"))
    base = source_hash_of(document, "procedures/abtc.vi.md")
    changed = dict(PROCEDURE, code="1.009999")
    assert source_hash_of(parse_document(render_document(changed, "\n")), "procedures/abtc.vi.md") == base
    changed = dict(PROCEDURE, steps=["Nộp hồ sơ.", "Nhận kết quả ngay."])
    assert source_hash_of(parse_document(render_document(changed, "\n")), "procedures/abtc.vi.md") != base


def test_state_of():
    assert state_of("abc", {"translation_status": "machine", "source_hash": "abc"}) == "machine"
    assert state_of("abc", {"translation_status": "machine", "source_hash": "old"}) == "outdated"
    assert state_of("abc", {"translation_status": "reviewed", "source_hash": "abc"}) == "reviewed"
    assert state_of("abc", {"translation_status": "reviewed", "source_hash": "old"}) == "outdated"
    assert state_of("abc", {"title": "Written by hand"}) == "reviewed"
    assert state_of("abc", {"translation_status": "machine"}) == "machine"


def test_version_state_reads_files(tmp_path):
    folder = tmp_path / "news" / "2025"
    folder.mkdir(parents=True)
    (folder / "x.md").write_text(NEWS, encoding="utf-8")
    now = source_hash_of(parse_document(NEWS), "news/2025/x.md")
    (folder / "x.en.md").write_text(render_document({"title": "T", "translation_status": "machine", "source_hash": now}, "Body\n"), encoding="utf-8")
    (folder / "x.ja.md").write_text(render_document({"title": "T", "translation_status": "reviewed", "source_hash": "0" * 16}, "Body\n"), encoding="utf-8")
    assert version_state(tmp_path, "news/2025/x.en.md") == "machine"
    assert version_state(tmp_path, "news/2025/x.ja.md") == "outdated"
    assert version_state(tmp_path, "news/2025/x.ko.md") == "missing"
