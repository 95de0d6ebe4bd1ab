"""Shared output for the commands: JSON on stdout, errors on stderr, tables."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from typing import Any

from hollywood_ai.index import strip_controls


def _sentence(message: str, subject: str | None = None) -> str:
    """A message as a sentence: a full stop at the end, and a capital at the
    start only when the first word is a plain word. A message that starts with
    a file name, a URL or the given subject keeps its spelling ("binary.md is
    a binary file", "http://…", "notes is empty")."""
    message = strip_controls(message).strip()
    if message and not message.endswith((".", "!", "?")):
        message += "."
    first = message.split(maxsplit=1)[0] if message else ""
    plain = first.rstrip(",;:").isalpha() and first.rstrip(",;:").islower()
    if plain and not (subject and message.startswith(strip_controls(subject).strip())):
        message = message[:1].upper() + message[1:]
    return message


def error(message: str, subject: str | None = None) -> None:
    """One clear sentence on stderr. ``subject`` is the input it is about, if
    any: its spelling is never changed."""
    print(f"hollywood-ai: {_sentence(message, subject)}", file=sys.stderr)


def warn(message: str, subject: str | None = None) -> None:
    """A repair or a caveat, one sentence on stderr; the command goes on."""
    print(f"hollywood-ai: warning: {_sentence(message, subject)}", file=sys.stderr)


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
