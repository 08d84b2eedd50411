"""A fork's local pages and the chapters it switched off in kommun.yml (logic in iopkit.navigation).

Runs once per language build and keeps no state: the nav is recomputed from config.nav each time,
and the change is idempotent, so the second language build sees the same result.
"""
from __future__ import annotations

from iopkit import navigation
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

LOCAL_TITLE = "Lokalt"          # i18n's nav_translations turns it into "Local"
BEFORE_TITLE = "Om webbplatsen"  # the local section goes just before the about section


def _settings(config) -> tuple[list, str]:
    data = config.extra["kommun_data"]  # set by site_config.py in on_config
    return data["chapters"]["exclude"], data["local"]["folder"]


# Before i18n (-100): it then never pairs, lists or maps the dropped pages, and the nav is ready
# before MkDocs builds it (and checks for pages missing from it) right after on_files.
@event_priority(0)
def on_files(files, config):
    exclude, folder = _settings(config)
    plan = navigation.plan([f.src_uri for f in files.documentation_pages()], folder, exclude)
    if plan.problems:
        lines = "\n".join(f"  - {p}" for p in plan.problems)
        raise PluginError(f"local pages in docs/{folder}/: {len(plan.problems)} problem(s):\n{lines}")
    for uri in plan.drop:
        files.remove(files.get_file_from_path(uri))
    config.nav = navigation.build_nav(config.nav, exclude, plan.local, LOCAL_TITLE, BEFORE_TITLE)
    return files


@event_priority(-50)  # after page_render.py (0) has added agreements and included pages
def on_page_markdown(markdown, page, config, files):
    exclude, _ = _settings(config)
    return navigation.unlink_excluded(markdown, page.file.src_uri, exclude)
