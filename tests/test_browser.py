"""The web UI in a real browser: Debian's Chromium driven by Playwright (no browser download)."""
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed (make browser)")

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(browser, live_server):
    page = browser.new_page()
    requests_made = []
    page.on("request", lambda r: requests_made.append(r.url))
    page.goto(live_server + "/")
    page.requests_made = requests_made
    yield page
    page.close()


def test_lavrov_positions_in_the_page(page):
    form = page.locator('form.canned[data-name="positions-of-actor"]')
    form.locator('input[name="actor"]').fill("Lavrov")
    form.locator("button").click()
    results = page.locator("#results table")
    results.wait_for()
    text = results.inner_text()
    assert "Sergey Lavrov" in text
    assert "sanctions against Iran" in text and "Russia's WTO membership" in text and "missile defense in Europe" in text
    assert page.locator("#results p").inner_text() == "3 rows"


def test_search_box_finds_a_topic(page):
    page.fill("#search-text", "missile defense")
    page.click("#search button")
    page.wait_for_function("document.querySelector('#results p') && "
                           "document.querySelector('#results p').textContent.endsWith('rows') && "
                           "document.querySelector('#results table').innerText.includes('stanceName')")
    assert "Sergey Lavrov" in page.locator("#results table").inner_text()


def test_a_search_that_finds_no_statement_offers_the_pages_it_may_mean(page):
    page.fill("#search-text", "Sergey")
    page.click("#search button")
    page.locator("#results p.nothing").wait_for()
    assert page.locator("#results p.nothing").inner_text().startswith("No statement by or on “Sergey”. Perhaps: ")
    assert page.locator("#results p.nothing a", has_text="Sergey Lavrov").get_attribute("href") == "/id/sergey-lavrov"
    assert page.locator("#results table").count() == 0


def test_search_suggests_as_one_types_and_goes_to_the_page(browser, live_server):
    from playwright.sync_api import expect
    page = browser.new_page()
    page.goto(live_server + "/")
    page.locator("#search-text").press_sequentially("lavr", delay=30)
    actors = page.locator('#suggestions [role=group][aria-labelledby="suggest-actor"]')
    # answers to "l", "la", "lav" may show first: wait for the one to "lavr"
    expect(actors.locator("[role=option]").first).to_contain_text("Sergey Lavrov")
    assert actors.locator(".suggest-kind").inner_text() == "Actors"
    assert actors.locator("[role=option]").first.inner_text().startswith("Sergey Lavrov")
    page.locator("#search-text").fill("")
    page.locator("#search-text").press_sequentially("iran", delay=30)
    page.locator('#suggestions [aria-labelledby="suggest-topic"] [role=option]').first.wait_for()
    kinds = page.locator("#suggestions .suggest-kind").all_inner_texts()
    assert kinds == ["Actors", "Topics"]
    page.locator("#search-text").fill("")
    page.locator("#search-text").press_sequentially("lavr", delay=30)
    page.locator("#suggestions [role=option]", has_text="Sergey Lavrov").click()
    page.wait_for_url(live_server + "/id/sergey-lavrov")
    assert page.locator("h1").inner_text() == "Sergey Lavrov"
    page.go_back()
    page.locator("#search-text").fill("")
    page.locator("#search-text").press_sequentially("kreml", delay=30)
    expect(page.locator("#suggestions [role=option]").first).to_contain_text("Russian Government")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server + "/id/russian-government")
    page.close()


def test_network_timeline_and_editor_render_without_any_outside_request(page, live_server):
    page.locator("#network canvas").wait_for()
    page.locator("#timeline .vis-item").first.wait_for()
    page.locator("#yasgui .CodeMirror").wait_for()
    outside = [u for u in page.requests_made if not u.startswith(live_server) and not u.startswith("data:")]
    assert outside == []


NO_OVERFLOW = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
RAW_IRIS = ("[...document.querySelectorAll('td, th, h1, h2, h3')]"
            ".map(e => e.innerText).filter(t => t.includes('http'))")
# The links to this server's pages (not to Wikidata, nor an article's own links: no network here).
HTML_LINKS = ("[...new Set([...document.querySelectorAll('a[href]')].filter(a => !a.type && a.origin === location.origin)"
              ".map(a => a.href.split('#')[0]))]")


@pytest.mark.parametrize("width", [1400, 390])
def test_pages_fit_show_labels_and_link_only_to_pages(browser, live_server, width):
    """At a desktop and a phone width: the home page opens at its top, canned results show labels
    linking to entity pages with the stance as a badge and scroll into view, and the actor page
    fits too; every link without a declared non-HTML type answers 200 with HTML."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(live_server + "/")
    page.locator("#yasgui .CodeMirror").wait_for()
    assert page.evaluate("window.scrollY") == 0
    form = page.locator('form.canned[data-name="positions-of-actor"]')
    form.locator('input[name="actor"]').fill("Lavrov")
    form.locator("button").click()
    page.locator("#results table").wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelector('#results').getBoundingClientRect().top") < 900
    assert page.evaluate(RAW_IRIS) == []
    speakers = page.locator("#results td.col-speaker a")
    assert speakers.first.inner_text() == "Sergey Lavrov"
    assert speakers.first.get_attribute("href") == "/id/sergey-lavrov"
    assert sorted(page.locator("#results a.badge").all_inner_texts()) == ["opposes", "opposes", "supports"]
    assert page.locator("#results th").all_inner_texts() == [
        "actor", "speaker", "stance", "topic", "quote", "date", "source", "statement", "confidence"]
    assert page.evaluate(NO_OVERFLOW), page.evaluate("document.documentElement.scrollWidth")
    page.goto(live_server + "/id/sergey-lavrov")
    assert page.locator("h1").inner_text() == "Sergey Lavrov"
    assert page.evaluate(NO_OVERFLOW), page.evaluate("document.documentElement.scrollWidth")
    assert page.evaluate(RAW_IRIS) == []
    links = page.evaluate(HTML_LINKS)
    assert len(links) >= 15
    for url in links:
        answer = page.request.get(url, headers={"Accept": "text/html"})
        assert (url, answer.status, answer.headers["content-type"].split(";")[0]) == (url, 200, "text/html")
    page.close()


def test_canned_queries_list_links_to_their_pages(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/queries")
    links = page.locator("table a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert "/queries/positions-of-actor" in links and len(links) >= 10
    page.locator('table a[href="/queries/positions-of-actor"]').click()
    page.locator("#results table").wait_for()
    assert page.locator("h1").inner_text() == "positions-of-actor"
    assert page.locator('#params input[name="actor"]').input_value() == "Lavrov"      # the example, run
    assert page.locator("#results .count").inner_text() == "3 rows"
    assert "SELECT" in page.locator("pre.sparql").inner_text()
    page.close()


def canned_query_names():
    from kg.queries import catalogue
    return sorted(catalogue())


@pytest.mark.parametrize("width", [1400, 390])
def test_canned_query_pages_fit_show_labels_and_link_only_to_pages(browser, live_server, width):
    """Each canned query's page, with its examples: results drawn, no horizontal overflow, no raw
    IRI in a cell or heading, every HTML link answering 200 with HTML."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server}/queries")
    assert page.evaluate(NO_OVERFLOW) and page.evaluate(RAW_IRIS) == []
    checked = set()
    for name in canned_query_names():
        page.goto(f"{live_server}/queries/{name}")
        page.locator("#results .count, #results .error").first.wait_for()
        assert page.locator("#results .error").count() == 0, (name, page.locator("#results").inner_text())
        assert page.evaluate(NO_OVERFLOW), (name, page.evaluate("document.documentElement.scrollWidth"))
        assert page.evaluate(RAW_IRIS) == [], name
        for url in set(page.evaluate(HTML_LINKS)) - checked:
            answer = page.request.get(url, headers={"Accept": "text/html"})
            assert (url, answer.status, answer.headers["content-type"].split(";")[0]) == (url, 200, "text/html")
            checked.add(url)
    page.close()


def test_open_in_the_editor_carries_the_query_as_it_ran(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/queries/positions-of-actor?actor=Lavrov")
    page.locator("#open-in-editor").click()
    page.locator(ACTIVE_EDITOR).wait_for()
    text = page.evaluate(f"document.querySelector('{ACTIVE_EDITOR}').CodeMirror.getValue()")
    assert "<https://w3id.org/whosaid/id/sergey-lavrov>" in text and text.startswith("PREFIX")
    assert page.locator("#yasgui .tab").all_inner_texts() == ["Query\n✖", "Linked query\n✖"]   # the first tab kept
    assert page.evaluate("window.scrollY") > 0                  # the editor is in view, not the page's top
    page.close()


ACTIVE_EDITOR = "#yasgui .tabPanel.active .CodeMirror"
ACTIVE_RESULTS = "#yasgui .tabPanel.active .yasr"


def choose_example(page, name: str) -> None:
    """Open a canned query from the editor's list, and wait for its tab (the texts are fetched)."""
    page.select_option("#examples", name)
    page.wait_for_function("name => document.querySelector('#yasgui .tab.active').innerText.split('\\n')[0] === name",
                           arg=name)


def test_the_editor_completes_from_the_ontology_and_keeps_its_tabs(browser, live_server):
    """Prefixes, classes and properties complete from this server (no prefix.cc, no LOV); a
    prefixed name declares its prefix; the canned queries open as tabs, which a reload keeps,
    and the oldest closes past twelve."""
    page = browser.new_page()
    requests_made = []
    page.on("request", lambda r: requests_made.append(r.url))
    page.goto(live_server + "/")
    page.locator(ACTIVE_EDITOR).wait_for()
    editor = f"document.querySelector('{ACTIVE_EDITOR}').CodeMirror"
    hints = page.locator(".CodeMirror-hints li")

    page.evaluate(editor + ".setValue('')")
    page.locator(ACTIVE_EDITOR).click()
    page.keyboard.type("PREFIX ws", delay=30)
    hints.first.wait_for()
    assert hints.all_inner_texts() == ["ws: <https://w3id.org/whosaid/ontology#>"]
    page.keyboard.press("Enter")
    page.keyboard.type("\nSELECT * WHERE { ?s a ws:State", delay=30)
    page.keyboard.press("Control+Space")
    hints.first.wait_for()
    assert hints.all_inner_texts() == ["ws:Statement"]
    page.keyboard.press("Enter")
    page.keyboard.type(" ; ws:speake", delay=30)
    page.keyboard.press("Control+Space")
    hints.first.wait_for()
    assert hints.all_inner_texts() == ["ws:speaker"]
    page.keyboard.press("Enter")
    page.keyboard.type(" ?who ; rdfs:", delay=30)
    page.wait_for_function(editor + ".getValue().startsWith('PREFIX rdfs:')")
    assert page.evaluate(editor + ".getValue()") == (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX ws: <https://w3id.org/whosaid/ontology#>\n"
        "SELECT * WHERE { ?s a ws:Statement ; ws:speaker ?who ; rdfs:")

    choose_example(page, "positions-of-actor")
    assert page.locator("#yasgui .tab.active").inner_text() == "positions-of-actor\n✖"
    text = page.evaluate(editor + ".getValue()")
    assert "<https://w3id.org/whosaid/id/sergey-lavrov>" in text and "LIMIT 100" in text
    choose_example(page, "positions-of-actor")                      # chosen again: the same tab
    page.wait_for_timeout(300)
    assert page.locator("#yasgui .tab").count() == 2

    page.reload()
    page.locator(ACTIVE_EDITOR).wait_for()
    assert page.locator("#yasgui .tab").all_inner_texts() == ["Query\n✖", "positions-of-actor\n✖"]
    assert page.evaluate(editor + ".getValue()") == text

    names = [o for o in page.locator("#examples option").evaluate_all("os => os.map(o => o.value)") if o]
    for name in names:
        choose_example(page, name)
    assert page.locator("#yasgui .tab").count() == 1 + len(names)
    while page.locator("#yasgui .tab").count() < 12:
        page.locator("#yasgui button.addTab").click()
    page.locator("#yasgui button.addTab").click()                  # the thirteenth
    tabs = page.locator("#yasgui .tab").all_inner_texts()
    assert len(tabs) == 12 and "Query\n✖" not in tabs and tabs[0] == "positions-of-actor\n✖"
    outside = [u for u in requests_made if not u.startswith(live_server) and not u.startswith("data:")]
    assert outside == []
    page.close()


def test_editor_results_show_values_and_draw_a_chart(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/")
    page.locator(ACTIVE_EDITOR).wait_for()
    page.locator("#yasgui .tabPanel.active .yasqe_queryButton").click()
    first = page.locator(f"{ACTIVE_RESULTS} table tbody tr").first
    first.wait_for()
    cells = first.locator("td").all_inner_texts()
    assert cells == ["Russian Government", "11"]                    # no "11"^^xsd:integer, no row number
    rows = page.locator(f"{ACTIVE_RESULTS} table tbody tr").count()
    page.locator(f"{ACTIVE_RESULTS} .select_chart").click()
    page.locator(f"{ACTIVE_RESULTS} .bar-chart").wait_for()
    assert page.locator(f"{ACTIVE_RESULTS} .bar-chart figcaption").inner_text() == "statements by speakerLabel"
    bars = page.locator(f"{ACTIVE_RESULTS} .bar-row")
    assert bars.count() == rows
    assert bars.first.locator(".bar-label").inner_text() == "Russian Government"
    assert bars.first.locator(".bar").evaluate("b => b.style.width") == "100%"
    # a result without a number column offers no chart
    editor = f"document.querySelector('{ACTIVE_EDITOR}').CodeMirror"
    page.evaluate(editor + ".setValue('SELECT ?s WHERE { ?s a <https://w3id.org/whosaid/ontology#Statement> } LIMIT 2')")
    page.locator("#yasgui .tabPanel.active .yasqe_queryButton").click()
    page.wait_for_function(f"document.querySelectorAll('{ACTIVE_RESULTS} table tbody tr').length === 2")
    chart = page.locator(f"{ACTIVE_RESULTS} .select_chart")
    assert "disabled" in chart.get_attribute("class").split()
    assert page.locator(f"{ACTIVE_RESULTS} .bar-chart").count() == 0
    page.close()


def test_a_query_page_pages_through_its_results_and_shows_labels_alone(browser, live_server):
    page = browser.new_page()
    page.goto(live_server + "/queries/statements?limit=10")
    page.locator("#results .count").wait_for()
    assert page.locator("#results .count").inner_text() == "10 rows"
    page.locator("#pages a", has_text="next 10").click()
    page.wait_for_url(live_server + "/queries/statements?limit=10&offset=10")
    page.locator("#results .count").wait_for()
    assert page.locator("#pages a").all_inner_texts() == ["← previous 10", "next 10 →"]
    page.goto(live_server + "/queries/actor-profile?actor=Lavrov")        # aliases: a label with no node
    page.locator("#results .count").wait_for()
    assert "Sergei Lavrov" in page.locator("#results td.col-value").all_inner_texts()
    page.close()


ENTITY_PAGES = {"actor": "/id/sergey-lavrov", "country": "/id/russia", "topic": "/id/missile-defense",
                "document": "/id/document/001_eee35c6c9a9bc775.txt",
                "statement": "/id/statement/000_7e2b9972726f95d0-txt-957fa235dc70", "statistics": "/stats"}


@pytest.mark.parametrize("width", [1400, 390])
def test_entity_pages_fit_show_labels_and_link_only_to_pages(browser, live_server, width):
    """An actor, a country, a topic, a document, a statement and the statistics: no horizontal overflow, no raw
    IRI in a cell or heading, the document's Markdown rendered, every link to this server
    answering 200 with HTML and every other one (Wikidata's item, the article's address and its
    own links) marked as leading out."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    checked = set()
    for kind, path in ENTITY_PAGES.items():
        page.goto(live_server + path)
        assert page.evaluate(NO_OVERFLOW), (kind, page.evaluate("document.documentElement.scrollWidth"))
        assert page.evaluate(RAW_IRIS) == [], kind
        assert page.locator("h1").count() == 1 and "http" not in page.locator("h1").inner_text(), kind
        outside = page.evaluate("[...document.querySelectorAll('a[href]')].filter(a => a.origin !== location.origin)"
                                ".map(a => [a.href, a.className])")
        assert all(name == "external" for _, name in outside), (kind, outside)      # marked as leaving the site
        for url in set(page.evaluate(HTML_LINKS)) - checked:
            answer = page.request.get(url, headers={"Accept": "text/html"})
            assert (url, answer.status, answer.headers["content-type"].split(";")[0]) == (url, 200, "text/html")
            checked.add(url)
    page.goto(live_server + ENTITY_PAGES["document"])
    assert page.locator(".doc h3").inner_text() == "Holding the Reset Hostage"
    assert page.locator(".doc mark").count() >= 6 and "**" not in page.locator(".doc").inner_text()
    page.goto(live_server + ENTITY_PAGES["country"])
    assert page.locator('a.external[href="http://www.wikidata.org/entity/Q159"]').inner_text() == "wd:Q159"
    page.close()


def test_the_network_shows_every_actor_with_a_legend_and_a_click_opens_the_actors_page(browser, live_server):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(live_server + "/")
    page.wait_for_function("document.getElementById('network').visNetwork && "
                           "document.getElementById('network').visNetwork.physics.options.enabled === false")
    page.wait_for_timeout(600)                                   # the fit's animation
    page.locator("#network").scroll_into_view_if_needed()
    box = page.locator("#network").bounding_box()
    positions = page.evaluate("""() => { const n = document.getElementById('network').visNetwork;
        return Object.fromEntries(Object.entries(n.getPositions()).map(([id, p]) => [id, n.canvasToDOM(p)])); }""")
    assert len(positions) >= 5 and "https://w3id.org/whosaid/id/sergey-lavrov" in positions
    assert all(0 <= p["x"] <= box["width"] and 0 <= p["y"] <= box["height"] for p in positions.values()), positions
    assert "disagree on some topic" in page.locator(".widget .legend").inner_text()
    lavrov = positions["https://w3id.org/whosaid/id/sergey-lavrov"]
    page.mouse.click(box["x"] + lavrov["x"], box["y"] + lavrov["y"])
    page.wait_for_url(live_server + "/id/sergey-lavrov")
    assert page.locator("h1").inner_text() == "Sergey Lavrov"
    page.close()


def test_the_timeline_shows_every_item_as_speaker_stance_topic_and_a_click_opens_its_page(browser, live_server):
    import requests
    rows = requests.get(live_server + "/queries/timeline", params={"limit": 1000},
                        headers={"Accept": "application/sparql-results+json"}).json()["results"]["bindings"]
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(live_server + "/")
    page.locator("#timeline .vis-item").first.wait_for()
    page.wait_for_timeout(500)
    timeline = "document.getElementById('timeline').visTimeline"
    assert page.evaluate(f"{timeline}.itemsData.length") == len(rows) > 40
    # it opens on the busiest years, not on the whole span from the oldest treaty on
    opened = page.evaluate(f"(() => {{ const w = {timeline}.getWindow(); return [w.start.getFullYear(), w.end.getFullYear()]; }})()")
    years = sorted(int(r["date"]["value"][:4]) for r in rows)
    assert years[0] < opened[0] and opened[1] - opened[0] < years[-1] - years[0]
    page.locator(".timeline-buttons button", has_text="All years").click()
    page.wait_for_function("n => document.querySelectorAll('#timeline .vis-item-content').length === n",
                           arg=len(rows), timeout=5000)                                 # each drawn
    assert page.locator("#timeline .vis-label").all_inner_texts()[:1] == ["statements"]
    texts = page.locator("#timeline .vis-item.stance-item .vis-item-content").all_inner_texts()
    assert "Sergey Lavrov — opposes — sanctions against Iran" in texts
    assert all(len(text.split(" — ")) == 3 for text in texts)
    page.evaluate("""() => { const t = document.getElementById('timeline').visTimeline;     // scrolled to it
        const item = t.itemsData.get().find(i => i.content.textContent === 'Sergey Lavrov — opposes — sanctions against Iran');
        t.focus(item.id, {animation: false}); }""")
    page.wait_for_timeout(300)
    page.locator("#timeline .vis-item-content a", has_text="Sergey Lavrov — opposes — sanctions against Iran").first.click()
    page.wait_for_url(live_server + "/id/statement/*")
    assert page.locator("h1").inner_text() == "Sergey Lavrov — opposes — sanctions against Iran"
    page.close()
