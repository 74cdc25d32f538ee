import json
import shutil

from click.testing import CliRunner

from kg.cli import main

from .conftest import CORPUS


def test_build_then_query_in_every_format(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Talks\n\nLavrov said that Moscow opposes the sanctions against Iran.\n")
    store = str(tmp_path / "store")
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--corpus", str(corpus), "--store", store])
    assert built.exit_code == 0, built.output
    assert "1 documents, 1 statements" in built.output

    out = runner.invoke(main, ["query", "statements", "--store", store, "--format", "json"])
    data = json.loads(out.output)
    (row,) = data["results"]["bindings"]
    assert (row["source"]["value"], row["speakerLabel"]["value"], row["cue"]["value"]) == ("a.txt", "Sergey Lavrov", "said")
    assert row["stance"]["value"].endswith("/opposes")

    csv = runner.invoke(main, ["query", "positions-of-actor", "--store", store, "--param", "actor=Lavrov", "--format", "csv"])
    assert csv.output.splitlines()[0].startswith("actor,speaker,speakerLabel,stance")
    tsv = runner.invoke(main, ["query", "positions-of-actor", "--store", store, "--param", "actor=Lavrov", "--format", "tsv"])
    assert tsv.output.splitlines()[0].startswith("?actor\t?speaker")
    table = runner.invoke(main, ["query", "positions-of-actor", "--store", store, "--param", "actor=Lavrov"])
    assert "Sergey Lavrov" in table.output and "(1 row)" in table.output


def test_query_errors_are_clear(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(main, ["query", "positions-of-actor", "--store", str(tmp_path)])
    assert missing.exit_code == 1 and "missing required parameter 'actor'" in missing.output
    unknown = runner.invoke(main, ["query", "nope", "--store", str(tmp_path)])
    assert unknown.exit_code == 1 and "no canned query named 'nope'" in unknown.output
    nostore = runner.invoke(main, ["query", "statements", "--store", str(tmp_path / "none")])
    assert nostore.exit_code == 1 and "run 'kg build' first" in nostore.output
    bad = runner.invoke(main, ["query", "statements", "--store", str(tmp_path), "--param", "oops"])
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.output


def test_malformed_ontology_stops_the_build(tmp_path, ontology_copy):
    core = ontology_copy / "core.ttl"
    lines = core.read_text().count("\n")
    core.write_text(core.read_text() + "ws:Oops a .\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    result = CliRunner().invoke(main, ["build", "--corpus", str(corpus), "--store", str(tmp_path / "s"),
                                       "--ontology", str(ontology_copy)])
    assert result.exit_code == 1
    assert f"core.ttl:{lines + 1}: Bad syntax" in result.output


def test_add_and_remove_articles(tmp_path):
    (tmp_path / "a.txt").write_text("Talks\n\nLavrov said that Moscow opposes the sanctions against Iran.\n")
    (tmp_path / "b.txt").write_text("Talks\n\nWashington welcomed the extension of New START.\n")
    store = str(tmp_path / "store")
    runner = CliRunner()
    added = runner.invoke(main, ["add", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--store", store])
    assert added.exit_code == 0, added.output
    assert "2 documents, 2 statements" in added.output and "inferred" in added.output
    removed = runner.invoke(main, ["remove", "a.txt", "--store", store])
    assert removed.exit_code == 0 and "1 removed" in removed.output
    rows = json.loads(runner.invoke(main, ["query", "statements", "--store", store, "--format", "json"]).output)
    assert [r["source"]["value"] for r in rows["results"]["bindings"]] == ["b.txt"]
    again = runner.invoke(main, ["remove", "a.txt", "--store", store])
    assert again.exit_code == 1 and "no document built from a.txt" in again.output


def test_query_and_build_on_a_sparql_server(tmp_path, seed_fuseki_url):
    runner = CliRunner()
    out = runner.invoke(main, ["query", "positions-of-actor", "--store", seed_fuseki_url, "--param", "actor=Lavrov",
                               "--format", "json"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.output)["results"]["bindings"]) == 3
    down = runner.invoke(main, ["build", "--corpus", str(tmp_path), "--store", "http://127.0.0.1:9/kg"])
    assert down.exit_code == 1 and "http://127.0.0.1:9/kg/query: [Errno 111] Connection refused" in down.output


def test_kg_query_gives_every_row_unless_a_page_is_asked_for(tmp_path):
    corpus = tmp_path / "corpus"
    for copy in ("a", "b", "c"):             # the seeds three times over: 111 statements, past a page of 100
        shutil.copytree(CORPUS, corpus / copy)
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--corpus", str(corpus), "--store", store, "--no-inference"]).exit_code == 0

    def rows(*params):
        result = runner.invoke(main, ["query", "statements", "--store", store, "--format", "json", *params])
        assert result.exit_code == 0, result.output
        return len(json.loads(result.output)["results"]["bindings"])

    assert rows() == 111
    assert rows("--param", "limit=5") == 5
    assert rows("--param", "offset=100") == 11


def test_kg_queries_lists_every_canned_query():
    from kg.queries import catalogue
    out = CliRunner().invoke(main, ["queries"], env={"COLUMNS": "300"})
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0].split() == ["name", "summary", "parameters"]
    for name, canned in catalogue().items():
        (line,) = [line for line in lines if line.startswith(name + " ")]
        assert canned.summary in line
    assert any(line.startswith("positions-of-actor ") and line.endswith("actor*, min_confidence, limit, offset")
               for line in lines)


def test_kg_query_table_shows_labels_and_fits_the_terminal(seed_store_path):
    runner = CliRunner()
    args = ["query", "positions-of-actor", "--store", str(seed_store_path), "--param", "actor=Lavrov"]
    quotes = [b["quote"]["value"] for b in json.loads(runner.invoke(main, args + ["--format", "json"]).output)
              ["results"]["bindings"]]
    for columns in (170, 90):                 # a table; too many columns for that: a record at a time
        out = runner.invoke(main, args, env={"COLUMNS": str(columns)})
        assert out.exit_code == 0, out.output
        lines = out.output.splitlines()
        assert max(map(len, lines)) <= columns and lines[-1] == "(3 rows)"
        assert "http" not in out.output and "opposes" in out.output and "Sergey Lavrov" in out.output
        words = out.output.split()
        assert all(word in words for quote in quotes for word in quote.split())       # wrapped, never cut
    wide = runner.invoke(main, args, env={"COLUMNS": "170"}).output.splitlines()
    assert wide[0].split() == ["actor", "speaker", "stance", "topic", "quote", "date", "source", "statement",
                               "confidence"]                       # label columns folded into the ones they name
    assert "speaker     Sergey Lavrov" in out.output and out.output.startswith("-[ 1 ]---")
    piped = runner.invoke(main, args, env={"COLUMNS": None})        # not a terminal: one line a row
    assert len(piped.output.splitlines()) == 6 and "Sergey Lavrov" in piped.output


def test_kg_query_json_and_csv_are_the_stores_own_serializations(seed_store_path):
    from pyoxigraph import QueryResultsFormat

    from kg import queries
    from kg.names import NameIndex
    from kg.store import open_store
    store = open_store(seed_store_path, read_only=True)
    canned = queries.get("positions-of-actor")
    sparql = canned.prepare({"actor": "Lavrov"}, NameIndex.from_store(store), paged=False)
    for fmt, constant in (("json", QueryResultsFormat.JSON), ("csv", QueryResultsFormat.CSV)):
        out = CliRunner().invoke(main, ["query", "positions-of-actor", "--store", str(seed_store_path), "--param",
                                        "actor=Lavrov", "--format", fmt], env={"COLUMNS": "40"})
        assert out.stdout_bytes == store.query(sparql).serialize(format=constant)


def synopsis(readme: str) -> dict[str, str]:
    """{command: its lines} of the README's command-line synopsis (the indented block after
    "### The command line"), continuation lines included, comments dropped."""
    block = readme.split("### The command line\n\n", 1)[1].split("\n\n", 1)[0]
    commands: dict[str, str] = {}
    for line in block.splitlines():
        words = line.split("#", 1)[0].split()
        if words[:1] == ["kg"]:
            name = words[1] if len(words) > 1 and not words[1].startswith("-") else ""
            commands[name] = " ".join(words)
        else:
            commands[name] += " " + " ".join(words)
    return commands


def test_the_readme_synopsis_names_every_command_and_option():
    from pathlib import Path

    lines = synopsis((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8"))
    assert set(lines) == {"", *main.commands}
    for name, command in main.commands.items():
        for param in command.params:
            names = [opt for opt in (*param.opts, *param.secondary_opts) if opt.startswith("--")]
            if names and names != ["--help"]:
                assert any(opt in lines[name] for opt in names), f"kg {name} {names[0]} is not in the README"
    assert "--version" in lines[""]

