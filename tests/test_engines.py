"""Surviving the engine's end of life (README, "Engine and end-of-life"): the site builds with
ProperDocs, MkDocs' maintained continuation, to the same bytes as with MkDocs 1.6.1, and the
README's figure of engine-independent code is the measured one."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from portal.mkdocs_adapter import compat
from sitebuild import MKDOCS_ENV, PROJECT


def tree(folder: Path) -> dict[str, bytes]:
    files = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = Path(directory) / name
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


@pytest.mark.site_build
def test_properdocs_builds_the_same_bytes_as_mkdocs(sample_site):
    """`properdocs build` with the unchanged mkdocs.yml, plugins and theme (the switch README
    describes), against the sample site `mkdocs build` made."""
    project = sample_site.parent
    site = project / "site-properdocs"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml",
                             "-d", str(site)], cwd=project, capture_output=True, text=True, env=MKDOCS_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    expected, actual = tree(sample_site), tree(site)
    assert sorted(actual) == sorted(expected), (
        f"only with MkDocs: {sorted(set(expected) - set(actual))[:10]}; "
        f"only with ProperDocs: {sorted(set(actual) - set(expected))[:10]}")
    different = [rel for rel in expected if expected[rel] != actual[rel]
                 and not (rel.endswith("pagefind-entry.json") and json.loads(expected[rel]) == json.loads(actual[rel]))]
    assert not different, f"{len(different)} files differ between the engines, e.g. {different[:10]}"
    assert len(expected) > 500


def test_properdocs_is_pinned_at_the_tested_version():
    pinned = re.search(r"^properdocs==(\S+)$", (PROJECT / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE)
    assert pinned and pinned.group(1) in compat.TESTED_VERSIONS["properdocs"] and version("properdocs") == pinned.group(1)


def test_the_readme_states_the_measured_engine_independent_share():
    measured = json.loads(subprocess.run([sys.executable, str(PROJECT / "scripts" / "engine_share.py"), "--json"],
                                         capture_output=True, text=True, check=True).stdout)
    share = measured["independent_python_percent"]
    assert 50 < share < 100
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Engine and end-of-life", 1)[1].split("\n## ", 1)[0]
    stated = int(re.search(r"(\d+) % of the Python", section).group(1))
    # Code grows on both sides of the boundary; a gap of more than 3 points means the README is stale.
    assert abs(stated - share) <= 3, f"README says {stated} %, scripts/engine_share.py measures {share} %"
