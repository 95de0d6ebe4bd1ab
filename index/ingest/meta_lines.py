"""Attribution lines in a document's text (Source:, Tags:, Published:, By ...)
read into its metadata."""

from __future__ import annotations

import re

from hollywood_ai.index.ingest.markdown_syntax import MD_LINK, SENTENCE_END, strip_emphasis
from hollywood_ai.index.ingest.parsed import Meta
from hollywood_ai.index.ingest.urls import normalise_date
from hollywood_ai.index.text.normalise import clean_inline

_META_LINE = re.compile(
    r"^\s*(?:\*\*|__)?(?P<key>source|via|originally published (?:in|at|by)|tags?|keywords|"
    r"categories|category|topics|published|date|updated|author|byline|written by|posted by|by)"
    r"(?:\*\*|__)?\s*[:\-–—]?\s*(?:\*\*|__)?\s*(?P<value>.+?)\s*$",
    re.I,
)
BYLINE = re.compile(
    r"^\s*(?i:written by|posted by|words by|story by|by)\s*:?\s+"
    r"(?P<name>[A-ZÀ-Þ][\w.'’-]+(?:\s+(?:[A-ZÀ-Þ][\w.'’-]+|de|da|van|von|der|la|le|and|&)){0,4})\s*"
    r"(?:[,|•·—–-].*)?$"
)


def take_meta_line(line: str, meta: Meta) -> bool:
    """Read an attribution line (Source:, Tags:, By ...) into meta; True if it was one."""
    stripped = line.strip()
    if not stripped or len(stripped) > 300:
        return False
    byline = BYLINE.match(stripped)
    if byline and len(stripped.split()) <= 8:
        meta.author = meta.author or clean_inline(byline.group("name"))
        return True
    m = _META_LINE.match(stripped)
    if not m:
        return False
    key = m.group("key").lower()
    value = m.group("value").strip()
    if key in ("by", "written by", "posted by", "author", "byline"):
        return False  # handled by BYLINE, or not a byline at all
    if key in ("source", "via") or key.startswith("originally"):
        if ":" not in stripped[: len(m.group("key")) + 4]:
            return False
        # The outlet the text names as its source, not who published the text.
        link = MD_LINK.search(value)
        if link:
            name = strip_emphasis(link.group(1)).strip()
            meta.via_url = meta.via_url or link.group(2)
            if name and not name.startswith("http") and len(name.split()) <= 6:
                meta.via = meta.via or clean_inline(name)
            return True
        if value.startswith(("http://", "https://")):
            meta.via_url = meta.via_url or value.split()[0]
            return True
        if len(value.split()) <= 4 and value[:1].isupper() and not SENTENCE_END.search(value):
            meta.via = meta.via or clean_inline(value)
        # A longer value is the original's headline: attribution, not article text.
        return True
    if key in ("tag", "tags", "keywords", "categories", "category", "topics"):
        if ":" not in stripped:
            return False
        meta.add_tags(MD_LINK.sub(r"\1", value))
        return True
    if key in ("published", "date", "updated"):
        if ":" not in stripped:
            return False
        when = normalise_date(value)
        if when:
            if key != "updated":
                meta.published = meta.published or when
            return True
    return False
