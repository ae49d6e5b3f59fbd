"""The kinds of document (loại văn bản) a record picks from: `docs/_data/document-vocabulary.yml`,
each a slug with a label in every language, read by the procedures' vocabulary reader."""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem
from ..procedures.vocabulary import Vocabulary, load_vocabulary

VOCABULARY_FILE = "_data/document-vocabulary.yml"
LISTS = {"kinds": "kind"}
"""The one list of the file -> the record field that takes its slugs."""


def load_document_vocabulary(docs_dir: Path) -> tuple[Vocabulary, list[Problem]]:
    return load_vocabulary(docs_dir, file=VOCABULARY_FILE, lists=LISTS)
