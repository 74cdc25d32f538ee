"""Entity pages as Wikidata's: the most specific types once, as labels; statements newest first;
what links here; a topic's statements, narrower topics' included; a document's Markdown rendered
with every statement marked and a list of who said what; and the renderer on its own."""
import re

import pytest

from server import create_app
from server.markup import marked_markdown

DOCUMENT = "/id/document/001_eee35c6c9a9bc775.txt"


@pytest.fixture(scope="module")
def client(seed_location):
    return create_app({"STORE": seed_location, "BASE_IRI": "http://127.0.0.1:8000/"}).test_client()


def html(client, path: str) -> str:
    r = client.get(path, headers={"Accept": "text/html"})
    assert (r.status_code, r.mimetype) == (200, "text/html")
    return r.get_data(as_text=True)


def section(page: str, heading: str) -> str:
    return page.split(f"<h2>{heading}</h2>", 1)[1].split("<h2>", 1)[0]


def cells(table: str, column: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(rf'<td data-label="{column}"[^>]*>(.*?)</td>', table, re.S)]


def test_an_actor_has_its_most_specific_type_once_as_a_label(client):
    page = html(client, "/id/sergey-lavrov")
    types = re.findall(r"<tr><th>type</th>\s*<td>(.*?)</td></tr>", page, re.S)
    assert len(types) == 1 and re.sub(r"<[^>]+>", "", types[0]) == "person"
    assert ">Agent<" not in page and "NamedIndividual" not in page


def test_statements_are_newest_first_and_link_to_their_pages(client):
    table = section(html(client, "/id/sergey-lavrov"), "Statements, newest first")
    dates = cells(table, "date")
    assert len(dates) == 3 and dates == sorted(dates, reverse=True)
    assert table.count('href="/id/statement/') == 3


def test_what_links_here_groups_the_links_by_property_with_names(client):
    links = section(html(client, "/id/sergey-lavrov"), "What links here")
    rows = dict(re.findall(r"<tr><th>(.*?)</th>\s*<td>(.*?)</td></tr>", links, re.S))
    assert '<a href="/id/document/001_eee35c6c9a9bc775.txt"' in rows["mentions"]
    assert ">Holding the Reset Hostage</a>" in rows["mentions"]
    assert ">Sergey Lavrov — opposes — sanctions against Iran</a>" in rows["holder"]     # a position, named
    assert "http" not in re.sub(r"<[^>]+>", "", links)


def test_a_topic_page_lists_who_said_what_on_it_and_on_narrower_topics(client):
    table = section(html(client, "/id/missile-defense-in-europe"), "Who said what on it, newest first")
    assert "Sergey Lavrov" in cells(table, "speaker") and set(cells(table, "topic")) == {"missile defense in Europe"}
    broader = section(html(client, "/id/missile-defense"), "Who said what on it, newest first")
    assert "missile defense in Europe" in cells(broader, "topic")


def test_a_document_page_renders_its_markdown_and_marks_every_statement(client):
    page = html(client, DOCUMENT)
    text = page.split('<div class="doc">', 1)[1].split("</div>", 1)[0]
    assert "<h3>Holding the Reset Hostage</h3>" in text and "<strong>The  Moscow Times</strong>" in text
    assert "**" not in text and "](#)" not in text and "<p>By Alejandro Sueldo</p>" in text
    listed = re.findall(r'href="(/id/statement/[^"]+)"', section(page, "Who said what in it, in the order of the text"))
    marked = re.findall(r'<mark title="[^"]+"><a href="(/id/statement/[^"]+)"', text)
    assert len(set(listed)) == 6 and set(marked) == set(listed)
    assert page.count("<h1>") == 1
    assert ('<a class="external" rel="nofollow noopener" href="https://www.themoscowtimes.com/2011/07/18/'
            'holding-the-reset-hostage-a8332">www.themoscowtimes.com/2011/07/18/holding-the-reset-hostage-a8332</a>') in page


def test_a_statement_page_is_titled_by_who_said_what_on_what(client):
    page = html(client, "/id/statement/000_7e2b9972726f95d0-txt-957fa235dc70")
    assert "<h1>Sergey Lavrov — opposes — sanctions against Iran</h1>" in page


def test_a_country_links_to_wikidata_and_its_turtle_states_it(client):
    page = html(client, "/id/russia")
    assert '<a class="external" href="http://www.wikidata.org/entity/Q159"' in page
    turtle = client.get("/id/russia", headers={"Accept": "text/turtle"}).get_data(as_text=True)
    assert "owl:sameAs wd:Q159" in turtle


# ---------------------------------------------------------------- the renderer

def mark(text: str, *words: str) -> str:
    spans = [(text.index(w), text.index(w) + len(w), f"/s/{i}", f"said {i}") for i, w in enumerate(words)]
    return str(marked_markdown(text, spans))


def test_a_mark_across_emphasis_and_lines_stays_well_nested():
    out = mark("He said **the treaty was dead** and\nmore here.", "treaty was dead** and\nmore")
    assert out == ('<p>He said <strong>the <mark title="said 0"><a href="/s/0">treaty was dead</a></mark></strong>'
                   '<mark title="said 0"><a href="/s/0"> and</a></mark>\n'
                   '<mark title="said 0"><a href="/s/0">more</a></mark> here.</p>\n')


def test_raw_html_is_escaped_images_are_not_fetched_and_only_outside_links_kept():
    out = mark("<script>x()</script> ![map](http://elsewhere.example/a.png) [here](#) "
               "[there](https://example.org/t) [js](javascript:alert(1))", "there")
    assert out == ('<p>&lt;script&gt;x()&lt;/script&gt; !<a class="external" rel="nofollow noopener" '
                   'href="http://elsewhere.example/a.png">map</a> here <a class="external" rel="nofollow noopener" '
                   'href="https://example.org/t"><mark title="said 0">there</mark></a> [js](javascript:alert(1))</p>\n')


def test_the_texts_own_private_use_characters_are_not_taken_for_marks():
    text = "A \ue000\ue100 odd sign, then the quote."
    assert mark(text, "the quote") == ('<p>A \ufffd\ufffd odd sign, then <mark title="said 0"><a href="/s/0">'
                                       'the quote</a></mark>.</p>\n')


def test_a_mark_in_code_and_a_heading_below_the_pages_own():
    out = mark("# Title\n\n    code here\n", "code")
    assert out == '<h3>Title</h3>\n<pre><code><mark title="said 0"><a href="/s/0">code</a></mark> here\n</code></pre>\n'


def test_the_server_leaves_the_root_logger_as_it_was():
    """pyLODE turns on debug logging when imported; kept off, a document page writes no log line
    per line of its text to the server's stderr (a full pipe there stops the server)."""
    import subprocess
    import sys
    probe = ("import logging, server; root = logging.getLogger(); "
             "assert (root.level, root.handlers) == (logging.WARNING, []), (root.level, root.handlers)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_actor_page_sums_up_its_stances_by_topic(client):
    taken = section(html(client, "/id/russia"), "Stances taken")
    topics = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>', taken)
    assert topics[:3] == [("/id/missile-defense-in-europe", "missile defense in Europe"),   # 2 each, by name
                          ("/id/topic/strategic-status-quo", "strategic status quo"),
                          ("/id/us-russia-reset", "US–Russia reset")]
    rows = re.findall(r'<tr><th scope="row">.*?</tr>', taken, re.S)
    assert re.sub(r"<[^>]+>", "", rows[0].split('class="stance-counts">')[1]).split() == ["demands", "1", "·", "opposes", "1"]
    assert 'style="width: 100.0%"' in rows[0] and 'style="width: 50.0%"' in rows[-1]
    assert re.findall(r'<span class="stance-(\w+)" style="flex: (\d+)"', rows[0]) == [("demands", "1"), ("opposes", "1")]


def test_an_actor_page_says_who_agrees_and_who_disagrees(client):
    table = section(html(client, "/id/sergey-lavrov"), "Who agrees, who disagrees")
    got = list(zip(cells(table, "topic"), cells(table, "stance"), cells(table, "agrees"), cells(table, "disagrees")))
    assert ("sanctions against Iran", "opposes", "", "United States Government supports") in got
    assert all("Sergey Lavrov" not in agrees + disagrees for _, _, agrees, disagrees in got)
    russia = section(html(client, "/id/russia"), "Who agrees, who disagrees")
    reset = [row for row in zip(cells(russia, "topic"), cells(russia, "stance"), cells(russia, "disagrees"))
             if row[0] == "US–Russia reset"]
    # Russia rejects the reset as Putin and Medvedev demand it; its claim beside Putin's link is no disagreement
    assert reset == [("US–Russia reset", "rejects", "Dmitry Medvedev demands · Vladimir Putin demands")]
    assert "Russian Government" not in re.sub(r"<[^>]+>", "", russia)   # its own government is itself


def test_a_topic_page_has_no_summary_of_stances(client):
    page = html(client, "/id/missile-defense-in-europe")
    assert "<h2>Stances taken</h2>" not in page and "<h2>Who agrees, who disagrees</h2>" not in page


def test_evidence_linking_to_a_document_is_named_by_what_it_is_evidence_of(client):
    links = section(html(client, DOCUMENT), "What links here")
    rows = dict(re.findall(r"<tr><th>(.*?)</th>\s*<td>(.*?)</td></tr>", links, re.S))
    assert "hasSource" not in rows and "wasDerivedFrom" not in rows           # labels, else the name as words
    names = [re.sub(r"<[^>]+>", "", a) for a in re.findall(r"<a [^>]*>(.*?)</a>", rows["has source"])]
    assert names and all(name.startswith("evidence of ") for name in names)
    assert "evidence of Russian Government — claims — nuclear arsenal and historic ties with Iran" in names
    assert "evidence of Decide — United States Government" in names        # an event's
    derived = [re.sub(r"<[^>]+>", "", a) for a in re.findall(r"<a [^>]*>(.*?)</a>", rows["was derived from"])]
    assert not [name for name in derived if name.startswith("evidence")]


def test_a_property_without_a_label_reads_as_words():
    from server.entity_page import property_name
    assert property_name("http://www.w3.org/ns/oa#hasSource") == "has source"
    assert property_name("http://www.w3.org/2002/07/owl#sameAs") == "same as"
    assert property_name("https://w3id.org/whosaid/ontology#government") == "government"


def test_a_link_the_inference_graph_restates_by_a_broader_property_shows_once(client):
    """ws:speaker and ws:holder are prov:wasAttributedTo: the page shows the narrower link only."""
    headings = lambda table: re.findall(r"<tr><th>(.*?)</th>", table)   # noqa: E731
    links = headings(section(html(client, "/id/sergey-lavrov"), "What links here"))
    assert "speaker" in links and "holder" in links and "was attributed to" not in links
    page = html(client, "/id/sergey-lavrov")
    statement = re.search(r'href="(/id/statement/[^"#]+)"', section(page, "Statements, newest first")).group(1)
    described = headings(section(html(client, statement), "Description"))
    assert "speaker" in described and "was derived from" in described and "was attributed to" not in described
