"""How the facts screen names its sources: a short code heading each column
(an outlet's initials, else a number) and the full name the legend spells out."""

from __future__ import annotations

import re

from hollywood_ai.index import Article, source_labels, strip_controls


def short_name(name: str, width: int = 12) -> str:
    name = strip_controls(name)
    return name if len(name) <= width else name[: width - 1] + "…"


def source_names(articles: list[Article]) -> dict[str, str]:
    """Each source as every screen names it ("kghosh.substack.com, via The
    Guardian"; the title after it where two would read the same)."""
    return source_labels({a.id: (a.source_name, a.title) for a in articles})


def outlet_code(outlet: str) -> str:
    """Two to four letters for an outlet: TechCrunch TC, The Guardian GUA,
    The Hollywood Reporter HR, New York Times NYT."""
    words = [
        w
        for w in re.findall(r"[^\W_]+", strip_controls(outlet))
        if w.lower() not in ("the", "a", "an")
    ]
    if not words:
        return ""
    if len(words) == 1:
        word = words[0]
        capitals = [c for c in word if c.isupper()]
        if len(capitals) >= 2:
            return "".join(capitals)[:4]
        return word[:3].upper()
    return "".join(w[0] for w in words)[:4].upper()


def source_codes(articles: list[Article]) -> dict[str, str]:
    """A short, unique code per source: the outlet's initials, else a number."""
    codes: dict[str, str] = {}
    taken: set[str] = set()
    for n, article in enumerate(articles, 1):
        code = outlet_code(article.outlet or "") or str(n)
        if code in taken:
            code = f"{code[:3]}{n}"
        taken.add(code)
        codes[article.id] = code
    return codes
