"""Text repair shared by every ingester: mojibake, control characters, spaces."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Whole terminal escape sequences, not just their ESC byte: a string command
# (OSC such as a window title or a hyperlink, DCS, SOS, PM, APC) up to its
# terminator (BEL or ST) or, unterminated, to the end of the line; a CSI
# sequence (colours, cursor moves); a character-set or other ESC sequence.
_ESC_SEQUENCE = re.compile(
    r"\x1b[\]PX^_][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # string commands
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x1b[ -/]+[0-~]?"  # nF: ESC ( B and the like
    r"|\x1b[0-~]?"  # Fp, Fe, Fs: ESC 7, ESC M, ESC c...
)
# The same in their 8-bit (C1) forms. Only terminated strings are removed whole:
# a lone C1 byte is usually the remains of mojibake, so it goes by itself.
_C1_SEQUENCE = re.compile(
    r"[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"  # string commands
    r"|\x9b[0-?]*[ -/]*[@-~]"  # CSI
)
# C0 and C1 controls except tab and newline, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates can reorder what the terminal shows.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_NBSP = re.compile(r"[\u00a0\u2007\u202f]")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (keeps \\t, \\n)."""
    text = _ESC_SEQUENCE.sub("", text)
    text = _C1_SEQUENCE.sub("", text)
    text = _CONTROL.sub("", text)
    return _BIDI.sub("", text)


def repair(text: str) -> str:
    """Repair mojibake and normalise a text read from anywhere.

    Curly quotes are kept (they carry meaning in quotations); line endings become
    ``\\n``; non-breaking spaces become spaces; control characters go.
    """
    import ftfy  # here, not at import time: presenters import this module to draw

    # Escape sequences go before ftfy, which drops a lone ESC but would leave
    # the rest of the sequence ("]0;title") as text. Their C1 forms wait until
    # ftfy has repaired mojibake, whose remains look like C1 bytes.
    text = _ESC_SEQUENCE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _fix_lines(ftfy, text)
    text = _NBSP.sub(" ", text)
    text = _ZERO_WIDTH.sub("", text)
    return strip_controls(text)


def _fix_lines(ftfy: Any, text: str) -> str:
    """ftfy's fix_text, which reads a text line by line, given only the lines
    it can change: an ASCII line without '&' holds no mojibake, no entity and
    nothing to normalise (its control characters go in strip_controls), and
    ftfy's own cost per line is many times the rest of ingestion's. A line
    with '<' turns HTML unescaping off for the lines after it, as in ftfy."""
    if text.isascii() and "&" not in text:
        return text
    out: list[str] = []
    unescape: str | bool = "auto"
    lines = text.split("\n")
    for n, line in enumerate(lines):
        end = "\n" if n < len(lines) - 1 else ""
        if line.isascii() and "&" not in line:
            out.append(line + end)
        else:
            out.append(
                ftfy.fix_text(
                    line + end,
                    uncurl_quotes=False,
                    fix_line_breaks=True,
                    normalization="NFC",
                    unescape_html=unescape,
                )
            )
        if "<" in line:
            unescape = False
    return "".join(out)


def clean_inline(text: str) -> str:
    """One line of metadata (a title, an author): repaired, single-spaced."""
    return " ".join(repair(text).split())


def fold(text: str) -> str:
    """Lower-case and strip accents, for comparisons (Etérnauta == eternauta)."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def squeeze_blank_lines(text: str) -> str:
    # Line by line: a regular expression for trailing blanks rescans a long
    # run of spaces from each of its characters.
    text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n" if text.strip() else ""
