"""Is requirements.lock up to date? Every exact pin in requirements*.txt must be in it at that version.
Standard library only: the Makefile runs it before the venv exists."""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def name(raw: str) -> str:
    return re.sub(r"[-_.]+", "-", raw).lower()


def pins(text: str) -> dict[str, str]:
    return {name(m[1]): m[2] for line in text.splitlines() if (m := PIN.match(line.strip()))}


def stale() -> list[str]:
    lock_path = ROOT / "requirements.lock"
    if not lock_path.exists():
        return ["requirements.lock is missing"]
    lock = pins(lock_path.read_text(encoding="utf-8"))
    problems = []
    for source in sorted(ROOT.glob("requirements*.txt")):
        for pkg, version in pins(source.read_text(encoding="utf-8")).items():
            if lock.get(pkg) != version:
                problems.append(f"{source.name}: {pkg}=={version}, requirements.lock has {lock.get(pkg, 'nothing')}")
    return problems


if __name__ == "__main__":
    if problems := stale():
        print("requirements.lock is out of date; run `make lock`:\n  " + "\n  ".join(problems), file=sys.stderr)
        sys.exit(1)
