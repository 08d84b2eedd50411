"""Print a page of the site to a tagged A4 PDF in Chromium, as a reader's browser does (the route
finder's assessment). Documents to sign and file come from the build instead (hooks/documents.py)."""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def open_for_print(page, url: str) -> None:
    """Load `url` as the printer sees it: print media, every font and resource loaded."""
    page.emulate_media(media="print")
    response = page.goto(url, wait_until="networkidle")
    if response is None or not response.ok:
        raise RuntimeError(f"{url}: HTTP {response.status if response else 'no response'}")
    page.evaluate("document.fonts.ready.then(() => true)")


def to_pdf(page, path=None) -> bytes:
    """The loaded page as a tagged A4 PDF with bookmarks. Page size, margins, running header and page
    numbers come from the site's print CSS, hence prefer_css_page_size and no Playwright templates."""
    return page.pdf(path=path, format="A4", print_background=True, tagged=True, outline=True,
                    prefer_css_page_size=True)


def print_pdf(page, url: str, path=None) -> bytes:
    open_for_print(page, url)
    return to_pdf(page, path)
