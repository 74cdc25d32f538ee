"""The README's screenshots (docs/screenshots/): the home page with search suggestions open, an
actor page and a canned query's page, taken in Debian's Chromium (Playwright, as the browser test)
from a running server: `kg serve` on the seed build, then `python tools/screenshots.py URL`."""
from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000", help="the server's address")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(args.url + "/")
        page.locator("#search-text").press_sequentially("iran", delay=40)
        page.locator("#suggestions [role=option]").first.wait_for()
        page.screenshot(path=args.out / "home.png")
        page.goto(args.url + "/id/sergey-lavrov")
        page.screenshot(path=args.out / "actor.png", full_page=True)
        page.goto(args.url + "/queries/actors-on-topic?topic=missile+defense")
        page.locator("#results .count").wait_for()
        page.screenshot(path=args.out / "query.png")
        browser.close()


if __name__ == "__main__":
    main()
