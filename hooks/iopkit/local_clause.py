"""Make a local clause from upstream's: `make lokal-klausul ID=<id>` (python -m iopkit.local_clause <id>).

Copies docs/_agreements/clauses/<lang>/<id>.md to docs/<local folder>/klausuler/<lang>/<id>.md in both
languages and records, as `upstream:` in the front matter, the git blob id of the upstream text it
copied. When upstream later changes that clause, the build names the clause and prints the
`git diff` that shows the change (see Library.notices). No MkDocs imports.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from . import kommun
from .library import LANGS, blob_id

ROOT = Path(__file__).resolve().parents[2]


def make(root: Path, clause_id: str) -> list[Path]:
    """Write the local copies; refuse (ValueError, message in sv and en) if the id or a copy is wrong."""
    docs = root / "docs"
    try:
        folder = kommun.load(root / "kommun.yml", docs)["local"]["folder"]
    except kommun.KommunError:
        folder = kommun.read_yaml(kommun.DEFAULTS)["local"]["folder"]
    upstream = {lang: docs / "_agreements" / "clauses" / lang / f"{clause_id}.md" for lang in LANGS}
    if not re.fullmatch(r"[a-z0-9-]+", clause_id or "") or not all(p.is_file() for p in upstream.values()):
        known = sorted(p.stem for p in (docs / "_agreements" / "clauses" / "sv").glob("*.md"))
        raise ValueError(f"okänd klausul (unknown clause) '{clause_id}'; finns (existing): {', '.join(known)}")
    local = {lang: docs / folder / "klausuler" / lang / f"{clause_id}.md" for lang in LANGS}
    there = [p for p in local.values() if p.exists()]
    if there:
        raise ValueError(f"{there[0].relative_to(root)} finns redan (already exists); ta bort den först om ni vill "
                         "börja om (delete it first to start again)")
    for lang in LANGS:
        text = upstream[lang].read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            raise ValueError(f"{upstream[lang].relative_to(root)}: no front matter")
        record = f"---\nupstream: {blob_id(upstream[lang])}  # originalets text som den här bygger på; ändra inte för hand\n"
        local[lang].parent.mkdir(parents=True, exist_ok=True)
        local[lang].write_text(record + text[4:], encoding="utf-8")
    return list(local.values())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("Användning (usage): make lokal-klausul ID=<klausulens id, till exempel tvist>", file=sys.stderr)
        return 2
    try:
        written = make(ROOT, argv[0])
    except ValueError as err:
        print(f"Fel (error): {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Skapad (created): {path.relative_to(ROOT)}")
    print("Ändra texten i båda filerna. Raden 'upstream:' visar vilken originaltext de bygger på.\n"
          "(Edit the text in both files; the 'upstream:' line records the upstream text they are based on.)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
