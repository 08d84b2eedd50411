"""Print a page of the site to a tagged A4 PDF in Chromium (shared by make_pdfs.py and the tests)."""
from __future__ import annotations

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def documents(site: Path) -> list[tuple[str, str]]:
    """(PDF file name, page path) for the council packet and every agreement, both languages.

    Same rule as the download link in overrides/main.html: every page under avtal/ except the
    overview and the change log."""
    agreements = sorted((site / "avtal").iterdir()) if (site / "avtal").is_dir() else []  # chapters a fork
    names = [n for n in ["beslutsunderlag"] if (site / n / "index.html").is_file()] + [  # may switch off
        f"avtal/{d.name}" for d in agreements if (d / "index.html").is_file() and d.name != "andringslogg"]
    return [(f"{name.split('/')[-1]}-{lang}.pdf", prefix + name + "/")
            for name in names for lang, prefix in (("sv", ""), ("en", "en/"))]


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
