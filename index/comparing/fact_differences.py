"""Which sources of a fact differ: from the values of the fact's
discrepancies, the sources whose figure, name or quote is not the one most
sources give. For a figure given as 10 by two sources and 12 by one, the
one; for two sources that disagree with no majority, both."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from hollywood_ai.index.comparing.discrepancy import Discrepancy
from hollywood_ai.index.text import figures as quantities

_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "―": "-", "—": "-", "–": "-"})
_POSSESSIVE = re.compile(r"'s?$")


@lru_cache(maxsize=4096)
def value_key(kind: str, text: str) -> str:
    """What a value says, with its spelling folded: a figure by its number
    and unit ("ten times" = "10x"), a name without case, curly marks or a
    possessive ("Mueller’s" = "Mueller"), a quote by its words."""
    folded = " ".join(text.translate(_MARKS).casefold().split())
    if kind == "number":
        found = quantities.extract(text)
        if found:
            value, unit = found[0].key
            return f"{value:g} {unit}"
    if kind == "quote":
        return " ".join(re.findall(r"\w+", folded))
    folded = folded.strip(" .,;:'\"")
    return _POSSESSIVE.sub("", folded) if kind == "name" else folded


def real(discrepancies: Iterable[Discrepancy]) -> list[Discrepancy]:
    """The discrepancies whose values still differ once spelling is folded
    (two ways of writing an apostrophe are no difference), and those of a
    figure or name one source alone gives. A quote one source gives at more
    length, in the same words, is not worded differently."""
    out = []
    for d in discrepancies:
        keys = {value_key(d.kind, v) for v in d.values.values()}
        differ = len(keys) > 1 and not (d.kind == "quote" and _one_holds_the_others(keys))
        if d.only_source or differ:
            out.append(d)
    return out


def _one_holds_the_others(keys: set[str]) -> bool:
    longest = max(keys, key=len)
    return all(f" {k} " in f" {longest} " for k in keys)


def _bucket(d: Discrepancy) -> tuple[str, str]:
    # A quote is compared pair by pair: the pairs of one speaker make one
    # vote, so that two sources quoting alike outvote a third.
    # A speaker by surname: "Robert Gibbs" and "Gibbs" are one.
    if d.kind == "quote":
        return (d.kind, (d.speaker or "").split()[-1:][0].casefold() if d.speaker else "")
    return (d.kind, str(id(d)))


def differing(discrepancies: Sequence[Discrepancy], sources: dict[str, str]) -> list[str]:
    """The sources (in the order of ``sources``, article id -> passage)
    whose value differs from the others' in any of the discrepancies:
    outside the value most sources give when one value has the most
    supporters, else every source of the discrepancy. A source left out of a
    quote's pair whose passage holds one of the wordings supports it. A
    figure or name that one source alone gives marks that source."""
    supporters: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    words = {aid: f" {value_key('quote', text)} " for aid, text in sources.items()}
    for d in discrepancies:
        for aid, v in d.values.items():
            key = value_key(d.kind, v)
            supporters[_bucket(d)][key].add(aid)
            if d.kind == "quote":
                supporters[_bucket(d)][key].update(
                    other for other, w in words.items() if other not in d.values and f" {key} " in w
                )
    marked: set[str] = set()
    for d in discrepancies:
        if d.only_source:
            marked.update(d.values)
            continue
        votes = supporters[_bucket(d)]
        keys = {aid: value_key(d.kind, v) for aid, v in d.values.items()}
        support = {k: len(votes[k]) for k in set(keys.values())}
        if len(support) < 2:
            continue
        best = max(support.values())
        leaders = [k for k, n in support.items() if n == best]
        if len(leaders) == 1:
            marked.update(aid for aid, k in keys.items() if k != leaders[0])
        else:
            marked.update(keys)
    return [aid for aid in sources if aid in marked]
