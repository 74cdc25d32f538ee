"""The `kg` command: build the graph, run canned queries, serve it."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click
from tqdm import tqdm

from .executors import EXECUTORS, ExecutorError
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
    return _store_option(_base_iri_option(f))


def _workers_option(f):
    """For the commands that extract (build, add); remove extracts nothing."""
    f = click.option("--scheduler", metavar="ADDRESS",
                     help="With --executor dask: the scheduler of a running Dask cluster (tcp://host:8786); "
                          "without it, a local cluster of --workers processes.")(f)
    f = click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
                     help="Where extraction runs: this machine's processes, or a Dask cluster.")(f)
    f = click.option("--force", is_flag=True,
                     help="Extract every document again, even one whose text, metadata, ontology and extractor "
                          "are as when its graph was written (kept as it is by default).")(f)
    return click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
                        help="Extraction processes.")(f)


def _progress(items, total):
    """A progress bar on a terminal; in a log or a file, one line per stage instead of thousands of updates."""
    if sys.stderr.isatty():
        return tqdm(items, total=total, desc="extracting", unit="doc", file=sys.stderr)
    click.echo(f"extracting {total} documents", err=True)
    return items


def _write(operation, target, store: str, ontology: Path, report_file: Path | None = None,
           fail_on_skip: bool = False, not_fetched: list[tuple[str, str]] = (), **options) -> None:
    """Run build/add/remove against the store; errors end in one clear line. With `report_file`
    the report goes there as JSON; a skipped file (or a URL in `not_fetched`) makes the exit
    status 1 when `fail_on_skip`."""
    try:
        report = operation(target, open_store(store), ontology_dir=ontology, progress=_progress, **options)
    except (OntologyError, StoreError, ExecutorError) as err:
        raise click.ClickException(str(err)) from err
    report.skipped[:0] = not_fetched
    click.echo(report.summary())
    if report_file:
        Path(report_file).write_text(report.to_json() + "\n", encoding="utf-8")
    if report.skipped and (fail_on_skip or not report.documents):
        sys.exit(1)


def _report_option(f):
    """The JSON report of what was read, for build and add."""
    return click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
                        help="Write a JSON report: each document's reader and metadata fields with their "
                             "sources, each skipped file with the reason.")(f)


@main.command()
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_CORPUS,
              show_default=True, help="Directory of .txt/.md/.html articles.")
@_writer_options
@_workers_option
@_report_option
@click.option("--strict", is_flag=True, help="Exit with status 1 when any file was skipped.")
@click.option("--prune", is_flag=True,
              help="Also drop the documents kg add brought in that are not in the corpus (kept by default).")
def build(corpus: Path, strict: bool, **options):
    """Build the graph from a corpus: afterwards the store holds its articles, and the documents
    kg add brought in beside them unless --prune.
    Exits with status 1 when files were skipped and none was read, or with --strict when any was."""
    from .build import build as run_build

    _write(run_build, corpus, fail_on_skip=strict, **options)


def _corpus_name_option(f):
    """For add and remove: files under the corpus folder are named by their path there, as kg build names them."""
    return click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CORPUS,
                        show_default=True,
                        help="Corpus folder: a file under it is named by its path there, as kg build names it; "
                             "any other by its file name.")(f)


@main.command()
@click.argument("items", nargs=-1, metavar="FILE|URL...")
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS or Atom feed: its items not yet in the store are fetched and added (repeatable).")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CORPUS, show_default=True,
              help="Folder that keeps fetched pages, each with a sidecar recording its URL and fetch time.")
@_writer_options
@_workers_option
@_report_option
@_corpus_name_option
def add(items: tuple[str, ...], feeds: tuple[str, ...], into: Path, **options):
    """Add articles to the graph, or replace them if added before; the rest stays as it is.
    A URL is fetched (HTML only, within a timeout and a size limit) into --into first.
    Exits with status 1 when a named file or URL could not be read (the others are still added)."""
    from .build import add as run_add
    from .build import document_sources
    from .fetch import FetchError, fetch_feed, fetch_page, is_url

    if not items and not feeds:
        raise click.UsageError("give a FILE or URL to add, or --feed URL")
    paths, not_fetched = [], []
    for item in items:
        if is_url(item):
            try:
                paths.append(fetch_page(item, into))
            except FetchError as err:
                not_fetched.append((item, str(err).removeprefix(f"{item}: ")))
        else:
            paths.append(Path(item))
    for feed in feeds:
        try:
            result = fetch_feed(feed, into, document_sources(open_store(options["store"])))
        except (FetchError, StoreError) as err:
            raise click.ClickException(str(err)) from err
        click.echo(result.summary())
        paths += result.new
        not_fetched += result.failed
    _write(run_add, paths, fail_on_skip=True, not_fetched=not_fetched, **options)


@main.command()
@click.argument("files", nargs=-1, required=True)
@_writer_options
@_corpus_name_option
def remove(files: tuple[str, ...], **options):
    """Drop the graphs built from these article files (paths or file names)."""
    from .build import remove as run_remove

    _write(run_remove, files, **options)


def _terminal_width() -> int | None:
    """The width a table for people fits: $COLUMNS when set, else the terminal's; None when the
    output goes to a file or a pipe, where each row stays one line for grep and the like."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


@main.command("queries")
def list_queries():
    """List the canned queries (queries/NAME.rq): name, summary and parameters (* required)."""
    from . import queries
    from .results import text_table

    rows = [[q.name, q.summary, ", ".join(p.name + ("*" if p.required else "") for p in q.parameters)]
            for q in queries.catalogue().values()]
    click.echo(text_table(["name", "summary", "parameters"], rows, _terminal_width()))


@main.command()
@click.argument("name")
@_store_option
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table", show_default=True)
def query(name: str, store: str, params: tuple[str, ...], fmt: str):
    """Run the canned query queries/NAME.rq (kg queries lists them): every row, or the page
    --param limit=N / offset=N ask for. The table shows labels, fitted to the terminal's width."""
    from . import queries
    from .names import NameIndex
    from .results import serialize

    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        values[key] = value
    try:
        canned = queries.get(name)
        canned.bindings(values)
        if not is_remote(store) and not Path(store).exists():
            raise StoreError(f"no store at {store}; run 'kg build' first")
        graph = open_store(store, read_only=True)
        sparql = canned.prepare(values, NameIndex.from_store(graph) if canned.needs_names else None,
                                paged=bool(set(queries.PAGING) & values.keys()))
        results = graph.query(sparql)
        click.echo(serialize(results, fmt, _terminal_width() if fmt == "table" else None), nl=fmt == "table")
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
@click.option("--threads", type=click.IntRange(1, 256), default=None,
              help="Request threads [default: the query workers and queue plus 4, so that pages and "
                   "/health never wait behind queries].")
@click.option("--connection-limit", type=click.IntRange(1, 10_000), default=500, show_default=True,
              help="Open connections served at once.")
@click.option("--channel-timeout", type=click.FloatRange(1), default=10.0, show_default=True,
              help="Seconds an idle or stalled connection is kept open.")
@_base_iri_option
def serve(store: str, host: str, port: int, threads: int | None, connection_limit: int, channel_timeout: float,
          base_iri: str):
    """Serve SPARQL, the canned queries, linked data and the web UI (waitress, read-only)."""
    import waitress

    from server import create_app

    if not is_remote(store) and not Path(store).exists():
        open_store(store)                  # an empty store, released at once: queries answer from it
        click.echo(f"{store} did not exist: serving an empty store there", err=True)
    app = create_app({"STORE": store, "BASE_IRI": base_iri})
    admitted = int(app.config["QUERY_WORKERS"]) + int(app.config["QUERY_QUEUE"])
    click.echo(f"serving {store} on http://{host}:{port}/", err=True)
    waitress.serve(app, host=host, port=port, threads=threads or admitted + 4, connection_limit=connection_limit,
                   channel_timeout=channel_timeout, max_request_body_size=int(app.config["MAX_CONTENT_LENGTH"]),
                   asyncore_use_poll=True, ident="kg")
