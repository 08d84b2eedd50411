"""Give each language its own 404 page.

mkdocs-static-i18n writes site/404.html once per language, so the last language wins. The
English build writes its page to site/en/404.html and leaves the Swedish one in place.
"""
from __future__ import annotations

from pathlib import Path


def on_post_template(output_content, template_name, config):
    i18n = config.plugins["i18n"]
    lang = i18n.current_language or i18n.default_language
    if template_name != "404.html" or lang == i18n.default_language:
        return output_content
    site = Path(config.site_dir)
    (site / lang).mkdir(parents=True, exist_ok=True)
    (site / lang / "404.html").write_text(output_content, encoding="utf-8")
    default_page = site / "404.html"
    return default_page.read_text(encoding="utf-8") if default_page.exists() else output_content
