"""The HTML reader on pages written for these tests: decoding, metadata, body, boilerplate."""
import json
from pathlib import Path

import pytest

from kg.documents import UnreadableDocument, read_document
from kg.readers import format_of

DATA = Path(__file__).parent / "data" / "html"

PROSE = ("<p>The energy ministers of Norland and Sudmark met on Tuesday in the border town of Velm to discuss "
         "a shared power line, and both said afterwards that the talks had gone better than expected.</p>"
         "<p>Norland's minister said the line could be built within three years if the two parliaments "
         "approved the money before the winter recess.</p>")


def page(body: str = PROSE, head: str = "", charset: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html><html><head>{charset}{head}</head><body><article>{body}</article></body></html>"


def write(tmp_path: Path, content, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_a_full_page_gives_its_article_and_its_metadata():
    doc = read_document(DATA / "full_metadata.html")
    assert doc.text == (
        "Ministers agree to resume water talks\n"
        "Posted: April 14, 2021 9:30 AM\n"
        "OSTRAVEN, Norland (AP) — The water ministers of Norland and Sudmark agreed on Wednesday to resume talks "
        "on sharing the Ostra river, which stalled last year over a new dam upstream.\n"
        "\"We have waited long enough for a fair share of the river,\" Norland's minister Tomas Vell told reporters "
        "after the meeting, adding that his government would table a new proposal within a month.\n"
        "Sudmark's delegation said in a written statement that it welcomed the decision and would send its "
        "engineers to the dam site before the next round.\n"
        "The two sides last met in the spring of 2020, when talks broke down over how much water the dam should "
        "release in the dry season.\n"
        "Like this story? Share it with a friend.\n"
        "Continue reading the main story")
    assert (doc.title, doc.authors, doc.publisher, doc.date, doc.url) == (
        "Ministers agree to resume water talks", ("Marta Quell", "Ilan Brody"), "The Harbour Ledger",
        "2021-04-14", "https://ledger.example.net/world/2021/04/14/water-talks")
    assert doc.origins == {"title": "json-ld", "authors": "json-ld", "publisher": "json-ld", "date": "json-ld",
                           "url": "canonical link", "text": "trafilatura"}
    assert doc.reader.startswith("html 3 (trafilatura ") and doc.language == "en"


def test_furniture_left_in_a_page_s_text_is_masked_in_place():
    doc = read_document(DATA / "full_metadata.html")
    assert len(doc.body) == len(doc.text)
    kept = [line.strip() for line in doc.body.splitlines() if line.strip()]
    assert kept == [
        "Ministers agree to resume water talks",
        "The water ministers of Norland and Sudmark agreed on Wednesday to resume talks on sharing the Ostra river, "
        "which stalled last year over a new dam upstream.",
        "\"We have waited long enough for a fair share of the river,\" Norland's minister Tomas Vell told reporters "
        "after the meeting, adding that his government would table a new proposal within a month.",
        "Sudmark's delegation said in a written statement that it welcomed the decision and would send its "
        "engineers to the dam site before the next round.",
        "The two sides last met in the spring of 2020, when talks broke down over how much water the dam should "
        "release in the dry season."]


@pytest.mark.parametrize("charset, encoding, place", [
    ('<meta charset="windows-1252">', "cp1252", "Vélm’s old town hall"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252", "Vélm’s old town hall"),
    ('<meta charset="gb2312">', "gb18030", "Vélm’s old town hall (维尔姆)"),
])
def test_a_declared_legacy_encoding_is_read(tmp_path, charset, encoding, place):
    """ISO-8859-1 is read as windows-1252 and GB2312 as GB18030, as browsers do (the curly quote
    is not in ISO-8859-1 at all, yet pages that declare it use it)."""
    data = page(PROSE.replace("Velm", place), charset=charset).encode(encoding)
    assert f"the border town of {place} to discuss" in read_document(write(tmp_path, data)).text


def test_a_byte_order_mark_wins_over_a_wrong_declaration(tmp_path):
    data = b"\xef\xbb\xbf" + page(PROSE.replace("Velm", "Vélm"), charset='<meta charset="windows-1252">').encode()
    assert "the border town of Vélm to discuss" in read_document(write(tmp_path, data)).text


def test_an_undeclared_legacy_encoding_is_detected(tmp_path):
    text = PROSE.replace("Velm", "Vélm") + "<p>Officials in Vélm said the café by the river would host the next round.</p>"
    data = page(text, charset="").encode("cp1252")
    assert "the café by the river" in read_document(write(tmp_path, data)).text


def test_a_declaration_the_bytes_contradict_falls_back_to_detection(tmp_path):
    data = page(PROSE.replace("Velm", "Vélm"), charset='<meta charset="utf-8">').encode("cp1252")
    assert "the border town of Vélm to discuss" in read_document(write(tmp_path, data)).text


def test_metadata_that_fails_its_check_gives_way_to_the_next_source(tmp_path):
    head = ('<meta property="og:site_name" content="Velm Courier">'
            '<meta property="og:title" content="Power line talks go better than expected">'
            '<meta name="author" content="Username">'
            '<meta name="DC.creator" content="Velm Courier">'
            '<meta property="article:author" content="Hedda Saar">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2999-01-01",'
            ' "author": {"@type": "Organization", "name": "Courier Staff"}}</script>'
            '<meta property="article:published_time" content="2019-11-05T08:00:00+01:00">')
    doc = read_document(write(tmp_path, page(head=head)))
    assert (doc.title, doc.authors, doc.publisher, doc.date) == (
        "Power line talks go better than expected", ("Hedda Saar",), "Velm Courier", "2019-11-05")
    assert doc.origins["authors"] == doc.origins["date"] == "opengraph"


def test_dublin_core_and_plain_meta_tags(tmp_path):
    head = ('<meta name="DC.title" content="Velm talks resume">'
            '<meta name="DC.publisher" content="Velm Courier">'
            '<meta name="author" content="Hedda Saar, Piet Oren">'
            '<meta name="publish-date" content="2018-06-30">')
    doc = read_document(write(tmp_path, page(head=head)))
    assert (doc.title, doc.authors, doc.publisher, doc.date) == (
        "Velm talks resume", ("Hedda Saar", "Piet Oren"), "Velm Courier", "2018-06-30")
    assert doc.origins == {"title": "dublin core", "publisher": "dublin core", "authors": "meta author",
                           "date": "meta publish-date", "text": "trafilatura"}


def test_the_byline_on_the_page_when_the_meta_tags_name_no_person(tmp_path):
    head = '<meta name="author" content="Velm Courier Staff">'
    body = ('<div class="article-byline">By <a rel="author" href="/hedda">Hedda Saar</a> and Piet Oren'
            '</div>' + PROSE +
            '<div class="comments"><span class="byline">Troll Account</span></div>')
    doc = read_document(write(tmp_path, page(body, head=head)))
    assert (doc.authors, doc.origins["authors"]) == (("Hedda Saar", "Piet Oren"), "byline")


def test_the_title_element_without_its_site_suffix_is_the_last_resort(tmp_path):
    head = '<title>Velm talks resume | Velm Courier</title><meta property="og:site_name" content="Velm Courier">'
    doc = read_document(write(tmp_path, page(head=head)))
    assert doc.title == "Velm talks resume"


ARTICLE_BODY = ("The energy ministers of Norland and Sudmark met on Tuesday in Velm and agreed to build a shared "
                "power line across the river valley, the first joint project of the two grids in a decade.\n\n"
                + "Both said the talks had gone better than expected. " * 10
                + "\n\nEngineers from the two grids will meet again in March to agree on a route for the line.")
CAPTION = ("<p>The ministers shake hands in the old town hall of Velm on Tuesday after the first round of talks on "
           "the power line, watched by officials of both grids and a crowd of reporters who had waited outside "
           "since the early morning for the two delegations to arrive.</p>")


def test_a_json_ld_article_body_much_longer_than_the_extracted_text_replaces_it(tmp_path):
    ld = f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "articleBody": ARTICLE_BODY})}</script>'
    doc = read_document(write(tmp_path, page(CAPTION, head=ld)))
    assert doc.text == ("The energy ministers of Norland and Sudmark met on Tuesday in Velm and agreed to build a shared "
                        "power line across the river valley, the first joint project of the two grids in a decade.\n"
                        + ("Both said the talks had gone better than expected. " * 10).strip() + "\n"
                        "Engineers from the two grids will meet again in March to agree on a route for the line.")
    assert doc.origins["text"] == "json-ld articleBody"


def test_an_article_body_no_longer_than_the_text_leaves_it(tmp_path):
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "Short summary."}</script>'
    doc = read_document(write(tmp_path, page(head=ld)))
    assert doc.origins["text"] == "trafilatura" and doc.text.startswith("The energy ministers")


def test_html_is_recognised_by_its_content_whatever_the_extension(tmp_path):
    path = write(tmp_path, page(head="<title>Velm talks resume</title>"), name="saved.txt")
    assert format_of(path.read_bytes(), path.name) == "html"
    assert read_document(path).title == "Velm talks resume"


def test_a_page_with_no_article_is_refused_with_a_reason(tmp_path):
    with pytest.raises(UnreadableDocument, match="no article found in the HTML"):
        read_document(write(tmp_path, "<html><head><title>x</title></head><body></body></html>"))


def test_the_graph_records_which_reader_made_the_text(ontology):
    from kg.model import Extraction
    from kg.rdf import GraphWriter
    from kg.vocab import WS

    doc = read_document(DATA / "full_metadata.html")
    quads = GraphWriter(ontology).quads(Extraction(doc))
    assert [q.object.value for q in quads if q.predicate.value == str(WS.reader)] == [doc.reader]


def test_a_live_blog_is_skipped_with_a_reason(tmp_path):
    entries = "".join(f"<p>{hour}:{minute:02d} The delegations of Norland and Sudmark returned to the hall in Velm "
                      "for another round of talks on the power line.</p>"
                      for hour, minute in ((9, 5), (9, 40), (10, 15), (11, 0), (11, 45), (12, 30)))
    with pytest.raises(UnreadableDocument, match=r"^a live blog \(6 time-stamped entries\), not an article$"):
        read_document(write(tmp_path, page(entries)))
    typed = '<script type="application/ld+json">{"@type": "LiveBlogPosting", "headline": "Velm talks live"}</script>'
    with pytest.raises(UnreadableDocument, match=r"^a live blog \(schema.org LiveBlogPosting\), not an article$"):
        read_document(write(tmp_path, page(head=typed)))


def test_an_index_page_is_skipped_with_a_reason(tmp_path):
    items = "".join(f'<div class="teaser"><h2><a href="/story-{n}">Norland and Sudmark trade blame as the power line '
                    f'talks stall for the {n}th time in Velm</a></h2><p>Story {n} of the day, in brief.</p></div>'
                    for n in range(4, 20))
    with pytest.raises(UnreadableDocument, match=r"^an index page \(16 of 16 items short, \d+% of its text in links\)"):
        read_document(write(tmp_path, f"<html><body><main>{items}</main></body></html>"))


def test_an_article_with_short_paragraphs_and_a_few_links_is_not_an_index_page(tmp_path):
    paragraphs = "".join(f"<p>Point {n}: the line would cross the river at Velm, she said.</p>" for n in range(16))
    assert read_document(write(tmp_path, page(paragraphs + '<p>See the <a href="/map">map</a>.</p>'))).text.startswith(
        "Point 0: the line")


@pytest.mark.parametrize("name", ["full_metadata.html", "article-extraction-benchmark"])
def test_trafilatura_s_metadata_leaves_the_page_s_tree_as_it_was(name):
    """The body is cut from the tree the metadata was read from, with no copy made for
    trafilatura's metadata: were it to change the tree, it would change the text."""
    import gzip

    from lxml import etree
    from trafilatura.metadata import extract_metadata

    from kg import boilerplate
    from kg.readers import html

    if name == "full_metadata.html":
        data = (DATA / name).read_bytes()
    else:           # a page with JSON-LD, OpenGraph, a byline and comments
        data = gzip.decompress(next((DATA.parent / name / "html").glob("042bb7b5feda*.html.gz")).read_bytes())
    tree = boilerplate.parse_html(html.decode(data)[0])
    before = etree.tostring(tree)
    assert extract_metadata(tree).title
    assert etree.tostring(tree) == before
