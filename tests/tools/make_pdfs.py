"""PDFs of the council packet and every agreement, both languages: python tests/tools/make_pdfs.py SITE_DIR

Serves SITE_DIR on 127.0.0.1 under the path of site_url (kommun.yml) and prints each page with
headless Chromium into SITE_DIR/pdf/<name>-<lang>.pdf."""
from __future__ import annotations

import sys
from pathlib import Path

from localserver import serve, site_url
from pdfprint import CHROMIUM, LAUNCH_ARGS, documents, print_pdf


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    site = Path(argv[0]).resolve()
    if not (site / "index.html").is_file():
        print(f"error: {site} is not a built site (run `make build` first)", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).is_file():
        print(f"error: Chromium is missing at {CHROMIUM}; install Debian's chromium (apt-get install chromium)",
              file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    out = site / "pdf"
    out.mkdir(exist_ok=True)
    with serve(site, site_url()) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            for name, path in documents(site):
                print_pdf(page, base + path, out / name)
                print(f"{out / name} ({(out / name).stat().st_size // 1024} kB)")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
