"""What `kg build` and `kg add` say about their input: the JSON report, --strict, exit statuses."""
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from kg.cli import main
from kg.store import open_store

PAGE = Path(__file__).parent / "data" / "html" / "full_metadata.html"


def test_the_report_names_each_field_s_source_and_strict_fails_on_a_skipped_file(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(PAGE, corpus / "water.html")
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    store, report = str(tmp_path / "store"), tmp_path / "report.json"
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--corpus", str(corpus), "--store", store, "--no-inference",
                                 "--report", str(report)])
    assert built.exit_code == 0, built.output
    assert "skipped broken.txt: binary file (NUL bytes)" in built.output
    data = json.loads(report.read_text())
    assert data["skipped"] == [{"file": "broken.txt", "reason": "binary file (NUL bytes)"}]
    (read,) = data["read"]
    assert (read["source"], read["language"], read["text_from"]) == ("water.html", "en", "trafilatura")
    assert read["fields"] == {
        "title": {"value": "Ministers agree to resume water talks", "from": "json-ld"},
        "authors": {"value": ["Marta Quell", "Ilan Brody"], "from": "json-ld"},
        "publisher": {"value": "The Harbour Ledger", "from": "json-ld"},
        "date": {"value": "2021-04-14", "from": "json-ld"},
        "url": {"value": "https://ledger.example.net/world/2021/04/14/water-talks", "from": "canonical link"}}
    strict = runner.invoke(main, ["build", "--corpus", str(corpus), "--store", store, "--no-inference", "--strict"])
    assert strict.exit_code == 1 and "skipped broken.txt" in strict.output
    rows = open_store(store).query("SELECT ?source ?language WHERE { ?d <https://w3id.org/whosaid/ontology#sourceFile> "
                                   "?source ; <http://purl.org/dc/terms/language> ?language }")
    assert [(r["source"].value, r["language"].value, r["language"].datatype.value) for r in rows] == [
        ("water.html", "en", "http://www.w3.org/2001/XMLSchema#language")]


def test_a_build_that_reads_nothing_and_an_add_of_an_unreadable_file_exit_non_zero(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "noise.txt").write_bytes(bytes(range(128, 256)) * 3)
    store = str(tmp_path / "store")
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--corpus", str(corpus), "--store", store, "--no-inference"])
    assert built.exit_code == 1 and "skipped noise.txt: not text" in built.output
    strict = runner.invoke(main, ["build", "--corpus", str(corpus), "--store", store, "--no-inference", "--strict"])
    assert strict.exit_code == 1 and "0 documents, 0 statements" in strict.output
    added = runner.invoke(main, ["add", str(corpus / "noise.txt"), str(tmp_path / "gone.txt"), "--store", store,
                                 "--no-inference"])
    assert added.exit_code == 1
    assert added.output.splitlines()[-2:] == [
        "skipped noise.txt: not text: neither UTF-8 nor an encoding charset-normalizer recognises",
        "skipped gone.txt: cannot read: No such file or directory"]
    (corpus / "noise.txt").unlink()
    (corpus / "good.txt").write_text("Talks\n\nKarl Mertens said Berlin supports the new border commission.\n")
    clean = runner.invoke(main, ["build", "--corpus", str(corpus), "--store", store, "--no-inference", "--strict"])
    assert clean.exit_code == 0 and "skipped" not in clean.output
