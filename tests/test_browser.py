"""The web UI in a real browser: Debian's Chromium driven by Playwright (no browser download)."""
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed (make browser)")

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(live_server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        requests_made = []
        page.on("request", lambda r: requests_made.append(r.url))
        page.goto(live_server + "/")
        page.requests_made = requests_made
        yield page
        browser.close()


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


def test_network_timeline_and_editor_render_without_any_outside_request(page, live_server):
    page.locator("#network canvas").wait_for()
    page.locator("#timeline .vis-item").first.wait_for()
    page.locator("#yasgui .CodeMirror").wait_for()
    outside = [u for u in page.requests_made if not u.startswith(live_server) and not u.startswith("data:")]
    assert outside == []
