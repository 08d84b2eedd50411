"""Build the Pagefind search index (one per <html lang>, with Swedish stemming) after the site."""
from __future__ import annotations

import subprocess
import sys

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(-200)  # after i18n (-100), which runs the other language builds
def on_post_build(config):
    if config.plugins["i18n"].building:  # inside a nested language build: wait for the last one
        return
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--quiet",
         "--exclude-selectors", ".headerlink, .clause-note, .md-search"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise PluginError(f"pagefind failed on {config.site_dir}:\n{result.stdout}{result.stderr}")
