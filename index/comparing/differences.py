"""What differs between the sources that report one fact: figures, names
and quotes.

Figures are compared only with figures that measure the same thing (the
same unit and the words around them); names only when they are variants of
one name (case, accents and apostrophes folded first); quotes only when one
speaker's words are worded differently.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hollywood_ai.index.comparing import names as namemod
from hollywood_ai.index.comparing.discrepancy import Discrepancy
from hollywood_ai.index.comparing.quote_differences import quote_discrepancies
from hollywood_ai.index.kept import Kept
from hollywood_ai.index.model import Article
from hollywood_ai.index.text import figures as quantities
from hollywood_ai.index.text.normalise import fold
from hollywood_ai.index.text.words import stems

if TYPE_CHECKING:
    from hollywood_ai.index.comparing.evidence import Question


def find_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article], q: Question | None = None
) -> list[Discrepancy]:
    """What differs between the sources' passages for one fact."""
    out: list[Discrepancy] = []
    out.extend(_number_discrepancies(passages, articles))
    out.extend(_name_discrepancies(passages, articles))
    out.extend(quote_discrepancies(passages, articles, q))
    return out


#: Articles whose figures and names are kept, per version (compare runs in
#: worker threads: Kept tables are bounded and locked).
ARTICLES_KEPT = 4000
_FIGURES_CACHE: Kept[tuple[str, str], frozenset[tuple[float, str]]] = Kept(ARTICLES_KEPT)


def _article_figures(article: Article) -> frozenset[tuple[float, str]]:
    """The figures an article's whole text gives (cached per version)."""
    key = (article.id, article.checksum)
    hit = _FIGURES_CACHE.get(key)
    if hit is None:
        hit = frozenset(q.key for q in quantities.extract(article.body))
        _FIGURES_CACHE.put(key, hit)
    return hit


_CLAUSE_END = re.compile(r"[;:()—–]|,\s|\.\s")


def _head(text: str, qty: quantities.Quantity) -> frozenset[str]:
    """What a figure measures: the lower-case content words that follow it
    in its clause and the word before it ("paid $43 million in taxes" ->
    paid, tax), or, for a figure that ends its clause, the words that lead
    up to it ("revenue grew 17% to $11.5 billion"); names, digits and
    scales left out."""
    left = _CLAUSE_END.split(text[max(0, qty.start - 80) : qty.start])[-1].split()
    right = _CLAUSE_END.split(text[qty.end : qty.end + 70])[0].split()[:4]
    after = _content(right)
    words = after | _content(left[-1:]) if after else _content(left[-6:])
    return frozenset(words)


def _content(words: list[str]) -> frozenset[str]:
    plain = [w for w in words if w[:1].islower()]
    return frozenset(
        w
        for w in stems(" ".join(plain))
        if not any(c.isdigit() for c in w) and len(w) > 2 and w not in _SCALE_WORDS
    )


_SCALE_WORDS = frozenset({"million", "billion", "trillion", "thousand", "percent"})


def _alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two figures measure the same thing: their heads share a word, or
    neither has words to tell them apart."""
    return bool(a & b) or not (a or b)


def _number_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article] | None = None
) -> list[Discrepancy]:
    """Figures of one unit that measure the same thing (the words around them
    agree) and differ in value; a figure only one source gives anywhere."""
    found: list[tuple[str, quantities.Quantity, frozenset[str]]] = []
    for aid, texts in passages.items():
        for text in texts:
            for qty in quantities.extract(text):
                if qty.unit not in ("number", "year"):
                    found.append((aid, qty, _head(text, qty)))
    out: list[Discrepancy] = []
    reporting = len(passages)
    paired: set[int] = set()
    for i, (aid, qty, head) in enumerate(found):
        values = {aid: qty.text}
        keys = {qty.key}
        for j, (other, oq, ohead) in enumerate(found):
            if other in values or oq.unit != qty.unit or not _alike(head, ohead):
                continue
            values[other] = oq.text
            keys.add(oq.key)
            paired.add(j)
        if len(values) > 1:
            paired.add(i)
            if len(keys) > 1 and not any(d.values == values for d in out):
                out.append(Discrepancy("number", values, detail=_unit_label(qty.unit)))
    seen_units: set[str] = set()
    for i, (aid, qty, _) in enumerate(found):
        if i in paired or reporting < 2 or qty.unit in seen_units:
            continue
        seen_units.add(qty.unit)
        # "Only one source" only if no other article of the story gives it
        # anywhere (its passage shown here may simply not be the one).
        elsewhere = any(
            qty.key in _article_figures(a) for other, a in (articles or {}).items() if other != aid
        )
        if not elsewhere and not any(qty.unit == q.unit for o, q, _ in found if o != aid):
            out.append(
                Discrepancy(
                    "number", {aid: qty.text}, detail=_unit_label(qty.unit), only_source=True
                )
            )
    return out


# ------------------------------------------------------------------ answers

_TITLE = re.compile(
    r"\b(?:mr|mrs|ms|dr|sen|senator|rep|representative|gov|governor|gen|lt|col|prof|rev|"
    r"president|secretary|judge|jr|sr)\b\.?",
    re.I,
)


def _answer_key(text: str, kind: str) -> frozenset[str]:
    """An answer as a set of folded words (titles, stops and endings gone;
    number words as digits), so that "Sen. Bob Corker" = "Senator Bob
    Corker" and "a dozen" = "12"."""
    from hollywood_ai.index.text.normalise import fold

    low = fold(_TITLE.sub(" ", text)).replace("’", "'").replace(".", "")
    low = re.sub(r"'s\b|'", "", low)
    words = re.findall(r"[a-z0-9]+", low)
    out = set()
    for w in words:
        if w in quantities.NUMBER_WORDS:
            out.add(str(int(quantities.NUMBER_WORDS[w])) if quantities.NUMBER_WORDS[w] >= 1 else w)
        elif w in ("a", "an", "the", "of", "and", "in", "on", "at", "by", "th", "st", "nd", "rd"):
            continue
        else:
            out.add(re.sub(r"(?<=\d)(?:st|nd|rd|th)$", "", w))
    if kind == "number":
        return frozenset(w for w in out if w.isdigit()) or frozenset(out)
    return frozenset(out)


def answer_discrepancies(answers: dict[str, str], answer_type: str) -> list[Discrepancy]:
    """The sources answer the question differently: another count, year,
    person, place or name (a name and its longer form, "Hope" / "Hope, Ark.",
    are one answer)."""
    if len(answers) < 2:
        return []
    kind = "number" if answer_type in ("figure", "date") else "name"
    keys = {aid: _answer_key(text, kind) for aid, text in answers.items()}
    if answer_type == "date":
        # Dates differ only as figures do: years or days of a month, not
        # "Tuesday" against "May 30".
        keys = {aid: frozenset(w for w in k if w.isdigit()) for aid, k in keys.items()}
        keys = {aid: k for aid, k in keys.items() if k}
        if len(keys) < 2:
            return []
    distinct: list[frozenset[str]] = []
    for k in keys.values():
        if not any(k <= d or d <= k for d in distinct):
            distinct.append(k)
    if len(distinct) < 2:
        return []
    values = {aid: answers[aid] for aid in keys}
    detail = "the sources answer differently"
    return [Discrepancy(kind, values, detail=detail)]


def with_answers(
    found: list[Discrepancy], answers: dict[str, str], answer_type: str
) -> list[Discrepancy]:
    """The discrepancies found, with the one the sources' answers make, one
    line for one difference: left out when the same sources already differ
    in that name or figure, or when the figures paired by what they measure
    say otherwise; in place of such a line that the answers widen to more
    sources."""
    out = list(found)
    for d in answer_discrepancies(answers, answer_type):
        same = [e for e in out if e.kind == d.kind and not e.only_source]
        if any(set(d.values) <= set(e.values) for e in same):
            continue
        if any(e.values[k] != d.values[k] for e in same for k in set(e.values) & set(d.values)):
            continue
        out = [e for e in out if e not in same or not set(e.values) < set(d.values)]
        out.append(d)
    return out


def _unit_label(unit: str) -> str:
    return {"times": "multiplier", "%": "percentage", "USD": "amount in US dollars"}.get(unit, unit)


def _wanted_name(name: namemod.Name) -> bool:
    return namemod.is_title_like(name) or len(name.core.split()) >= 2


_NAMES_CACHE: Kept[tuple[str, str], list[namemod.Name]] = Kept(ARTICLES_KEPT)


def article_names(article: Article) -> list[namemod.Name]:
    """The names in an article's whole text (cached per version)."""
    key = (article.id, article.checksum)
    hit = _NAMES_CACHE.get(key)
    if hit is None:
        hit = [n for n in namemod.extract(f"{article.title}\n{article.body}") if _wanted_name(n)]
        _NAMES_CACHE.put(key, hit)
    return hit


def _folded(name: str) -> str:
    """A name with case, accents and apostrophes folded ("Martha’s" = "martha's")."""
    return fold(name).replace("’", "'").replace("‘", "'").casefold()


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
        for name in article_names(article):
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
        if len(values) > 1 and len({_folded(v) for v in values.values()}) > 1:
            out.append(Discrepancy("name", values, detail="variants of one name"))
    return out
