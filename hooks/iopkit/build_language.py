"""Which language the current build writes (mkdocs-static-i18n runs one build per language)."""
from __future__ import annotations


def build_language(config) -> tuple[str, str]:
    """(language, URL prefix): ('sv', '') for the default language at the root, ('en', 'en/') else.

    Before i18n's own on_config has run, current_language is still None: that is the default."""
    i18n = config.plugins["i18n"]
    lang = i18n.current_language or i18n.default_language
    return lang, ("" if lang == i18n.default_language else f"{lang}/")
