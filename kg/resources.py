"""The ontology and the lexicon as spaCy registry functions, so that the components' configs can
name them (`{"@misc": "whosaid.ontology.v1", "directory": null}`) and stay serializable."""
from __future__ import annotations

from pathlib import Path

from spacy.util import registry

from .lexicon import LEXICON_FILE, Lexicon
from .ontology import ONTOLOGY_DIR, Ontology


@registry.misc("whosaid.ontology.v1")
def ontology(directory: str | None = None) -> Ontology:
    """The ontology in `directory` (default: the project's); loaded once while its files are unchanged."""
    return Ontology.load(Path(directory) if directory else ONTOLOGY_DIR)


@registry.misc("whosaid.lexicon.v1")
def lexicon(path: str | None = None) -> Lexicon:
    return Lexicon.load(Path(path) if path else LEXICON_FILE)


def config(ontology_dir: Path | None = None, lexicon_path: Path | None = None) -> dict:
    """The config entries every component takes."""
    return {"ontology": {"@misc": "whosaid.ontology.v1", "directory": str(ontology_dir) if ontology_dir else None},
            "lexicon": {"@misc": "whosaid.lexicon.v1", "path": str(lexicon_path) if lexicon_path else None}}


DEFAULTS = config()
