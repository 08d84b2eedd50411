"""Give each language its own 404 page.

mkdocs-static-i18n writes site/404.html once per language, so the last language wins. The
English build writes its page to site/en/404.html and leaves the Swedish one in place.
"""
from __future__ import annotations

from pathlib import Path

from iopkit.build_language import build_language


def on_post_template(output_content, template_name, config):
    _, prefix = build_language(config)
    if template_name != "404.html" or not prefix:
        return output_content
    site = Path(config.site_dir)
    (site / prefix).mkdir(parents=True, exist_ok=True)
    (site / prefix / "404.html").write_text(output_content, encoding="utf-8")
    default_page = site / "404.html"
    return default_page.read_text(encoding="utf-8") if default_page.exists() else output_content
