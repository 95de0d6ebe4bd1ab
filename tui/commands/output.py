"""Shared output for the commands: JSON on stdout, errors on stderr, tables."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from typing import Any

from hollywood_ai.index.text import strip_controls


def error(message: str) -> None:
    """One clear sentence on stderr."""
    message = strip_controls(message).strip()
    if message and not message.endswith((".", "!", "?")):
        message += "."
    print(f"hollywood-ai: {message[:1].upper()}{message[1:]}", file=sys.stderr)


def warn(message: str) -> None:
    """A repair or a caveat, one sentence on stderr; the command goes on."""
    message = strip_controls(message).strip()
    if message and not message.endswith((".", "!", "?")):
        message += "."
    print(f"hollywood-ai: warning: {message[:1].upper()}{message[1:]}", file=sys.stderr)


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def safe(text: object) -> str:
    """Untrusted text for a terminal: no escape sequences or control characters."""
    return strip_controls("" if text is None else str(text))


def table(rows: Sequence[Sequence[object]], headers: Sequence[str], flex: int = -1) -> str:
    """A plain aligned table; column ``flex`` is cut to fit the terminal."""
    cells = [[safe(c).replace("\n", " ") for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], len(c))
    total = shutil.get_terminal_size((120, 24)).columns
    flex = flex % len(headers)
    other = sum(w + 2 for i, w in enumerate(widths) if i != flex)
    widths[flex] = max(len(headers[flex]), min(widths[flex], total - other))

    def fit(text: str, width: int) -> str:
        return text if len(text) <= width else text[: max(0, width - 1)] + "…"

    lines = ["  ".join(fit(h, w).ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in cells:
        lines.append(
            "  ".join(fit(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        )
    return "\n".join(lines)
