"""What differs between the sources that report one fact: figures, names
and quotes.

Figures are compared only with figures that measure the same thing (the
same unit and the words around them); names only when they are variants of
one name (case, accents and apostrophes folded first); quotes only when one
speaker's words are worded differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hollywood_ai.index import names as namemod
from hollywood_ai.index import quantities, quotes
from hollywood_ai.index.evidence import stems
from hollywood_ai.index.model import Article

if TYPE_CHECKING:
    from hollywood_ai.index.evidence import Question

@dataclass
class Discrepancy:
    kind: str  # "number", "name" or "quote"
    values: dict[str, str]
    detail: str = ""
    only_source: bool = False
    diff: list[tuple[str, str]] = field(default_factory=list)
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "values": dict(self.values)}
        if self.detail:
            data["detail"] = self.detail
        if self.only_source:
            data["only_source"] = True
        if self.speaker:
            data["speaker"] = self.speaker
        if self.diff:
            data["diff"] = [list(d) for d in self.diff]
            data["diff_text"] = quotes.render_diff(self.diff)
        return data

    def summary(self, label: dict[str, str]) -> str:
        parts = [f"{label.get(aid, aid)}: {text}" for aid, text in self.values.items()]
        head = {
            "number": "Figures differ",
            "name": "Names differ",
            "quote": "Quote worded differently",
        }[self.kind]
        if self.only_source:
            head = (
                "Only one source gives this figure"
                if self.kind == "number"
                else "Only one source gives this name"
            )
        if self.speaker:
            head += f" ({self.speaker})"
        return head + " — " + "; ".join(parts)



def find_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article], q: Question | None = None
) -> list[Discrepancy]:
    """What differs between the sources' passages for one fact."""
    out: list[Discrepancy] = []
    out.extend(_number_discrepancies(passages, articles))
    out.extend(_name_discrepancies(passages, articles))
    out.extend(_quote_discrepancies(passages, articles, q))
    return out


_FIGURES_CACHE: dict[tuple[str, str], frozenset[tuple[float, str]]] = {}


def _article_figures(article: Article) -> frozenset[tuple[float, str]]:
    """The figures an article's whole text gives (cached per version)."""
    key = (article.id, article.checksum)
    hit = _FIGURES_CACHE.get(key)
    if hit is None:
        hit = frozenset(q.key for q in quantities.extract(article.body))
        if len(_FIGURES_CACHE) > 4000:
            _FIGURES_CACHE.clear()
        _FIGURES_CACHE[key] = hit
    return hit


def _number_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article] | None = None
) -> list[Discrepancy]:
    by_unit: dict[str, dict[str, quantities.Quantity]] = {}
    for aid, texts in passages.items():
        for text in texts:
            for qty in quantities.extract(text):
                if qty.unit in ("number", "year"):
                    continue
                by_unit.setdefault(qty.unit, {}).setdefault(aid, qty)
    out = []
    reporting = len(passages)
    for unit, per_source in by_unit.items():
        values = {aid: qty.text for aid, qty in per_source.items()}
        distinct = {qty.key for qty in per_source.values()}
        if len(distinct) > 1:
            out.append(Discrepancy("number", values, detail=_unit_label(unit)))
        elif len(per_source) == 1 and reporting > 1:
            # "Only one source" only if no other article of the story gives it
            # anywhere (its passage shown here may simply not be the one).
            ((aid, qty),) = per_source.items()
            elsewhere = any(
                qty.key in _article_figures(a)
                for other, a in (articles or {}).items()
                if other != aid
            )
            if not elsewhere:
                out.append(
                    Discrepancy("number", values, detail=_unit_label(unit), only_source=True)
                )
    return out


def _unit_label(unit: str) -> str:
    return {"times": "multiplier", "%": "percentage", "USD": "amount in US dollars"}.get(unit, unit)


def _wanted_name(name: namemod.Name) -> bool:
    return namemod.is_title_like(name) or len(name.core.split()) >= 2


_NAMES_CACHE: dict[tuple[str, str], list[namemod.Name]] = {}


def _article_names(article: Article) -> list[namemod.Name]:
    """The names in an article's whole text (cached per version)."""
    key = (article.id, article.checksum)
    hit = _NAMES_CACHE.get(key)
    if hit is None:
        hit = [n for n in namemod.extract(f"{article.title}\n{article.body}") if _wanted_name(n)]
        if len(_NAMES_CACHE) > 4000:
            _NAMES_CACHE.clear()
        _NAMES_CACHE[key] = hit
    return hit


def _name_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article] | None = None
) -> list[Discrepancy]:
    """Variants of one name among the reporting sources' passages. Variants
    are grouped over the names of the whole story (``articles``), so that two
    spellings too far apart to match directly ("El Atonata", "The Eternaut")
    are joined through a third ("El Eternauta") that another article uses."""
    shown: list[tuple[str, namemod.Name]] = []
    for aid, texts in passages.items():
        for text in texts:
            for name in namemod.extract(text):
                if _wanted_name(name):
                    shown.append((aid, name))
    if not shown:
        return []
    # Distinct spellings: the shown ones and, as bridges, the story's.
    spellings: dict[str, namemod.Name] = {}
    for _, name in shown:
        spellings.setdefault(name.text.casefold(), name)
    for article in (articles or {}).values():
        for name in _article_names(article):
            spellings.setdefault(name.text.casefold(), name)
    keys = list(spellings)
    index = {k: i for i, k in enumerate(keys)}
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Pairs with at least one shown spelling: a story name only matters as a
    # bridge between shown ones, and this keeps the cost to shown x story.
    shown_keys = {name.text.casefold() for _, name in shown}
    for k in shown_keys:
        i = index[k]
        for j, other in enumerate(keys):
            if (
                i != j
                and root(i) != root(j)
                and namemod.are_variants(spellings[k], spellings[other])
            ):
                parent[root(i)] = root(j)
    groups: dict[int, list[tuple[str, namemod.Name]]] = {}
    for aid, name in shown:
        groups.setdefault(root(index[name.text.casefold()]), []).append((aid, name))
    out = []
    for members in groups.values():
        values: dict[str, str] = {}
        for aid, name in members:
            values.setdefault(aid, name.text)
        if len(values) > 1 and len({v.casefold() for v in values.values()}) > 1:
            out.append(Discrepancy("name", values, detail="variants of one name"))
    return out


def _quote_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article], q: Question | None
) -> list[Discrepancy]:
    """Quotes by one speaker, from the reporting sources, worded differently."""
    if len(passages) < 2:
        return []
    terms = set(q.terms) if q else set()
    per_source: dict[str, list[quotes.Quote]] = {}
    shown_quotes: set[tuple[str, int]] = set()
    for aid in passages:
        article = articles.get(aid)
        if article is None:
            continue
        for quote in quotes.extract(article.body):
            if not quote.speaker_key:
                continue
            overlaps_shown = any(_overlaps(quote.text, p) for p in passages[aid])
            # About the question: the question names the speaker, and any
            # other word it asks about is in the quote ("what did Sarandos
            # say about creators"); a common word alone ("AI") is not enough.
            speaker = set(stems(quote.speaker or ""))
            rest = terms - speaker
            about_query = bool(speaker & terms) and (
                not rest or bool(rest & set(_quote_stems(quote)))
            )
            if overlaps_shown or about_query:
                per_source.setdefault(aid, []).append(quote)
                if overlaps_shown:
                    shown_quotes.add((aid, quote.start))
    out: list[Discrepancy] = []
    seen: set[tuple[str, str]] = set()
    ids = list(per_source)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            for qa in per_source[a]:
                for qb in per_source[b]:
                    if qa.speaker_key != qb.speaker_key:
                        continue
                    close = quotes.shared_content(qa, qb)
                    # Two quotes both shown for the same fact need less in common.
                    both_shown = (a, qa.start) in shown_quotes and (b, qb.start) in shown_quotes
                    if close < (0.2 if both_shown else 0.3) or qa.words == qb.words:
                        continue
                    key = (qa.text, qb.text)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(
                        Discrepancy(
                            "quote",
                            {a: qa.text, b: qb.text},
                            detail=f"{round(quotes.similarity(qa, qb) * 100)}% of the words in the same order",
                            diff=quotes.word_diff(qa.text, qb.text),
                            speaker=qa.speaker,
                        )
                    )
    return out


_SENTENCE_PART = re.compile(r"[^.!?;]{25,}")


def _overlaps(quote: str, passage: str) -> bool:
    """The passage shows (part of) the quotation: the quote's start is in the
    passage, or a sentence of the passage is in the quote (a passage is often
    one sentence of a longer quotation)."""
    if quote[:40] in passage:
        return True
    plain = passage.strip().strip("“”\"'‘’")
    return any(part.strip()[:40] in quote for part in _SENTENCE_PART.findall(plain))


def _quote_stems(quote: quotes.Quote) -> list[str]:
    return stems(quote.text)

