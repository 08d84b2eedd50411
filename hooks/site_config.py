"""Apply kommun.yml to the site config at the start of each language build.

mkdocs-static-i18n runs a whole build per language, so this runs twice; it keeps no state.
"""
from __future__ import annotations

from pathlib import Path

from iopkit import kommun
from iopkit.build_language import build_language
from iopkit.pages import escape_values
from iopkit.site import site_name, translate_palette
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

PLACEHOLDER_URL = "https://example.invalid/"


def _load(config) -> dict:
    root = Path(config.config_file_path).resolve().parent
    try:
        return kommun.load(root / "kommun.yml", Path(config.docs_dir))
    except kommun.KommunError as err:
        raise PluginError(str(err)) from None


@event_priority(0)  # before i18n (-100), which builds the language links from site_url
def _apply_site(config):
    config.extra["kommun_data"] = data = _load(config)  # read once per build, used by every hook
    if config.site_url in (None, "", PLACEHOLDER_URL):  # `mkdocs serve` sets its own; keep that
        config.site_url = data["site"]["url"]
    config.theme["logo"] = config.theme["favicon"] = data["logo"]
    return config


@event_priority(-200)  # after i18n has chosen this build's language
def _apply_language(config):
    data, lang = config.extra["kommun_data"], build_language(config)[0]
    config.extra["kommun"] = escape_values(kommun.localise(data, lang))
    config.site_name = site_name(data["organisation"]["name"][lang], lang)
    translate_palette(config.theme["palette"], lang)
    return config


on_config = CombinedEvent(_apply_site, _apply_language)


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when kommun.yml changes. Watched here, not in mkdocs.yml, so that a
    missing kommun.yml gets our message (which file, what to do) instead of MkDocs' config error."""
    path = Path(config.config_file_path).resolve().parent / "kommun.yml"
    if path.exists():
        server.watch(str(path))
    return server

