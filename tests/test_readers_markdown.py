"""The Markdown reader on clippings written for these tests: front matter, CommonMark rendering,
boilerplate."""
from pathlib import Path

import pytest

from kg.documents import UnreadableDocument, read_document
from kg.readers import format_of

DATA = Path(__file__).parent / "data" / "markdown"


def write(tmp_path: Path, content: str, name: str = "clip.md") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_a_web_clipping_with_yaml_front_matter():
    doc = read_document(DATA / "clipping_yaml.md")
    assert doc.text == (
        "The fisheries ministers of three coastal states signed a pact on Thursday that caps the catch of cod for "
        "five years, ending a dispute that had kept their fleets in port for most of the summer.\n\n"
        "\"This agreement protects the stocks and the people who depend on them,\" said Anja Morrow, the minister "
        "who chaired the talks, in a statement after the signing.\n")
    assert (doc.title, doc.authors, doc.publisher, doc.date, doc.url) == (
        "Coastal states sign a fisheries pact", ("Rhea Tamsin", "Oskar Lind"), None, "2022-09-08",
        "https://tidings.example.org/2022/09/fisheries-pact")
    assert doc.origins == {"title": "front matter title", "authors": "front matter author",
                           "date": "front matter published", "url": "front matter source"}
    assert doc.meta["excerpt"] == "Three coastal states agreed on quotas."
    assert doc.reader.startswith("markdown 2 (markdown-it-py ")


def test_toml_front_matter_lists_and_code_blocks():
    doc = read_document(DATA / "clipping_toml.md")
    assert doc.text == ("The parliament of Norland approved the Velm grid deal on Friday by a wide margin, clearing "
                        "the way for work on the power line to start in the spring.\n\n"
                        "The vote was 112 to 40.\n\nTwo parties abstained.\n")
    assert (doc.title, doc.authors, doc.publisher, doc.date, doc.url) == (
        "Velm grid deal approved", ("Hedda Saar",), "Velm Courier", "2023-02-17",
        "https://courier.example.com/grid-deal")


def test_without_front_matter_the_first_heading_is_the_title_and_a_byline_gives_the_author(tmp_path):
    doc = read_document(write(tmp_path, "# Velm grid deal approved\n\nBy Hedda Saar\n\nThe parliament approved "
                                        "the deal\non Friday.\n\n## Background\n\nThe deal was signed in May.\n"))
    assert doc.text == "By Hedda Saar\n\nThe parliament approved the deal on Friday.\n\nThe deal was signed in May.\n"
    assert (doc.title, doc.authors) == ("Velm grid deal approved", ("Hedda Saar",))
    assert doc.origins == {"title": "first heading", "authors": "text"}
    assert "By Hedda Saar" not in doc.body


def test_a_source_that_is_not_a_url_is_the_publisher(tmp_path):
    doc = read_document(write(tmp_path, "---\ntitle: Grid deal\nsource: Velm Courier\n---\nThe deal passed.\n"))
    assert (doc.publisher, doc.url) == ("Velm Courier", None)


def test_a_txt_file_opening_with_front_matter_is_read_as_markdown(tmp_path):
    path = write(tmp_path, "---\ntitle: Grid deal\n---\nThe deal passed.\n", name="clip.txt")
    assert format_of(path.read_bytes(), path.name) == "markdown"
    assert read_document(path).title == "Grid deal"


def test_the_sidecar_still_overrides_the_front_matter(tmp_path):
    write(tmp_path, "title: Real title\nauthors: [Piet Oren]\n", name="clip.meta.yaml")
    doc = read_document(write(tmp_path, "---\ntitle: Grid deal\nauthor: Hedda Saar\n---\nThe deal passed.\n"))
    assert (doc.title, doc.authors) == ("Real title", ("Piet Oren",))
    assert doc.origins["title"] == doc.origins["authors"] == "sidecar clip.meta.yaml"


@pytest.mark.parametrize("front", ["---\ntitle: [unclosed\n---\n", "+++\ntitle = \n+++\n"])
def test_front_matter_that_does_not_parse_is_an_error_naming_it(tmp_path, front):
    with pytest.raises(UnreadableDocument, match="bad front matter"):
        read_document(write(tmp_path, front + "The deal passed.\n"))
