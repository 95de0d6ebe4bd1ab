"""Site chrome: the lines of a scraped page that are not the article.

General rules about how web pages wrap an article (language pickers, ad and
promo lines, share buttons, comment forms, image file names, related-article
links after the byline), used by the plain-text and Markdown ingesters.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

BYLINE_MARK = "\x00byline\x00"

_CHROME_PATTERNS = [
    r"select (your )?language:?",
    r"(choose|change) (your )?(language|region|edition)\b.*",
    r"(advertisement|advertising|sponsored( content)?|ad|ads|promoted)",
    r"(scroll|continue) (down )?(to|for) (continue|read|more).*",
    r"skip to (main )?content",
    r"(share|tweet|pin|email|print)( (this|on \w+|article|story))?",
    r"share (this|on) .*",
    r"click to (share|print|email) .*",
    r"(sign up|subscribe)( now| today)?( for| to)? .{0,60}(newsletter|updates|free)?.*",
    r"(follow us|like us) on .*",
    r"image (source|credit|via)s?\s*[:\-].*",
    r"(photo|picture|image)\s*:\s*.{0,60}",
    r"(getty images|shutterstock|reuters|ap photo)(/.*)?",
    r"leave a (reply|comment)( cancel reply)?",
    r"(your )?email address will not be published\.?.*",
    r"required fields are marked.*",
    r"(comment|name|email|website)\s*\*",
    r"save my name, email, and website .*",
    r"post comment",
    r"(related|recommended|read more|more from .{0,30}|you may also like|trending( now)?|popular( posts)?)\s*:?",
    r"(previous|next) (post|article)\s*:?.*",
    r"all rights reserved.*",
    r"©.*",
    r"\[?//\]?:?\s*#.*",
    r"cookie(s)? (policy|settings|preferences).*",
    r"(accept|reject) (all )?cookies",
    r"in\s*,?",
    r"(home|menu|search|login|log in|sign in)(\s*[|/›>»]\s*\w+)*",
]
_CHROME = re.compile(r"^\s*(?:" + "|".join(_CHROME_PATTERNS) + r")\s*$", re.I)
_PROMO = re.compile(
    r"\b\d{1,3}\s?% off\b|\b(coupon|promo code|deal of the day|buy now|shop now)\b", re.I
)
_IMAGE_FILE = re.compile(r"^\S+\.(jpe?g|png|gif|webp|svg|avif)(\?\S*)?$", re.I)
_ONLY_PUNCT = re.compile(r"^[\W_]*$")


def is_chrome_line(line: str) -> bool:
    """True for a line that is page furniture rather than article text."""
    text = line.strip()
    if not text:
        return False
    if _ONLY_PUNCT.match(text) and not re.fullmatch(r"([-*_]\s*){3,}|\|.*", text):
        return True
    if _IMAGE_FILE.match(text):
        return True
    if len(text) <= 120 and _CHROME.match(text):
        return True
    words = text.split()
    return len(words) <= 8 and bool(_PROMO.search(text)) and not text.endswith(".")


def repeated_short_lines(lines: list[str]) -> set[str]:
    """Short non-sentence lines printed more than once and not adjacent: ad slots
    and promo banners repeat; a title printed twice in a row does not count."""
    stripped = [line.strip() for line in lines]
    counts = Counter(s for s in stripped if s)
    repeated = set()
    for text, n in counts.items():
        if n < 2 or len(text.split()) > 6 or re.search(r"[.!?\"”]$", text):
            continue
        positions = [i for i, s in enumerate(stripped) if s == text]
        gaps = [b - a for a, b in itertools.pairwise(positions)]
        # Adjacent repeats (title, blank line, title) are a duplicated heading.
        if all(g <= 2 for g in gaps):
            continue
        repeated.add(text)
    return repeated


def drop_after_trailing_byline(lines: list[str]) -> list[str]:
    """Pages put the byline at the end, then links to unrelated articles. When
    a byline stands in the last part of the text and what follows holds no
    paragraph of prose, drop what follows."""
    if BYLINE_MARK not in lines:
        return lines
    idx = len(lines) - 1 - lines[::-1].index(BYLINE_MARK)
    tail = [t.strip() for t in lines[idx + 1 :] if t.strip() and t != BYLINE_MARK]
    content = [t for t in lines[:idx] if t.strip()]
    if not tail or len(content) < 3 * len(tail) / 2:
        return lines
    if any(len(t.split()) > 25 and re.search(r"[.!?]$", t) for t in tail):
        return lines
    return lines[:idx]


def drop_related_tail(paragraphs: list[str]) -> list[str]:
    """A run of headline-like lines (no sentence punctuation) at the very end of
    a scraped text is a list of links to other articles."""
    end = len(paragraphs)
    while end > 0 and _headline_like(paragraphs[end - 1]):
        end -= 1
    if len(paragraphs) - end >= 2 and end >= 3:
        return paragraphs[:end]
    return paragraphs


def _headline_like(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 14 and not re.search(r"[.!?:;\"”)]$", text)
