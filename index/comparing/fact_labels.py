"""A fact's label: one whole sentence from the fact's own passages, the one
that says best what the sources share, cleaned of what is not the sentence
(a dateline, a list label, a quotation mark left open by the sentence before
or after it), never cut."""

from __future__ import annotations

import re
from collections.abc import Sequence

# "WASHINGTON —", "NEW YORK (AP) --", "FERGUSON, Mo. --", "DOHA, Qatar —":
# where the story was filed, not what it says.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.' ]{2,30}(?:,\s*(?:[A-Z][a-z]{1,5}\.|[A-Z]\.[A-Z]\.|[A-Z][a-z]+))?"
    r"(?:\s*\([^)]{1,20}\))?\s*(?:—|―|–|--?)\s*(?=[A-Z“\"‘])"
)
# "Search: AI-powered search…" (a list item's label), "Name; description: …"
# (a table row's name cell).
_ITEM_LABEL = re.compile(r"^[A-Z][\w -]{0,30}:\s+(?=[A-Z])")
_ROW_NAME = re.compile(r"^[^;]{0,60}; description:\s*")
_DANGLING = re.compile(
    r"^(which|who|whom|whose|that|and|but|or|while|whereas|as|because|so|seem|seems|"
    r"with|without|by|to|of|in|on|for|from|rather|than|although|though)\b",
    re.I,
)
_MARK = re.compile('[“”"]')
# "Dress like you deserve respect ...": a quotation cut short.
_CUT_SHORT = re.compile(r"(?:\.\s?\.\s?\.|…)[\"”’')\]]*$")
# A sentence split after a title ("…met with Missouri Highway Patrol Capt."):
# the name it introduces is in the next passage.
_CUT_AT_TITLE = re.compile(
    r"\b(?:Capt|Lt|Sgt|Col|Maj|Cpl|Det|Insp|Supt|Rev|Adm|Cmdr|Gen|Gov|Sen|Rep|Pres|Amb|Hon)\.$"
)
_SENTENCE_END = re.compile(r"[.!…][\"”’')\]]*$")
MIN_WORDS = 5
NEAR_CENTRAL = 0.8  # candidates this close to the most central one may be chosen for brevity


def clean(text: str) -> str:
    """The sentence as a label: no dateline or list label, quotation marks
    balanced, a capital first letter."""
    text = " ".join(text.split())
    text = _DATELINE.sub("", text)
    text = _ROW_NAME.sub("", text)
    text = _ITEM_LABEL.sub("", text)
    text = _balance_quotes(text)
    lead = len(text) - len(text.lstrip("“\"‘'("))
    return text[:lead] + text[lead : lead + 1].upper() + text[lead + 1 :]


def _balance_quotes(text: str) -> str:
    """Close what the sentence leaves open: a quotation that runs on into
    the next sentence gets its closing mark, one that began in the previous
    sentence its opening mark. A straight mark opens at the start or after a
    space, else closes; curly and straight marks pair with each other."""
    opens: list[str] = []
    unopened: list[str] = []
    for m in _MARK.finditer(text):
        mark, i = m.group(), m.start()
        opening = mark == "“" or (
            mark == '"' and (i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-")
        )
        if opening:
            opens.append(mark)
        elif opens:
            opens.pop()
        else:
            unopened.append(mark)
    before = "".join("“" if m == "”" else '"' for m in reversed(unopened))
    after = "".join("”" if m == "“" else '"' for m in reversed(opens))
    return before + text + after


def is_complete(text: str) -> bool:
    """A sentence that reads on its own: five words or more, a capital (or a
    figure) first, a full stop (or "!") last, not a question, not starting
    with a conjunction or a relative pronoun."""
    t = text.strip()
    if len(t.split()) < MIN_WORDS or t.endswith("?") or _DANGLING.match(t):
        return False
    first = t.lstrip("“\"‘'(")[:1]
    if not (first.isupper() or first.isdigit() or first in "$€£"):
        return False
    return (
        bool(_SENTENCE_END.search(t)) and not _CUT_SHORT.search(t) and not _CUT_AT_TITLE.search(t)
    )


def is_readable(text: str) -> bool:
    """Less than a sentence, but a readable start: a list item or a heading."""
    t = text.strip()
    first = t.lstrip("“\"‘'(")[:1]
    return (
        len(t.split()) >= 3
        and not t.endswith("?")
        and not _DANGLING.match(t)
        and (first.isupper() or first.isdigit() or first in "$€£")
    )


def choose(candidates: Sequence[tuple[float, str]]) -> str:
    """The label among (centrality, passage text) pairs: the complete
    sentences first, then readable passages, then any; within the best kind,
    the shortest of those nearly as central as the most central one."""
    cleaned = [(c, clean(t)) for c, t in candidates if t.strip()]
    if not cleaned:
        return ""
    for test in (is_complete, is_readable):
        kind = [(c, t) for c, t in cleaned if test(t)]
        if kind:
            break
    else:
        kind = cleaned
    top = max(c for c, _ in kind)
    near = [(c, t) for c, t in kind if c >= NEAR_CENTRAL * top]
    return min(near, key=lambda ct: (len(ct[1]), -ct[0]))[1]
