"""An editor following HUONG-DAN-BIEN-TAP.md on a fresh copy of the project, with no language
set, reads Vietnamese: every `portal` command of the guide is run as written (the preview,
which runs until stopped, is tested in test_serve_output.py; the machine translation goes to
a local stand-in for Google Translate), and its output holds no English sentence. The guide's
example of `portal check` output is what the command prints."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path


from sitebuild import PROJECT, copy_project
from test_translation_fakes import FakeGoogle

GUIDE = PROJECT / "HUONG-DAN-BIEN-TAP.md"
ENGLISH = re.compile(r"\b(the|is|are|not|and|of|to|for|with|from|found|missing|error|warning|usage|options|file|"
                     r"files|written|problems?|translations?|reviewed|machine|draft|done|built|none|an|or|on|at|by|"
                     r"this|that|no|has|have|was|were|cannot|give|write|use)\b", re.IGNORECASE)


def guide_commands() -> list[list[str]]:
    """The `portal` commands of the guide's shell blocks, in order."""
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    return [shlex.split(line) for block in blocks for line in block.splitlines() if line.startswith("portal ")]


def english_in(output: str) -> list[str]:
    """English words outside what a message quotes (paths, values, keys, options)."""
    text = re.sub(r"https?://\S+|\S*/\S*|'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|--?[\w-]+", " ", output)
    text = re.sub(r"(?m)^(\S+:\d+: )[^\s:]+: ", r"\1", text)
    return ENGLISH.findall(text)


def test_the_guide_names_the_commands_it_explains():
    commands = [argv[1] for argv in guide_commands()]
    for command in ("new", "serve", "check", "translate", "review", "translations", "count"):
        assert command in commands, command


def test_an_editor_following_the_guide_reads_vietnamese(tmp_path):
    project = copy_project(tmp_path / "project")
    environ = {key: value for key, value in os.environ.items()
               if key not in ("PORTAL_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES") and not key.startswith("LC_")}
    portal = str(Path(sys.executable).parent / "portal")
    year = str(datetime.now().year)
    outputs = []
    with FakeGoogle() as google:
        for argv in guide_commands():
            command = argv[1]
            if command == "serve":
                continue
            # The article `portal new` made is in this year's folder.
            argv = [argument.replace("docs/news/2025/so-ngoai-vu", f"docs/news/{year}/so-ngoai-vu") for argument in argv]
            if command == "translate":
                argv += ["--translator-url", google.url + "m", "--retries", "0"]
            result = subprocess.run([portal, *argv[1:]], cwd=project, env=environ, capture_output=True, text=True,
                                    timeout=300)
            output = result.stdout + result.stderr
            assert "Traceback" not in output, output
            assert result.returncode in (0, 1), (argv, output)
            assert not english_in(output), (argv, english_in(output), output)
            outputs.append((argv, output))
    assert any(re.search(r"Đã tạo \S*docs/news/\d{4}/so-ngoai-vu-tiep-doan", output) for argv, output in outputs
               if argv[1] == "new")
    assert any("Từ ngày 01/01/2025 đến ngày 05/3/2025, " in output for argv, output in outputs if argv[1] == "count")
    assert (project / "bao-cao-2025.xlsx").is_file()


def test_the_guides_example_of_check_is_what_check_prints(tmp_path):
    example = re.search(r"```\n(docs/news/2025/le-ky-ket\.vi\.md:3:.*?)```", GUIDE.read_text(encoding="utf-8"), re.S).group(1)
    docs = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs" / "_data", docs / "_data")
    (docs / "news" / "2025").mkdir(parents=True)
    (docs / "news" / "2025" / "le-ky-ket.vi.md").write_text(
        "---\ntitle: Lễ ký kết\ndate: 05/03/2025\ncategories: [doi-ngoia]\n---\n\nNội dung.\n", encoding="utf-8")
    environ = {key: value for key, value in os.environ.items() if key != "PORTAL_LANG"}
    result = subprocess.run([str(Path(sys.executable).parent / "portal"), "check", "--docs", str(docs)], cwd=tmp_path,
                            env=environ, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    printed = result.stderr.splitlines()
    for shown in example.strip().splitlines():
        shown = shown.removesuffix("...")
        assert any(line.startswith(shown) for line in printed), (shown, printed)
