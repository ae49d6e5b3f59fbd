"""Where the project is: the folder holding mkdocs.yml (the current folder or its nearest parent
that has one), and the folders mkdocs.yml names. Commands start from here, and site data a
content folder lacks is taken from the project's docs folder, found the same way (never from
where this package happens to be installed)."""

from __future__ import annotations

from pathlib import Path

import yaml

CONFIG_FILE = "mkdocs.yml"


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml: `start` (default: the current folder) or its nearest parent
    that has one; `start` itself when none has."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return here


def read_mkdocs_yml(config_file: Path) -> dict:
    """mkdocs.yml as plain data, read without MkDocs: `!ENV` tags give their default value (the
    last item of their list), Python tags nothing. {} for a missing or empty file."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: (
        loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None))
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    try:
        text = Path(config_file).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    config = yaml.load(text, Loader=Loader)
    return config if isinstance(config, dict) else {}


def folder_setting(config_file: Path, name: str, default: str) -> Path:
    """A folder mkdocs.yml names (`docs_dir`, `site_dir`), relative to mkdocs.yml's folder."""
    folder = Path(read_mkdocs_yml(config_file).get(name) or default)
    return folder if folder.is_absolute() else Path(config_file).parent / folder


def project_docs_dir(start: Path | None = None) -> Path:
    """The docs folder of the project around `start` (default: the current folder)."""
    return folder_setting(project_root(start) / CONFIG_FILE, "docs_dir", "docs")
