"""The `kg` command: build the graph, run canned queries, serve it."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from tqdm import tqdm

from .ontology import ONTOLOGY_DIR, OntologyError
from .queries import QueryError
from .rdf import DEFAULT_BASE_IRI
from .store import StoreError, is_remote, open_store

DEFAULT_STORE = "data/store"
DEFAULT_CORPUS = "corpus"


def _base_iri_option(f):
    return click.option("--base-iri", default=lambda: os.environ.get("KG_BASE_IRI", DEFAULT_BASE_IRI),
                        show_default=DEFAULT_BASE_IRI, help="Base under which the graph mints IRIs ($KG_BASE_IRI).")(f)


@click.group()
@click.version_option(package_name="whosaid-kg")
def main():
    """Who said what in international politics: a knowledge graph from news and analysis texts."""


STORE_HELP = ("Store: a directory (embedded Oxigraph) or a SPARQL server's dataset URL, e.g. "
              "http://localhost:3030/kg for Fuseki ($KG_STORE).")


def _store_option(f):
    return click.option("--store", default=DEFAULT_STORE, envvar="KG_STORE", show_default=True, help=STORE_HELP)(f)


def _writer_options(f):
    """The options shared by every command that writes documents: build, add, remove."""
    f = click.option("--inference/--no-inference", "infer", default=True, show_default=True,
                     help="Materialize OWL 2 RL entailments into the inference graph.")(f)
    f = click.option("--ontology", type=click.Path(exists=True, file_okay=False, path_type=Path),
                     default=ONTOLOGY_DIR, envvar="KG_ONTOLOGY", show_default="ontology/",
                     help="Ontology directory ($KG_ONTOLOGY).")(f)
    f = click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Extraction processes.")(f)
    return _store_option(_base_iri_option(f))


def _write(operation, target, store: str, ontology: Path, **options) -> None:
    """Run build/add/remove against the store with a progress bar; errors end in one clear line."""
    try:
        report = operation(target, open_store(store), ontology_dir=ontology,
                           progress=lambda it, total: tqdm(it, total=total, desc="extracting", unit="doc",
                                                           file=sys.stderr), **options)
    except (OntologyError, StoreError) as err:
        raise click.ClickException(str(err)) from err
    click.echo(report.summary())


@main.command()
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_CORPUS,
              show_default=True, help="Directory of .txt/.md/.html articles.")
@_writer_options
def build(corpus: Path, **options):
    """Build the graph from a corpus: afterwards the store holds exactly its articles."""
    from .build import build as run_build

    _write(run_build, corpus, **options)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@_writer_options
def add(files: tuple[Path, ...], **options):
    """Add articles to the graph, or replace them if added before; the rest stays as it is."""
    from .build import add as run_add

    _write(run_add, files, **options)


@main.command()
@click.argument("files", nargs=-1, required=True)
@_writer_options
def remove(files: tuple[str, ...], **options):
    """Drop the graphs built from these article files (paths or file names)."""
    from .build import remove as run_remove

    _write(run_remove, files, **options)


@main.command()
@click.argument("name")
@_store_option
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table", show_default=True)
def query(name: str, store: str, params: tuple[str, ...], fmt: str):
    """Run the canned query queries/NAME.rq."""
    from . import queries
    from .results import serialize

    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        values[key] = value
    try:
        canned = queries.get(name)
        bindings = canned.bindings(values)
        if not is_remote(store) and not Path(store).exists():
            raise StoreError(f"no store at {store}; run 'kg build' first")
        results = open_store(store, read_only=True).query(canned.sparql, substitutions=bindings)
        click.echo(serialize(results, fmt), nl=fmt == "table")
    except (QueryError, StoreError) as err:
        raise click.ClickException(str(err)) from err


@main.command()
@_store_option
def validate(store: str):
    """Check the built graph against the SHACL shapes in ontology/shapes.ttl."""
    from .validate import store_graph
    from .validate import validate as run_validate

    try:
        conforms, report = run_validate(store_graph(open_store(store, read_only=True)))
    except (OntologyError, StoreError) as err:
        raise click.ClickException(str(err)) from err
    click.echo(report)
    if not conforms:
        sys.exit(1)


@main.command()
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True)
@_base_iri_option
def serve(store: str, host: str, port: int, threads: int, base_iri: str):
    """Serve SPARQL, the canned queries, linked data and the web UI (waitress, read-only)."""
    import waitress

    from server import create_app

    app = create_app({"STORE": store, "BASE_IRI": base_iri})
    click.echo(f"serving {store} on http://{host}:{port}/", err=True)
    waitress.serve(app, host=host, port=port, threads=threads)
