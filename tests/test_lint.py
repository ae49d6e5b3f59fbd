"""ruff (pinned in requirements.txt, configured in ruff.toml) over every Python file of the
repository: scripts/ and tests/ alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RUFF = [sys.executable, "-m", "ruff"]


def test_ruff_finds_nothing():
    result = subprocess.run([*RUFF, "check", "--no-cache", "--output-format", "concise"], cwd=PROJECT,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"ruff check:\n{result.stdout}{result.stderr}"


def test_ruff_checks_every_python_file_of_the_repository():
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"], cwd=PROJECT,
                            capture_output=True, text=True, check=True).stdout.split()
    checked = subprocess.run([*RUFF, "check", "--no-cache", "--show-files"], cwd=PROJECT, capture_output=True,
                             text=True, check=True).stdout.split()
    checked = {Path(path).resolve().relative_to(PROJECT).as_posix() for path in checked if path.endswith(".py")}
    assert {path for path in listed if (PROJECT / path).exists()} <= checked, \
        "ruff skips some Python files (a folder named build/ or dist/ is excluded by default)"
