from pathlib import Path

import pytest

from kg.documents import MAX_BYTES, UnreadableDocument, read_corpus, read_document

ARTICLE = """# Talks stall again

By Jane Example and John Sample

March 3, 2015

The foreign minister said the talks had stalled.

More from Example Weekly

Another headline that is not part of the article.

Original url: <https://example.org/2015/03/03/talks-stall>
"""


def write(tmp_path: Path, name: str, content) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_metadata_is_detected(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", ARTICLE))
    assert doc.title == "Talks stall again"
    assert doc.authors == ("Jane Example", "John Sample")
    assert doc.date == "2015-03-03"
    assert doc.url == "https://example.org/2015/03/03/talks-stall"


def test_furniture_is_masked_and_offsets_are_kept(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", ARTICLE))
    assert len(doc.body) == len(doc.text)
    start = doc.text.index("The foreign minister")
    assert doc.body[start:start + 20] == "The foreign minister"
    assert "Another headline" not in doc.body and "More from" not in doc.body
    assert "By Jane" not in doc.body and "Original url" not in doc.body


def test_repeated_paragraphs_are_masked_once(tmp_path):
    text = "Title\n\nMoscow wants a new deal on arms control talks this year.\n\nMoscow wants a new deal on arms control talks this year.\n"
    doc = read_document(write(tmp_path, "a.txt", text))
    assert doc.body.count("Moscow wants") == 1


def test_markdown_markup_is_blanked_in_place(tmp_path):
    doc = read_document(write(tmp_path, "a.md", "Title\n\nBy [Ann Author](#)\n\n**Bold** text here.\n"))
    assert len(doc.body) == len(doc.text)
    assert "**" not in doc.body and "Bold" in doc.body


def test_sidecar_overrides_metadata(tmp_path):
    write(tmp_path, "a.meta.yaml", "title: Real title\npublisher: Example Weekly\ndate: 2016-11\n")
    doc = read_document(write(tmp_path, "a.txt", ARTICLE))
    assert (doc.title, doc.publisher, doc.date) == ("Real title", "Example Weekly", "2016-11")


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", "  \n", "empty"),
    ("binary.txt", b"\x00\x01\x02abc", "binary"),
    ("noise.txt", bytes(range(128, 256)) * 3, "not text: neither UTF-8 nor an encoding charset-normalizer recognises"),
    ("bom.txt", b"\xff\xfe" + "Talks".encode("utf-16-le") + b"\x00\xd8", "not utf-16-le text despite its byte-order mark"),
])
def test_bad_input_is_reported_and_skipped(tmp_path, name, content, reason):
    write(tmp_path, name, content)
    write(tmp_path, "good.txt", ARTICLE)
    docs, skipped = read_corpus(tmp_path)
    assert [d.source for d in docs] == ["good.txt"]
    assert len(skipped) == 1 and skipped[0][0] == name and reason in skipped[0][1]


def test_enormous_file_is_skipped(tmp_path):
    write(tmp_path, "huge.txt", b"a" * (MAX_BYTES + 1))
    with pytest.raises(UnreadableDocument, match="too large"):
        read_document(tmp_path / "huge.txt")


def test_html_article_is_extracted(tmp_path):
    html = ("<html><head><title>Talks stall</title></head><body><nav>Home | World | Subscribe</nav>"
            "<article><h1>Talks stall</h1><p>The foreign minister said on Monday that the talks had stalled "
            "because neither side would move on missile defense.</p><p>Washington rejected the proposal, "
            "officials said, and Moscow warned of consequences for arms control.</p></article>"
            "<footer>Copyright Example Weekly</footer></body></html>")
    doc = read_document(write(tmp_path, "a.html", html))
    assert "Washington rejected the proposal" in doc.text
    assert "Subscribe" not in doc.text


def test_publisher_named_on_its_own_line_or_in_a_trailer(tmp_path, pipeline):
    head = read_document(write(tmp_path, "a.txt", "Title\n\n**The  Moscow Times**\n\nWashington welcomed it.\n"))
    trailer = read_document(write(tmp_path, "b.txt", "Title\n\nWashington welcomed it.\n\nMore from Foreign Policy\n"))
    plain = read_document(write(tmp_path, "c.txt", "Title\n\nWashington welcomed it.\n"))
    assert pipeline.publisher(head).label == "The Moscow Times"
    assert pipeline.publisher(trailer).label == "Foreign Policy"
    assert pipeline.publisher(plain) is None


def test_a_dateline_is_blanked_in_place(tmp_path):
    from kg.documents import read_document
    path = tmp_path / "a.txt"
    path.write_text("Talks stall\n\nVIENNA (Reuters) - The agency said on Wednesday that talks stalled.\n\n"
                    "Later paragraph.\n\nAnother one.\n\nWASHINGTON - not a dateline here.\n")
    doc = read_document(path)
    assert len(doc.body) == len(doc.text)
    assert "VIENNA" not in doc.body and "The agency said on Wednesday" in doc.body
    assert "WASHINGTON - not a dateline" in doc.body       # only the opening paragraphs carry one


@pytest.mark.parametrize("opening, date", [
    ("BEIJING, June 12, 2023 — China's foreign ministry said on Monday ...", "2023-06-12"),
    ("Brussels, 15 December 2023", "2023-12-15"),
    ("Washington, D.C., May 3, 2011", "2011-05-03"),
    ("December 2010", "2010-12"),
    ("In Moscow, June 5, 2010, the weather was hot.", None),
])
def test_the_date_of_a_dateline_or_a_place_and_date_line(tmp_path, opening, date):
    from kg.documents import read_document
    path = tmp_path / "a.txt"
    path.write_text(f"A title\n\n{opening}\n\nThe ministry said the talks would go on.\n")
    assert read_document(path).date == date


SPANISH = ("El ministro de Asuntos Exteriores dijo el viernes pasado que el uso de las armas nucleares sería "
           "inaceptable para su gobierno y pidió a las dos partes que volvieran a la mesa de negociación antes "
           "del final del mes, según un comunicado publicado por la cancillería en la capital.\n")


def test_a_text_not_in_english_is_skipped_with_its_language(tmp_path):
    write(tmp_path, "es.txt", SPANISH)
    write(tmp_path, "good.txt", ARTICLE)
    docs, skipped = read_corpus(tmp_path)
    assert [d.source for d in docs] == ["good.txt"]
    assert len(skipped) == 1 and skipped[0][0] == "es.txt"
    assert skipped[0][1].startswith("not in English (detected es, p=")


def test_the_language_is_judged_on_the_opening_words():
    from kg.readers import language
    english = "The foreign minister said the talks would resume next week in Geneva. " * 100    # 1,200 words
    assert language.detect(english + SPANISH * 20)[0] == "en"
    assert language.detect(SPANISH * 20 + english)[0] == "es"


def test_a_text_too_short_to_judge_is_read_without_a_language(tmp_path):
    assert read_document(write(tmp_path, "a.txt", "Title\n\nWashington welcomed it.\n")).language is None


def test_a_browser_s_complete_save_is_one_document(tmp_path):
    page = ("<html><head><title>Talks</title></head><body><article><p>The foreign minister said on Monday that the "
            "talks had stalled because neither side would move on missile defense.</p></article></body></html>")
    write(tmp_path, "talks.html", page)
    (tmp_path / "talks_files").mkdir()
    write(tmp_path / "talks_files", "frame.html", page)
    (tmp_path / "other_files").mkdir()
    write(tmp_path / "other_files", "kept.html", page)      # no other.html beside it: an article of its own
    docs, skipped = read_corpus(tmp_path)
    assert sorted(d.source for d in docs) == ["other_files/kept.html", "talks.html"] and skipped == []


def test_the_report_of_a_document_says_where_each_field_came_from(tmp_path):
    write(tmp_path, "a.meta.yaml", "publisher: Example Weekly\n")
    doc = read_document(write(tmp_path, "a.txt", ARTICLE))
    assert doc.report() == {
        "source": "a.txt", "reader": "text 2", "language": None, "encoding": "utf-8",
        "text_from": None, "words": len(doc.body.split()),
        "fields": {"title": {"value": "Talks stall again", "from": "text"},
                   "authors": {"value": ["Jane Example", "John Sample"], "from": "text"},
                   "publisher": {"value": "Example Weekly", "from": "sidecar a.meta.yaml"},
                   "date": {"value": "2015-03-03", "from": "text"},
                   "url": {"value": "https://example.org/2015/03/03/talks-stall", "from": "text"}}}


@pytest.mark.parametrize("data, encoding, text", [
    (b"Talks\n\nThe minister\x92s caf\xe9 visit \x96 Karl Mertens said Berlin supports it.\n", "cp1252",
     "Talks\n\nThe minister\u2019s caf\u00e9 visit \u2013 Karl Mertens said Berlin supports it.\n"),
    # ISO-8859-1 is read as windows-1252, as browsers read it: the two agree on every letter
    (b"Talks\n\nLes n\xe9gociations: Karl Mertens said Berlin supports the caf\xe9 commission.\n", "cp1252",
     "Talks\n\nLes n\u00e9gociations: Karl Mertens said Berlin supports the caf\u00e9 commission.\n"),
    (b"\xff\xfeT\x00a\x00l\x00k\x00s\x00\n\x00\n\x00c\x00a\x00f\x00\xe9\x00,\x00 \x00K\x00M\x00 \x00s\x00a\x00i\x00d\x00.\x00"
     b"\n\x00", "utf-16-le", "Talks\n\ncaf\u00e9, KM said.\n"),
    (b"\xfe\xff\x00T\x00a\x00l\x00k\x00s\x00\n\x00\n\x00c\x00a\x00f\x00\xe9\x00,\x00 \x00K\x00M\x00 \x00s\x00a\x00i\x00d\x00."
     b"\x00\n", "utf-16-be", "Talks\n\ncaf\u00e9, KM said.\n"),
    (b"\xef\xbb\xbfTalks\n\ncaf\xc3\xa9 au lait, Karl Mertens said.\n", "utf-8", "Talks\n\ncaf\u00e9 au lait, Karl Mertens said.\n"),
    # valid UTF-8 stays UTF-8, though every byte of it is a windows-1252 character too ("caf\u00c3\u00a9")
    (b"Talks\n\ncaf\xc3\xa9 \xe2\x80\x93 the minister\xe2\x80\x99s visit, Karl Mertens said.\n", "utf-8",
     "Talks\n\ncaf\u00e9 \u2013 the minister\u2019s visit, Karl Mertens said.\n"),
])
def test_plain_text_in_a_legacy_encoding_is_decoded_and_the_encoding_recorded(tmp_path, data, encoding, text):
    doc = read_document(write(tmp_path, "a.txt", data))
    assert (doc.text, doc.encoding, doc.report()["encoding"]) == (text, encoding, encoding)


def test_a_cyrillic_legacy_file_is_read_in_its_encoding(tmp_path):
    text = "\u0412\u043e\u0439\u043d\u0430 \u0438 \u043c\u0438\u0440 \u2014 \u0440\u043e\u043c\u0430\u043d. " * 3
    doc = make_text(tmp_path, ("Talks\n\n" + text + "\n").encode("cp1251"))
    assert doc.encoding == "cp1251" and text in doc.text


def make_text(tmp_path, data):
    from kg.readers import text
    return text.read(data, "a.txt")
