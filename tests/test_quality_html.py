"""Quality gate: every built page passes the Nu HTML Checker (vnu.jar, from the `vnu-jar` npm
package in tests/js; needs Java 11+). Errors from our templates fail; the few that Material for
MkDocs itself produces are filtered below, each with its reason."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlparse

import pytest

VNU_JAR = Path(__file__).parent / "js" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class MaterialError:
    """An error that Material's own templates produce on every build, matched on the message and
    on the markup the checker quotes, so that the same message from our markup still fails."""

    message: re.Pattern
    extract: re.Pattern
    reason: str

    def matches(self, error: dict) -> bool:
        return bool(self.message.search(error.get("message", "")) and self.extract.search(error.get("extract", "")))


MATERIAL_ERRORS = (
    MaterialError(
        re.compile(r"Attribute “autocomplete” is only allowed when the input type is"),
        re.compile(r'<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)" autocomplete="off">'),
        "material/templates/base.html sets autocomplete=off on its drawer and search checkboxes so that "
        "browsers do not restore them checked (menu or search open) on back navigation; harmless",
    ),
    MaterialError(
        re.compile(r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"),
        re.compile(r'<label class="md-nav__title" for="__toc">'),
        "material/templates/partials/toc.html labels the mobile table-of-contents toggle, which "
        "partials/nav-item.html only renders for pages listed in the navigation; articles and news "
        "listings are deliberately not in the navigation, so the label has no control (it is only a title)",
    ),
)


def java_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java not found: the Nu HTML Checker needs it (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} missing: run `npm ci --ignore-scripts --prefix tests/js`")
    # A run of a few seconds: the JIT's first tier alone does the work with half the CPU time of
    # the full tiered compiler (measured 4 s against 8 s of CPU on the sample site), and the
    # serial collector needs no extra threads. What the checker reports does not change.
    return [java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(VNU_JAR)]


def validate(*targets: Path) -> list[dict]:
    """The checker's errors for files and for every .html file under folders, in one run of the
    checker (one Java start for the whole module)."""
    result = subprocess.run([*java_command(), "--format", "json", "--errors-only", "--skip-non-html", *map(str, targets)],
                            capture_output=True, text=True, timeout=600)
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"the Nu HTML Checker did not produce a report (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]


def file_of(error: dict) -> Path:
    return Path(unquote(urlparse(error.get("url", "")).path))


def describe(error: dict, root: Path) -> str:
    where = error.get("url", "").removeprefix("file:").removeprefix(str(root) + "/")
    return f"{where}:{error.get('lastLine', '?')}: {error['message']}\n    {error.get('extract', '').strip()[:200]}"


PROBE = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>t</title></head><body>\n'
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
    '<input type="checkbox" id="portal-filter" autocomplete="off">\n'
    '<label class="md-nav__title" for="__toc">Contents</label>\n'
    '<label for="portal-missing">Filter</label>\n'
    "</body></html>\n")
"""A page with Material's two known errors (lines 2 and 4) and the same messages from our own
markup (lines 3 and 5)."""


@pytest.fixture(scope="module")
def checked(sample_site, tmp_path_factory) -> SimpleNamespace:
    """The checker's errors for the probe page and for every page of the sample site."""
    probe = tmp_path_factory.mktemp("vnu") / "probe.html"
    probe.write_text(PROBE, encoding="utf-8")
    errors = validate(probe, sample_site)
    return SimpleNamespace(probe=[e for e in errors if file_of(e) == probe.resolve()],
                           site=[e for e in errors if file_of(e) != probe.resolve()])


def test_the_checker_reports_errors_in_our_markup_even_where_material_has_the_same_message(checked):
    errors = checked.probe
    ours = [e for e in errors if not any(f.matches(e) for f in MATERIAL_ERRORS)]
    assert len(errors) == 4
    assert [e["lastLine"] for e in ours] == [3, 5]


def test_every_page_of_the_sample_site_is_valid_html(checked, sample_site):
    ours = [e for e in checked.site if not any(f.matches(e) for f in MATERIAL_ERRORS)]
    assert not ours, f"{len(ours)} HTML errors from our templates or content:\n" + "\n".join(describe(e, sample_site) for e in ours[:40])
