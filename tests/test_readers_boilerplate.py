"""Boilerplate rules (kg/boilerplate.py) on pages and lines written for these tests, each with the
case it must leave alone."""
import pytest

from kg.boilerplate import DATELINE, clean_tree, line_rule, parse_html
from kg.documents import mask_furniture


def cleaned(body: str) -> list[str]:
    """The blocks of text left after the tree rules, one per paragraph or list item."""
    tree = parse_html(f"<html><body>{body}</body></html>")
    clean_tree(tree)
    return [" ".join(el.text_content().split()) for el in tree.iter("p", "li", "h2", "h3")
            if el.text_content().strip()]


def test_a_paragraph_that_is_wholly_a_link_goes_but_one_with_a_link_in_its_prose_stays():
    assert cleaned('<p><a href="/a">Minister resigns over port deal</a></p>'
                   '<p>The minister said in a <a href="/doc">letter</a> that she would resign.</p>'
                   '<p>» <a href="/b">Port deal explained</a></p>') == [
        "The minister said in a letter that she would resign."]


def test_a_linked_item_of_a_list_of_prose_stays():
    assert cleaned("<ul><li>The dam will open in May, the ministry said.</li>"
                   '<li><a href="/r">The panel\'s report</a></li>'
                   "<li>Farmers will be paid for flooded land under a scheme agreed last year.</li></ul>") == [
        "The dam will open in May, the ministry said.", "The panel's report",
        "Farmers will be paid for flooded land under a scheme agreed last year."]


@pytest.mark.parametrize("header", ["Related", "Read more", "SEE MORE", "DON'T MISS", "Also on Velm Courier",
                                    "More:", "More from the Courier", "Recommended for you", "Most read"])
def test_a_list_header_goes_with_the_link_list_after_it(header):
    assert cleaned(f"<p>The talks will resume in March, the ministry said.</p><h3>{header}</h3>"
                   '<ul><li><a href="/a">Minister warns of a water war</a></li>'
                   '<li><a href="/b">Dam opens despite protests</a> 3 hours ago</li></ul>'
                   "<p>Officials in Velm said the dam would open in May.</p>") == [
        "The talks will resume in March, the ministry said.", "Officials in Velm said the dam would open in May."]


def test_a_list_header_inside_its_own_wrapper_goes_with_the_list():
    assert cleaned('<div class="box"><div class="title"><strong>Related</strong></div>'
                   '<div><a href="/a">Minister warns of a water war</a></div></div>'
                   "<p>The talks will resume in March.</p>") == ["The talks will resume in March."]


def test_a_header_followed_by_prose_is_not_a_list_header():
    assert cleaned("<h2>More</h2><p>More than a thousand farmers marched on the capital on Sunday.</p>") == [
        "More", "More than a thousand farmers marched on the capital on Sunday."]


def test_a_promo_label_with_its_link_goes():
    assert cleaned('<p>Read: <a href="/a">Drought tightens its grip</a></p>'
                   '<p>[WATCH: <a href="/v">The dam from the air</a>]</p>'
                   '<p>Read the <a href="/r">full report</a> to see what the panel found.</p>') == [
        "Read the full report to see what the panel found."]


def test_a_label_with_a_colon_before_nothing_but_links_goes():
    assert cleaned('<p>The keyboard will reach the smaller model next year, the analyst said.</p>'
                   '<div><p>Related Roundup: <a href="/r">Velm Pro</a></p><p>Tag: <a href="/t">courier.example</a></p>'
                   '<p>Filed under: <a href="/a">Energy</a>, <a href="/b">Norland</a></p>'
                   '<p>Buyer\'s Guide: <a href="/g">Velm Pro (Buy Now)</a></p></div>'
                   '<p>Analyst Mira Holt: <a href="/k">the switch comes in 2020</a>, including every model.</p>'
                   '<p>Officials said three things: <a href="/x">the dam opens in May</a></p>') == [
        "The keyboard will reach the smaller model next year, the analyst said.",
        "Analyst Mira Holt: the switch comes in 2020, including every model.",
        "Officials said three things: the dam opens in May"]


def test_figures_go_with_their_captions_and_credits():
    assert cleaned('<figure><img src="a.jpg"><figcaption><p>The dam at dusk. Photo: Pell Arden</p></figcaption></figure>'
                   "<p>The dam opened in May.</p>") == ["The dam opened in May."]


@pytest.mark.parametrize("line, rule", [
    ("Posted: April 14, 2021 9:30 AM", "stamp"),
    ("Updated 10:32 AM ET, March 3, 2015", "stamp"),
    ("Published on Monday, March 3", "stamp"),
    ("Share this article", "share prompt"),
    ("Share: Facebook Twitter Email", "share prompt"),
    ("Like this story? Share it with a friend.", "share prompt"),
    ("Follow us on Twitter", "share prompt"),
    ("Continue reading the main story", "continue reading"),
    ("[Read: Drought tightens its grip on the valley]", "promo"),
    ("(Reporting by Pell Arden and Mira Holt; Editing by Tomas Vell)", "reporting credit"),
    ("Reporting by Pell Arden, Mira Holt, with additional reporting by Ilan Brody, editing by Tomas Vell.)",
     "reporting credit"),
    ("Reporting by the Courier showed the minister had been told, officials said.", None),
    ("Photo: Pell Arden/Reuters", "photo credit"),
    ("The minister arrives in Velm on Tuesday. (AP Photo/Pell Arden)", "photo credit"),
    ("Farmers march in the capital, Sunday. Pell Arden/AFP via Getty Images", "photo credit"),
    ("Updated figures from 2020 show the deficit grew by a third.", None),
    ("Share prices fell sharply on Monday, the ministry said.", None),
    ("Published in 1990, the report still shapes the talks, she said.", None),
    ("Read the full statement, the spokesman told reporters.", None),
    ("He asked the farmers to follow us on the long road to a deal.", None),
])
def test_line_rules_and_the_prose_they_leave_alone(line, rule):
    assert line_rule(line) == rule


@pytest.mark.parametrize("line, rest", [
    ("HANOI, Vietnam (AP) — The talks resumed.", "The talks resumed."),
    ("VIENNA (Reuters) - The agency said so.", "The agency said so."),
    ("BEIJING, June 12, 2023 — The ministry said so.", "The ministry said so."),
    ("DES MOINES, Iowa, Aug. 10 (UPI) — She said so.", "She said so."),
    ("Hanoi is far from Vienna - and the talks are farther still.", None),
])
def test_datelines_with_a_place_a_country_and_an_agency(line, rest):
    match = DATELINE.match(line)
    assert (line[match.end():] if match else None) == rest


def test_furniture_lines_are_masked_in_place_and_prose_is_kept():
    text = ("Talks resume\nPosted: April 14, 2021\nHANOI, Vietnam (AP) — The talks resumed on Monday.\n"
            "Share prices fell sharply on Monday, the ministry said.\nContinue reading the main story\n")
    body = mask_furniture(text)
    assert len(body) == len(text)
    assert [line.strip() for line in body.splitlines() if line.strip()] == [
        "Talks resume", "The talks resumed on Monday.", "Share prices fell sharply on Monday, the ministry said."]
