"""WCAG 2.1 contrast ratio between two sRGB colours."""
from __future__ import annotations

import re


def parse_hex(text: str) -> tuple[int, int, int] | None:
    """'#1f5f8b' -> (31, 95, 139); None when it is not a #rrggbb colour."""
    match = re.fullmatch(r"#([0-9a-fA-F]{6})", text.strip()) if isinstance(text, str) else None
    if not match:
        return None
    raw = match.group(1)
    return tuple(int(raw[i : i + 2], 16) for i in (0, 2, 4))


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """Ratio from 1 to 21, as WCAG 2.1 defines it."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
