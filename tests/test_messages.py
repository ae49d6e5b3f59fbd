"""The tools' messages: Vietnamese by default, English on request, through the Babel catalogue.

- The committed template is what the code marks today, and every message has a Vietnamese
  translation that is neither empty nor fuzzy (the test that fails when one is missing), with the
  same placeholders; the committed .mo is the .po compiled.
- argparse's own words go through the catalogue under the msgids argparse really uses.
- The commands speak Vietnamese with no language set, English with PORTAL_LANG=en.
- A pseudo-locale sweep: with every translation replaced by "⟦msgid⟧", the editors' flows are run;
  once the ⟦…⟧ spans, paths, quoted values, numbers, slugs and option names are taken out, no
  English word may remain. A string printed without `_()` shows up there.
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from portal import messages
from portal.cli import ARGPARSE_MESSAGES, main
from sitebuild import PROJECT, article, write
from test_translation_fakes import PLACEHOLDER, FakeLibreTranslate

SCRIPTS = PROJECT / "scripts"
PACKAGE = SCRIPTS / "portal"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "portal.pot"
VIETNAMESE_PO = LOCALE / "vi" / "LC_MESSAGES" / "portal.po"
VIETNAMESE_MO = LOCALE / "vi" / "LC_MESSAGES" / "portal.mo"
LANGUAGE_VARIABLES = ("PORTAL_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def read_catalogue(path: Path, locale: str | None = None) -> Catalog:
    with open(path, "rb") as stream:
        return read_po(stream, locale=locale)


def fresh_msgids() -> set:
    """Babel's extraction of scripts/portal with the committed mapping (babel.cfg)."""
    with open(SCRIPTS / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {message for _file, _line, message, _comments, _context
            in extract_from_dir(str(PACKAGE), method_map, options_map, keywords=DEFAULT_KEYWORDS)}


def msgids(catalogue: Catalog) -> set:
    return {message.id for message in catalogue if message.id}


# -- the catalogue -------------------------------------------------------------------------------

def test_the_template_holds_exactly_what_the_code_marks():
    fresh, committed = fresh_msgids(), msgids(read_catalogue(TEMPLATE))
    assert not fresh - committed, f"run scripts/update_messages.sh: not in portal.pot: {sorted(fresh - committed, key=str)}"
    assert not committed - fresh, f"run scripts/update_messages.sh: no longer in the code: {sorted(committed - fresh, key=str)}"


def test_every_message_has_a_vietnamese_translation():
    catalogue = read_catalogue(VIETNAMESE_PO, "vi")
    assert catalogue.num_plurals == 1
    translated = {message.id: message for message in catalogue if message.id}
    missing, fuzzy = [], []
    for msgid in sorted(fresh_msgids(), key=str):
        message = translated.get(msgid)
        forms = () if message is None else (message.string if isinstance(message.string, tuple) else (message.string,))
        if message is None or not forms or not all(form.strip() for form in forms):
            missing.append(msgid)
        elif message.fuzzy:
            fuzzy.append(msgid)
    assert not missing, f"messages without a Vietnamese translation (scripts/update_messages.sh, then portal.po): {missing}"
    assert not fuzzy, f"fuzzy translations to review in portal.po: {fuzzy}"
    assert not msgids(catalogue) - fresh_msgids(), "portal.po keeps messages the code no longer has"


_BRACE_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)((?:![rsa])?(?::[^{}]*)?)\}")
_PERCENT_FIELD = re.compile(r"%(?:\(([A-Za-z_][A-Za-z0-9_]*)\))?[-#0 +]*\d*(?:\.\d+)?[sdrifx%]")


def placeholders(text: str) -> list[str]:
    """`{name}` (with its conversion and format), `%(name)s` and `%s` of a message, sorted."""
    found = [f"{{{name}{spec}}}" for name, spec in _BRACE_FIELD.findall(text)]
    found += [match.group(0) for match in _PERCENT_FIELD.finditer(text) if match.group(0) != "%%"]
    return sorted(found)


@pytest.mark.parametrize("text, expected", [
    ("{count} files in {seconds:.1f} s", ["{count}", "{seconds:.1f}"]),
    ("got {value!r}", ["{value!r}"]),
    ("%(prog)s: error: %(message)s\n", ["%(message)s", "%(prog)s"]),
    ("unrecognized arguments: %s", ["%s"]),
    ("did not find expected ',' or '}'", []),
])
def test_placeholders_are_read_as_python_reads_them(text, expected):
    assert placeholders(text) == expected


def test_translations_keep_the_placeholders_and_the_spaces_around():
    wrong = []
    for message in read_catalogue(VIETNAMESE_PO, "vi"):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            for source in sources:
                if placeholders(source) != placeholders(form):
                    wrong.append((source, form))
                # " or ", "usage: ", "did you mean 'x'? " are joined to other text.
                if (source[:1].isspace(), source[-1:].isspace()) != (form[:1].isspace(), form[-1:].isspace()):
                    wrong.append((source, form))
    assert not wrong, wrong


def test_the_compiled_catalogue_is_the_po_compiled():
    compiled = io.BytesIO()
    write_mo(compiled, read_catalogue(VIETNAMESE_PO, "vi"))
    assert VIETNAMESE_MO.read_bytes() == compiled.getvalue(), "run scripts/update_messages.sh to compile portal.po"


def test_argparse_messages_are_the_ones_this_pythons_argparse_asks_for():
    used = {message for _line, message, _comments, _context in extract_from_file("python", argparse.__file__)}
    singular = {message[0] if isinstance(message, tuple) else message for message in used}
    assert not set(ARGPARSE_MESSAGES) - singular, sorted(set(ARGPARSE_MESSAGES) - singular)


def test_no_module_that_translates_rebinds_the_translation_function():
    """`a, _, b = x.partition(...)` in a module that imports `_` makes `_()` a string there."""
    shadowed = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not any(isinstance(node, ast.ImportFrom) and (node.module or "").endswith("messages")
                   and any(alias.name == "_" for alias in node.names) for node in ast.walk(tree)):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "_" and not isinstance(node.ctx, ast.Load):
                shadowed.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
            if isinstance(node, ast.arg) and node.arg == "_":
                shadowed.append(f"{path.relative_to(PROJECT)}:{node.lineno}")
    assert not shadowed, shadowed


def test_no_message_is_marked_inside_an_f_string():
    """Babel reads an f-string as one string: a message marked inside one never reaches the
    catalogue (`f"{lang}: {_('nothing')}"` stayed English)."""
    hidden = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                hidden += [f"{path.relative_to(PROJECT)}:{call.lineno}" for call in ast.walk(node)
                           if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                           and call.func.id in ("_", "ngettext", "N_")
                           and any(isinstance(argument, ast.Constant) for argument in call.args)]
    assert not hidden, hidden


def test_no_message_is_translated_when_a_module_loads():
    """The language is chosen when a command runs: a text translated at import would stay in
    whatever language was current then. Texts defined at load are marked with N_."""
    early = []
    for path in sorted(PACKAGE.rglob("*.py")):
        def visit(node, in_function: bool) -> None:
            for child in ast.iter_child_nodes(node):
                if (isinstance(child, ast.Call) and isinstance(child.func, ast.Name)
                        and child.func.id in ("_", "ngettext") and not in_function):
                    early.append(f"{path.relative_to(PROJECT)}:{child.lineno}")
                visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

        visit(ast.parse(path.read_text(encoding="utf-8")), False)
    assert not early, early


# -- choosing the language -----------------------------------------------------------------------

@pytest.mark.parametrize("environ, language", [
    ({}, "vi"),
    ({"LANG": "en_US.UTF-8"}, "vi"),
    ({"LC_ALL": "C"}, "vi"),
    ({"LANGUAGE": "en_GB:en"}, "en"),
    ({"LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "vi_VN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "vi"),
    ({"PORTAL_LANG": "en", "LANGUAGE": "vi"}, "en"),
    ({"PORTAL_LANG": "vi", "LANGUAGE": "en"}, "vi"),
    ({"PORTAL_LANG": "fr"}, "vi"),
])
def test_the_language_of_messages(environ, language):
    assert messages.tool_language(environ) == language


def run_portal(*argv: str, lang: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    environ = {key: value for key, value in os.environ.items() if key not in LANGUAGE_VARIABLES and not key.startswith("LC_")}
    if lang:
        environ["PORTAL_LANG"] = lang
    return subprocess.run([str(Path(sys.executable).parent / "portal"), *argv], capture_output=True, text=True, env=environ,
                          cwd=cwd or PROJECT, timeout=120)


def broken_docs(root: Path) -> Path:
    docs = root / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    article(docs, "news/2025/ngay-sai", "vi", "Ngày kiểu Việt", "05/03/2025", ["doi-ngoia"])
    article(docs, "news/2025/khong-tieu-de", "vi", "", "2025-01-01")
    return docs


def test_commands_speak_vietnamese_by_default_and_english_on_request(tmp_path):
    docs = broken_docs(tmp_path)
    vietnamese = run_portal("check", "--docs", str(docs))
    assert vietnamese.returncode == 1
    assert "docs/news/2025/ngay-sai.vi.md:3: date: '05/03/2025' được ghi theo thứ tự ngày trước; ghi là 2025-03-05" \
        in vietnamese.stderr
    assert "không có chuyên mục 'doi-ngoia'; có phải ý bạn là 'doi-ngoai'? " in vietnamese.stderr
    assert vietnamese.stderr.rstrip().endswith("Có 3 lỗi.")
    english = run_portal("check", "--docs", str(docs), lang="en")
    assert "'05/03/2025' is written day-first; write it as 2025-03-05" in english.stderr
    assert english.stderr.rstrip().endswith("3 problems found.")

    for argv in (["--help"], ["count", "--help"]):
        vietnamese, english = run_portal(*argv), run_portal(*argv, lang="en")
        assert vietnamese.returncode == english.returncode == 0
        assert vietnamese.stdout.startswith("cách dùng: portal") and "tùy chọn:" in vietnamese.stdout
        assert "hiện hướng dẫn này rồi thoát" in vietnamese.stdout
        assert "usage" not in vietnamese.stdout and "options" not in vietnamese.stdout
        assert english.stdout.startswith("usage: portal") and "show this help message and exit" in english.stdout
    assert "thống kê số bài đã đăng trong một kỳ báo cáo" in run_portal("--help").stdout
    assert "kỳ báo cáo (ghi --period, hoặc --from và --to):" in run_portal("count", "--help").stdout

    wrong = run_portal("count", "--format", "pdf")
    assert wrong.returncode == 2
    assert "lựa chọn không hợp lệ: 'pdf'" in wrong.stderr and "cách dùng:" in wrong.stderr


def test_the_office_gets_the_same_vietnamese_figures_by_default(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    article(docs, "news/2025/a", "vi", "Bài A", "2025-03-05", ["cai-cach-hanh-chinh"])
    article(docs, "news/2025/a", "en", "Article A")
    sentence = "Ngày 05/3/2025, Cổng Thông tin đối ngoại đa ngôn ngữ đăng tải 2 tin bài bằng 2 ngôn ngữ (Việt, Anh), " \
               "trong đó 2 tin bài về cải cách hành chính.\n"
    argv = ("count", "--docs", str(docs), "--from", "05/03/2025", "--to", "5/3/2025", "--category", "cai-cach-hanh-chinh",
            "--format", "text")
    assert run_portal(*argv).stdout == sentence
    assert run_portal(*argv, lang="en").stdout == (
        "On 2025-03-05, Multilingual Foreign Affairs Portal published 2 news items in 2 languages (Vietnamese, English), "
        "including 2 news items on Administrative Reform.\n")


# -- the pseudo-locale sweep ---------------------------------------------------------------------

PSEUDO = "qps"


@pytest.fixture
def pseudo_locale(tmp_path, monkeypatch):
    """Every message translated as "⟦msgid⟧", compiled into a catalogue of its own."""
    template = read_catalogue(TEMPLATE)
    catalogue = Catalog(locale="vi", domain="portal", charset="utf-8")
    catalogue.fuzzy = False
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            catalogue.add(message.id, (f"⟦{message.id[0]}⟧", f"⟦{message.id[1]}⟧"))
        else:
            catalogue.add(message.id, f"⟦{message.id}⟧")
    folder = tmp_path / "locale" / PSEUDO / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "portal.mo", "wb") as stream:
        write_mo(stream, catalogue)
    monkeypatch.setenv("PORTAL_LANG", PSEUDO)
    messages.use_language(PSEUDO, tmp_path / "locale")
    yield
    messages.use_language("en")


IDENTIFIERS = {
    # commands, choices and metavars typed as they are
    "portal", "new", "check", "serve", "build", "translate", "translations", "review", "count", "linkcheck",
    "table", "json", "csv", "xlsx", "text", "calendar", "nd09", "year", "quarter", "month", "google", "libre",
    "machine", "reviewed", "outdated", "missing", "vi", "en", "ja", "zh", "ko", "P", "L", "C", "N", "URL",
    # front-matter keys (the field of a problem, fixes that quote them)
    "title", "date", "categories", "summary", "draft", "image", "image_alt", "translation_status", "source_hash",
    "true", "false", "slug", "label", "terms", "note", "department",
    # names of things and formats
    "YAML", "UTF", "JSON", "HTTP", "HEAD", "GET", "API", "ISO", "CJK", "Markdown", "MkDocs", "Pagefind",
    "Google", "Translate", "LibreTranslate", "Ctrl", "YYYY", "MM", "DD",
}


def data_words(docs: Path) -> set[str]:
    """Words of the site data a report quotes (the Vietnamese category labels, the portal's
    name): Vietnamese written by editors, not messages."""
    words = set()
    categories = yaml.safe_load((docs / "_data" / "categories.yml").read_text(encoding="utf-8"))
    site = yaml.safe_load((docs / "_data" / "site.yml").read_text(encoding="utf-8"))
    for text in [entry["label"]["vi"] for entry in categories] + [site["portal"]["vi"], site["department"]["vi"]]:
        words.update(re.findall(r"\w+", text))
    return words


def english_words(output: str, allowed: set[str]) -> list[str]:
    """The words of `output` outside translated messages and what a message quotes."""
    text = output
    while True:
        shorter = re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
        if shorter == text:
            break
        text = shorter
    text = re.sub(r"(?m)^(\S+:\d+: )[^\s:⟦]+: ", r"\1", text)  # a problem's field: the key as the editor wrote it
    text = re.sub(r"https?://\S+|[^\s'\"`⟦⟧(]*[/\\][^\s'\"`⟦⟧),;]*|\b[\w-]+\.(?:md|yml|json|xlsx|csv|jpg|png|pdf)\b", " ", text)  # paths
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|\{[^{}\n]*\}", " ", text)  # quoted values, argparse's choices
    found = []
    for token in re.split(r"[\s│┃┏┓┗┛━─┼┤├┡┩╇┳┻╋┃:;,.()\[\]<>=!?*…·+@#$%&|/\\]+", text):
        if not token or any(mark in token for mark in "-_0123456789") or token in allowed:
            continue  # slugs, options (--docs, -h), file names and numbers
        if re.fullmatch(r"[A-Za-z]{2,}", token):
            found.append(token)
    return found


def sweep(capsys, argv: list[str], allowed: set[str], *, exits: tuple[int, ...] = (0,), streams=("out", "err")) -> str:
    try:
        status = main(argv)
    except SystemExit as stop:  # argparse: --help, or wrong arguments
        status = stop.code
    captured = capsys.readouterr()
    output = "\n".join(getattr(captured, stream) for stream in streams)
    assert status in exits, (argv, status, captured.out, captured.err)
    assert "⟦" in output or not output.strip(), (argv, output)
    left = english_words(output, allowed)
    assert not left, f"portal {' '.join(argv)} printed English outside the catalogue: {left}\n{output}"
    return output


@pytest.fixture
def editors_project(tmp_path, monkeypatch):
    """A project with sample data, content with a problem of every kind, and procedures."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT / "overrides", root / "overrides")
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    docs = root / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    shutil.copytree(PROJECT / "docs" / "procedures", docs / "procedures")
    article(docs, "news/2025/tot", "vi", "Bài tốt", "2025-03-05", ["doi-ngoai"])
    article(docs, "news/2025/tot", "en", "Good", translation_status="machine")
    monkeypatch.chdir(root)
    return root


def break_content(docs: Path) -> None:
    write(docs / "news/2025/yaml.vi.md", "---\ntitle: \"unclosed\n---\n")
    write(docs / "news/2025/hai-cham.vi.md", "---\ntitle: Hội nghị: kết quả\ndate: 2025-01-02\n---\n")
    write(docs / "news/2025/neo.vi.md", "---\ntitle: &a Neo\ndate: 2025-01-02\n---\n")
    article(docs, "news/2025/no-title", "vi", "", "2025-01-01")
    article(docs, "news/2025/bad-date", "vi", "Ngày sai", "32/13/2025")
    article(docs, "news/2025/day-first", "vi", "Ngày kiểu Việt", "05/03/2025")
    article(docs, "news/2025/unknown-cat", "vi", "Chuyên mục lạ", "2025-01-02", ["doi-ngoia"])
    article(docs, "news/2025/typo", "vi", "Gõ nhầm", "2025-01-03", categoires="[doi-ngoai]")
    article(docs, "news/2025/draft-str", "vi", "Nháp", "2025-01-04", draft="yes please")
    article(docs, "news/2024/same-slug", "vi", "Trùng 1", "2024-01-01")
    article(docs, "news/2025/same-slug", "vi", "Trùng 2", "2025-01-05")
    article(docs, "news/2025/only-en", "en", "Only English", draft="false")
    write(docs / "news/2025/links.vi.md",
          "---\ntitle: Liên kết\ndate: 2025-01-06\n---\n\nXem [bài cũ](../2024/khong-co.md).\n\n"
          "![](anh.jpg)\n\n![Ảnh thiếu tệp](mat-anh.png)\n")
    article(docs, "news/2025/status", "en", "Status", "2025-01-07", translation_status="finished")
    write(docs / "news/2025/status.vi.md", "---\ntitle: Trạng thái\ndate: 2025-01-07\ntranslation_status: machine\n---\n")
    article(docs, "news/2025/lead", "vi", "Ảnh đại diện", "2025-01-08", image="images/none.jpg")
    article(docs, "news/2025/lead-web", "vi", "Ảnh web", "2025-01-08", image="https://example.org/a.jpg")
    article(docs, "news/2025/nhap", "vi", "Nháp", "2025-01-09", draft="true")
    write(docs / "news/2025/to-draft.vi.md", "---\ntitle: Trỏ tới nháp\ndate: 2025-01-10\n---\n\nXem [nháp](nhap.md).\n")
    (docs / "news/2025/latin1.vi.md").write_bytes("---\ntitle: Café\n---\nCà phê\n".encode("latin-1"))
    os.symlink(docs / "news/2025/tot.vi.md", docs / "news/2025/lien-ket.vi.md")
    write(docs / "news/2025/tot.md", "---\ntitle: Hai bản\ndate: 2025-01-11\n---\n")
    record = docs / "procedures/abtc-doanh-nhan.vi.md"
    text = record.read_text(encoding="utf-8").replace('code: "1.011596"', "code: 1.011596")
    text = text.replace("online_level: toan-trinh", "online_level: toan-trinhh\nonline_levle: x")
    text = text.replace("updated: 2025-06-16", "updated: 16/06/2025").replace("sample: true", "sample: maybe")
    text = text.replace("processing_time: 10", "processing_time: ''\nignored: 10")
    record.write_text(text, encoding="utf-8")
    translated = docs / "procedures/abtc-doanh-nhan.en.md"
    text = translated.read_text(encoding="utf-8")
    text = text.replace("processing_time: 10 working days from receipt of a complete and valid dossier\n", "")
    translated.write_text(text.replace("title: ", "field: ngoai-vu\ntitle: ", 1), encoding="utf-8")
    write(docs / "procedures/con/lac.vi.md", "---\ntitle: Lạc chỗ\n---\n")
    write(docs / "procedures/print.vi.md", "---\ntitle: In\n---\n")
    write(docs / "procedures/chi-ban-dich.en.md", "---\ntitle: Only a translation\n---\n")


def test_pseudo_locale_sweep_of_the_editors_flows(pseudo_locale, editors_project, capsys, monkeypatch):
    docs = editors_project / "docs"
    allowed = IDENTIFIERS | data_words(docs)

    # Help of every command, and argparse's own refusals.
    sweep(capsys, ["--help"], allowed)
    for command in ("new", "check", "serve", "build", "translate", "translations", "review", "count", "linkcheck"):
        sweep(capsys, [command, "--help"], allowed)
    sweep(capsys, ["count", "--format", "pdf"], allowed, exits=(2,))
    sweep(capsys, ["review"], allowed, exits=(2,))
    sweep(capsys, ["check", "--unknown"], allowed, exits=(2,))
    sweep(capsys, ["count", "--period"], allowed, exits=(2,))
    sweep(capsys, ["count", "--from", "32/13/2025", "--to", "2025-01-01"], allowed, exits=(2,))
    sweep(capsys, ["serve", "--address", "nowhere"], allowed, exits=(2,))
    sweep(capsys, ["build", "--jobs", "0"], allowed, exits=(2,))

    # A new article, and the mistakes made starting one.
    sweep(capsys, ["new", "Sở Ngoại vụ tiếp Đoàn công tác", "--category", "doi-ngoai"], allowed)
    sweep(capsys, ["new", "Bài khác", "--category", "doi-ngoia"], allowed, exits=(2,))
    sweep(capsys, ["new", "   "], allowed, exits=(2,))

    # Counting: every format, and the errors of the options.
    for output_format in ("table", "text", "csv"):
        sweep(capsys, ["count", "--period", "2025", "--format", output_format], allowed)
    sweep(capsys, ["count", "--period", "2025", "--format", "json"], allowed, streams=("err",))
    sweep(capsys, ["count", "--period", "2021..2025", "--series", "year", "--category", "doi-ngoai"], allowed)
    sweep(capsys, ["count", "--period", "2025", "--convention", "nd09", "--series", "quarter", "--format", "text"], allowed)
    monkeypatch.setenv("COLUMNS", "40")
    sweep(capsys, ["count", "--period", "2025-Q1..2025-Q2", "--series", "month"], allowed)
    monkeypatch.delenv("COLUMNS")
    workbook = editors_project / "bao-cao.xlsx"
    sweep(capsys, ["count", "--period", "2025", "--series", "quarter", "--format", "xlsx", "--output", str(workbook)], allowed)
    from openpyxl import load_workbook

    cells = "\n".join(str(cell.value) for sheet in load_workbook(workbook) for row in sheet.iter_rows() for cell in row
                      if cell.value is not None and not hasattr(cell.value, "year"))
    assert not english_words(cells, allowed), english_words(cells, allowed)
    for argv in (["--period", "2025-Q5"], ["--period", "2025-H3"], ["--period", "2025", "--from", "2025-01-01"],
                 ["--from", "2025-02-01", "--to", "2025-01-01"], ["--period", "2025", "--category", "doi-ngoia"],
                 ["--period", "2025", "--format", "xlsx"], ["--from", "2025-01-01", "--to", "2025-02-01", "--convention", "nd09"],
                 ["--period", "2025", "--docs", str(editors_project / "nowhere")]):
        sweep(capsys, ["count", *argv], allowed, exits=(2,))

    # Translations: machine drafts through a local engine (one answer loses its formatting), the
    # state of every translation at 80 columns, a review, and their mistakes.
    write(docs / "news/2025/dich.vi.md", "---\ntitle: Bài cần dịch\ndate: 2025-02-01\n---\n\nMột câu **đậm** ở đây.\n")
    with FakeLibreTranslate() as server:
        server.mangle = lambda answer, request: PLACEHOLDER.sub("", answer)
        sweep(capsys, ["translate", "docs/news/2025/dich.vi.md", "--to", "en,ja", "--translator", "libre",
                       "--translator-url", server.url, "--api-key", "x", "--retries", "0"], allowed)
    sweep(capsys, ["translate", "docs/news/2025/dich.en.md"], allowed, exits=(2,))
    sweep(capsys, ["translate", "--translator", "libre", "docs/news/2025/dich.vi.md"], allowed, exits=(2,))
    sweep(capsys, ["translate", "--to", "fr", "docs/news/2025/dich.vi.md"], allowed, exits=(2,))
    monkeypatch.setenv("COLUMNS", "80")
    sweep(capsys, ["translations"], allowed)
    sweep(capsys, ["translations", "--fail-on", "machine"], allowed, exits=(1,))
    sweep(capsys, ["translations", "--fail-on", "later"], allowed, exits=(2,))
    (editors_project / "empty-docs").mkdir()
    sweep(capsys, ["translations", "--docs", str(editors_project / "empty-docs")], allowed)
    sweep(capsys, ["review", "docs/news/2025/dich.ja.md"], allowed)
    sweep(capsys, ["review", "docs/news/2025/dich.vi.md", "docs/news/2025/khong-co.en.md"], allowed, exits=(2,))

    # The check, with a problem of every kind; then count refusing the same content.
    sweep(capsys, ["check"], allowed)
    break_content(docs)
    output = sweep(capsys, ["check"], allowed, exits=(1,))
    assert output.count("\n") > 25, output
    sweep(capsys, ["count", "--period", "2025"], allowed, exits=(2,))
    sweep(capsys, ["linkcheck", "--site", str(editors_project / "site")], allowed, exits=(2,))
    monkeypatch.chdir(editors_project.parent)  # outside the project
    sweep(capsys, ["serve"], allowed, exits=(2,))
    sweep(capsys, ["build"], allowed, exits=(2,))



# -- the shell scripts' messages ------------------------------------------------------------------

SCRIPTS_THAT_SPEAK = ("setup.sh", "publish.sh")


def test_every_message_a_shell_script_prints_is_in_the_catalogue():
    from portal.script_messages import MESSAGES

    used = set()
    for name in SCRIPTS_THAT_SPEAK:
        text = (PROJECT / "scripts" / name).read_text(encoding="utf-8")
        assert not re.search(r"^\s*echo \"", text, re.MULTILINE), f"{name} prints a message outside the catalogue"
        used |= set(re.findall(r"^\s*say ([a-z-]+)", text, re.MULTILINE))
    assert used == set(MESSAGES), "keys of portal/script_messages.py the scripts use / do not use"


@pytest.mark.parametrize("lang, expected", [(None, "Đang cài các gói Debian: chromium nginx"),
                                            ("en", "Installing Debian packages: chromium nginx")])
def test_a_shell_script_speaks_vietnamese_before_the_virtualenv_exists(lang, expected):
    """The scripts ask the system's python3 (setup.sh runs before .venv exists): the standard
    library alone reads the catalogue."""
    python = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin") or sys.executable
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "PYTHONPATH": str(PROJECT / "scripts")}
    if lang:
        env["PORTAL_LANG"] = lang
    said = subprocess.run([python, "-s", "-m", "portal.script_messages", "installing",
                           "packages=chromium nginx"], env=env, capture_output=True, text=True, check=True)
    assert said.stdout == expected + "\n"
    refused = subprocess.run([python, "-m", "portal.script_messages", "no-such-key"], env=env,
                             capture_output=True, text=True)
    assert refused.returncode == 2 and "usage" in refused.stderr
