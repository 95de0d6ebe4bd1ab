"""Titles: whether a line reads as one, and a title for a text that has none."""

from __future__ import annotations

import re

from hollywood_ai.index.ingest.markdown_syntax import (
    MD_LINK,
    RULE,
    escaped,
    strip_emphasis,
    unescaped,
)


def is_title_line(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 20 and not re.search(r"[.!…:;,]\s*$", text) and text[:1].isupper()


def derive_title(body: str, limit: int = 90) -> str:
    """A title for a text that has none: its first sentence, cut at a clause."""
    for line in body.split("\n"):
        text = line.strip().lstrip("#").strip()
        if not text or text.startswith("|") or RULE.fullmatch(text):
            continue
        # A title is plain text: links, emphasis and escapes go ("\# 1" is "# 1").
        text = unescaped(strip_emphasis(MD_LINK.sub(r"\1", escaped(text))))
        text = re.sub(r"^#{1,6}\s+", "", text).lstrip("\\")
        text = text.strip("\"“”'‘’ ")
        if not text or RULE.fullmatch(text):
            continue
        sentence = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0].rstrip(".")
        if len(sentence) <= limit:
            return sentence
        # Cut at the last clause boundary that leaves a readable phrase.
        cut = max(sentence.rfind(sep, 0, limit) for sep in (", and ", ", but ", "; ", " — ", ", "))
        if cut >= 30:
            return sentence[:cut].rstrip(" ,;—")
        return sentence[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return "Untitled"
