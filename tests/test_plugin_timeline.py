"""One MkDocs plugin, one table of event priorities, one pass object per language (issue 16: two
plugins rewrote each other's settings, eight priority constants lived in two files, and the
current language was shared state read from static-i18n)."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from portal.mkdocs_adapter import plugin as plugin_module
from portal.mkdocs_adapter.plugin import PortalPlugin

ADAPTER = Path(plugin_module.__file__).parent
PRIORITIES = {"BEFORE_I18N": -50, "AFTER_I18N": -200, "LANGUAGE_DONE": 0, "SITE_DONE": -300}


def test_the_package_provides_one_mkdocs_plugin():
    ours = [point for point in entry_points(group="mkdocs.plugins") if point.value.startswith("portal.")]
    assert [(point.name, point.value) for point in ours] == [("portal", "portal.mkdocs_adapter.plugin:PortalPlugin")]


def handlers():
    for name in dir(PortalPlugin):
        if name.startswith("on_"):
            event = getattr(PortalPlugin, name)
            for method in getattr(event, "methods", [event]):
                yield name, method


def test_every_handler_runs_at_a_priority_of_the_one_table():
    assert {name: getattr(plugin_module, name) for name in PRIORITIES} == PRIORITIES
    for event, method in handlers():
        assert getattr(method, "mkdocs_priority", None) in PRIORITIES.values(), f"{event}: {method.__name__}"


def test_no_other_module_sets_event_priorities():
    for path in sorted(ADAPTER.parent.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name != "plugin.py" or path.parent != ADAPTER:
            assert "event_priority" not in text, path
    used = re.findall(r"@event_priority\((\w+)\)", (ADAPTER / "plugin.py").read_text(encoding="utf-8"))
    assert used and set(used) <= set(PRIORITIES), "priorities are named, not numbers"


def test_each_event_is_handed_on_in_a_line_or_two():
    import inspect

    for event, method in handlers():
        body = [line for line in inspect.getsource(method).splitlines()[2:] if line.strip()]
        assert len(body) <= 3, f"{event}: {method.__name__} does more than hand the event on"


def test_the_timeline_names_every_event_the_plugin_handles():
    import portal.mkdocs_adapter as adapter

    for event, _method in handlers():
        assert event in adapter.__doc__, f"{event} is missing from the timeline in mkdocs_adapter/__init__.py"


@pytest.mark.site_build
def test_each_language_pass_has_its_own_pass_object(tmp_path, monkeypatch):
    """A build records, in order, one LanguagePass per language, each with its language."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from portal.mkdocs_adapter.site_build import SiteBuild
    from sitebuild import MKDOCS_ENV, copy_project

    for name, value in MKDOCS_ENV.items():
        monkeypatch.setenv(name, value)
    project = copy_project(tmp_path / "project", with_content=False)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(re.sub(r"^(\s*)- portal:\s*\n", lambda m: f"{m.group(0)}{m.group(1)}    search_index: false\n",
                                               text, count=1, flags=re.MULTILINE), encoding="utf-8")
    started = []
    start_pass = SiteBuild.start_pass

    def recording(self, config, i18n):
        language_pass = start_pass(self, config, i18n)
        started.append(language_pass)
        return language_pass

    monkeypatch.setattr(SiteBuild, "start_pass", recording)
    build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert [language_pass.lang for language_pass in started] == ["vi", "en", "ja", "zh", "ko"]
    assert len({id(language_pass) for language_pass in started}) == 5
    assert len({id(language_pass.build) for language_pass in started}) == 1, "one SiteBuild for all passes"
    assert all(not language_pass.article_html.kept for language_pass in started), "each pass wrote its feeds"


def test_importing_the_domain_loads_no_site_engine():
    """Importing the search (which used to import the build's hard links) or any other domain
    module loads neither MkDocs nor Jinja."""
    import grimp

    graph = grimp.build_graph("portal")
    domain = sorted(module for module in graph.modules
                    if not module.startswith(("portal.mkdocs_adapter", "portal.commands", "portal.cli")))
    code = ("import importlib, sys\n"
            f"for name in {domain!r}: importlib.import_module(name)\n"
            "print(sorted(m for m in ('mkdocs', 'jinja2', 'material', 'mkdocs_static_i18n') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
