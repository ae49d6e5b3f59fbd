"""The PDF files attached to the sample document records (docs/documents/*.vi.md, `sample: true`).

    python scripts/sample_document_files.py --seeds ../shared/seeds   # every sample record's PDF

Each PDF is an illustration, said so on its first page: the department's letterhead, the
number and date, the title, the text and the signature block, typeset by Debian's Chromium
(Playwright, as in the tests) from the record's front matter. Where a seed text of the
department (its plans and reports as plain text, in `--seeds`) is known for the record, its
full text is set (reflowed: the seeds are text extracted from PDF, broken at every line);
otherwise the record's summary and body stand for it. Fonts are subset by Chromium, so each file
stays small (tests/test_documents_site.py checks < 50 KB). Run it again after changing a sample
record; the files are committed."""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "scripts"))

from portal.documents.model import load_documents  # noqa: E402

SEEDS = {
    "bao-cao-cchc-quy-i-2025": ("000_bcc3de03c18c0667.txt", [("II. ", "IV. ")]),
    "ke-hoach-58-kh-nv-2025": ("001_9d53385254981891.txt", [("DANH MỤC", None)]),
    "ke-hoach-trien-khai-nghi-dinh-118-2025": ("004_34d1174c5c2ded1e.txt", []),
}
"""Record name -> (seed file, parts left out: (the line a part begins with, the line the text
resumes at, or None for the end)). The appendix of a plan is a table plain text cannot hold;
parts of the long report are left out to keep the file small (each is replaced by a line saying
so)."""
OMITTED = "[…] (Phần này được lược bớt trong bản minh họa; xem văn bản gốc.)"
SEED_FIXES = {"Å": "Ả"}
"""Characters the seeds' PDF extraction got wrong (KẾT QUÅ for KẾT QUẢ)."""
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
_NEW_PARAGRAPH = re.compile(r"^(?:[IVX]+\.|\d+\.|[a-zđ]\)|[-+•]|Nơi nhận|Trên đây|KT\.|TM\.|GIÁM ĐỐC|PHÓ GIÁM ĐỐC)")
_HEADING = re.compile(r"^(?:[IVX]+\.\s)")
_NUMBERED = re.compile(r"^(?:[IVX]+|\d+)\.\s")


def reflow(text: str, omit: list[tuple[str, str | None]]) -> tuple[list[str], list[str]]:
    """(paragraphs of the body, lines of the closing block) from a seed text."""
    for wrong, right in SEED_FIXES.items():
        text = text.replace(wrong, right)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line and not line.isdigit()]
    for begin, resume in omit:
        first = next((i for i, line in enumerate(lines) if line.startswith(begin)), None)
        if first is None:
            continue
        last = next((i for i, line in enumerate(lines) if i > first and resume and line.startswith(resume)), len(lines))
        lines[first:last] = [OMITTED] if resume else []
    # The title block (kind and title) is set from the record; the text starts with "Thực hiện".
    start = next((i for i, line in enumerate(lines) if line.startswith(("Thực hiện", "Căn cứ"))), 0)
    lines = lines[start:]
    paragraphs: list[str] = []
    for line in lines:
        if paragraphs and not _NEW_PARAGRAPH.match(line) and not _ends_paragraph(paragraphs[-1]):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    closing = next((i for i, paragraph in enumerate(paragraphs) if paragraph.startswith("Nơi nhận")), len(paragraphs))
    return paragraphs[:closing], paragraphs[closing:]


def _ends_paragraph(text: str) -> bool:
    """A sentence's end, or a heading: a numbered line of a few words, or one in capitals."""
    if text.endswith((".", ":", ";", "./.")):
        return True
    letters = [character for character in text if character.isalpha()]
    return (letters and all(character.isupper() for character in letters)) or (
        _NUMBERED.match(text) is not None and len(text) < 80)


def vietnamese_date(day) -> str:
    """As a document writes its date (Decree 30/2020/NĐ-CP): a leading zero only for days 1-9 and
    for January and February."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"Hải Phòng, ngày {day.day:02d} tháng {month} năm {day.year}"


def page_html(document, paragraphs: list[str], closing: list[str], from_seed: bool) -> str:
    meta = document.data
    kind = document.kind
    kind_label = {"ke-hoach": "KẾ HOẠCH", "bao-cao": "BÁO CÁO", "quyet-dinh": "QUYẾT ĐỊNH"}.get(kind, kind.upper())
    title = str(meta["title"])
    for prefix in ("Kế hoạch ", "Báo cáo ", "Quyết định "):
        if title.startswith(prefix):
            title = title[len(prefix):]
            title = title[:1].upper() + title[1:]
    signer = meta.get("signer") or {}
    note = ("BẢN MINH HỌA trên cổng thông tin mẫu: văn bản của Sở được dàn lại (có thể lược bớt), không phải bản gốc có chữ ký."
            if from_seed else
            "BẢN MINH HỌA trên cổng thông tin mẫu: toàn văn văn bản không có trong dữ liệu mẫu; trang này chỉ nêu nội dung chính.")
    body = "".join(f'<p class="{"h" if _HEADING.match(p) else ""}">{html.escape(p)}</p>' for p in paragraphs)
    closing_html = ""
    if closing:
        recipients = "<br>".join(html.escape(line) for line in closing if not line.startswith(("GIÁM ĐỐC", "KT.", "PHÓ")))
        closing_html = f'<div class="recipients">{recipients}</div>'
    signature = ""
    if signer:
        signature = (f'<div class="sign">{html.escape(str(signer.get("position", "")).upper())}<br><br><br>'
                     f'(đã ký)<br><br>{html.escape(str(signer.get("name", "")))}</div>')
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(str(meta["title"]))}</title>
<style>
@page {{ size: A4; margin: 20mm 18mm 20mm 28mm; }}
body {{ font-family: "DejaVu Serif", serif; font-size: 11.5pt; line-height: 1.45; color: #000; font-kerning: none; text-rendering: optimizeSpeed; font-variant-ligatures: none; }}
.head {{ display: flex; justify-content: space-between; text-align: center; font-size: 10.5pt; }}
.note {{ border: 1.5pt solid #b3261e; color: #b3261e; padding: 4pt 8pt; margin: 10pt 0; font-size: 10pt; }}
h1 {{ text-align: center; font-size: 13pt; margin: 14pt 0 2pt; }}
h2 {{ text-align: center; font-size: 12pt; margin: 0 0 12pt; font-weight: bold; }}
p {{ text-align: left; text-indent: 1.2em; margin: 0 0 5pt; }}
p.h {{ text-indent: 0; margin-top: 8pt; }}
* {{ font-weight: normal !important; font-style: normal !important; }}
.end {{ display: flex; justify-content: space-between; margin-top: 14pt; font-size: 10pt; }}
.recipients {{ width: 50%; }} .sign {{ text-align: center; width: 45%; font-size: 11.5pt; }}
</style></head><body>
<div class="head"><div>ỦY BAN NHÂN DÂN<br>THÀNH PHỐ HẢI PHÒNG<br>SỞ NGOẠI VỤ<br>Số: {html.escape(document.number)}</div>
<div>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br><br>{vietnamese_date(document.issued)}</div></div>
<div class="note">{html.escape(note)}</div>
<h1>{kind_label}</h1><h2>{html.escape(title)}</h2>
{body}
<div class="end">{closing_html or "<div></div>"}{signature}</div>
</body></html>"""


def stand_in_text(document) -> list[str]:
    version = document.source
    paragraphs = [version.summary]
    paragraphs += [" ".join(part.split()) for part in version.body.split("\n\n") if part.strip()]
    return [paragraph for paragraph in paragraphs if paragraph]


def compressed(pdf: bytes) -> bytes:
    """Chromium writes page contents uncompressed (a glyph per operator): deflated by pypdf they
    take a fifth of the room."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    for page in writer.pages:
        page.compress_content_streams(level=9)
    writer.compress_identical_objects()
    # Chromium stamps the moment of printing: the same record gives the same file without it.
    writer.metadata = {key: value for key, value in (writer.metadata or {}).items()
                       if key not in ("/CreationDate", "/ModDate")}
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=None, help="folder of the department's seed texts")
    parser.add_argument("--docs", type=Path, default=PROJECT / "docs")
    args = parser.parse_args(argv)
    documents, problems = load_documents(args.docs)
    if problems:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    executable = next((candidate for candidate in CHROMIUM_CANDIDATES if Path(candidate).exists()), shutil.which("chromium"))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=["--no-sandbox"])
        tab = browser.new_page()
        for document in sorted(documents.by_name.values(), key=lambda d: d.name):
            if not document.sample or not document.files:
                continue
            seed = SEEDS.get(document.name)
            if seed and args.seeds and (args.seeds / seed[0]).is_file():
                paragraphs, closing = reflow((args.seeds / seed[0]).read_text(encoding="utf-8"), seed[1])
                from_seed = True
            else:
                paragraphs, closing, from_seed = stand_in_text(document), [], False
            tab.set_content(page_html(document, paragraphs, closing, from_seed))
            target = args.docs / "documents" / document.files[0]["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            pdf = tab.pdf(format="A4", print_background=True, prefer_css_page_size=True, tagged=False)
            target.write_bytes(compressed(pdf))
            print(f"{target.relative_to(args.docs.parent)}: {target.stat().st_size // 1000} kB")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
