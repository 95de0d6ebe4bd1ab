"""Text repair shared by every ingester: mojibake, control characters, spaces."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab and newline, plus DEL; ESC sequences go with them.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates can reorder what the terminal shows.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_NBSP = re.compile(r"[\u00a0\u2007\u202f]")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (keeps \\t, \\n)."""
    text = _ANSI.sub("", text)
    text = _CONTROL.sub("", text)
    return _BIDI.sub("", text)


def repair(text: str) -> str:
    """Repair mojibake and normalise a text read from anywhere.

    Curly quotes are kept (they carry meaning in quotations); line endings become
    ``\\n``; non-breaking spaces become spaces; control characters go.
    """
    import ftfy  # here, not at import time: presenters import this module to draw

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_line_breaks=True,
        normalization="NFC",
    )
    text = _NBSP.sub(" ", text)
    text = _ZERO_WIDTH.sub("", text)
    return strip_controls(text)


def clean_inline(text: str) -> str:
    """One line of metadata (a title, an author): repaired, single-spaced."""
    return " ".join(repair(text).split())


def fold(text: str) -> str:
    """Lower-case and strip accents, for comparisons (Etérnauta == eternauta)."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def squeeze_blank_lines(text: str) -> str:
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n" if text.strip() else ""
