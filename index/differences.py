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
from hollywood_ai.index.text import fold

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
_NUMBER_TEXT = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _answer_key(text: str, kind: str) -> frozenset[str]:
    """An answer as a set of folded words (titles, stops and endings gone;
    number words as digits), so that "Sen. Bob Corker" = "Senator Bob
    Corker" and "a dozen" = "12"."""
    from hollywood_ai.index.text import fold

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
        if len(values) > 1 and len({_folded(v) for v in values.values()}) > 1:
            out.append(Discrepancy("name", values, detail="variants of one name"))
    return out


def _quote_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article], q: Question | None
) -> list[Discrepancy]:
    """Quotes by one speaker, from the reporting sources, worded differently."""
    if len(passages) < 2:
        return []
    terms = set(q.terms) if q else set()
    # "What did X say ...": every quotation of X is about the question.
    asks_words = q is not None and q.answer == "quote"
    asked = {n.split()[-1].lower() for n in q.reading.subject_names} if q is not None else set()
    per_source: dict[str, list[quotes.Quote]] = {}
    shown_quotes: set[tuple[str, int]] = set()
    for aid in passages:
        article = articles.get(aid)
        if article is None:
            continue
        for quote in quotes.extract(article.body):
            overlaps_shown = any(_overlaps(quote.text, p) for p in passages[aid])
            # About the question: the question names the speaker, and any
            # other word it asks about is in the quote ("what did Sarandos
            # say about creators"); a common word alone ("AI") is not enough.
            speaker = set(stems(quote.speaker or "")) if known_speaker(quote) else set()
            rest = terms - speaker
            about_query = bool(speaker & terms) and (
                not rest or bool(rest & set(_quote_stems(quote))) or asks_words
            )
            if asks_words and not known_speaker(quote) and asked and near_name(article.body, quote, asked):
                about_query = True  # the asked speaker is named just before it
            if not overlaps_shown and not about_query and not known_speaker(quote) and q is not None:
                # No speaker found next to it: about the question when its
                # own words carry half of what the question asks about.
                focus = set().union(*(q.concepts[k] for k in q.focus)) if q.concepts else set()
                about_query = bool(focus) and len(focus & set(_quote_stems(quote))) * 2 >= len(
                    q.focus
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
                    # One speaker, or one quotation whose speaker was not
                    # found beside it: then its wording alone pairs it.
                    # Two named speakers that differ: only a quotation worded
                    # nearly alike (the speaker may be misread beside it).
                    other = known_speaker(qa) and known_speaker(qb) and qa.speaker_key != qb.speaker_key
                    if quotes.shared_content(qa, qb) < 0.2:
                        continue
                    same_speaker = known_speaker(qa) and known_speaker(qb) and not other
                    parts = _differing_parts(qa.text, qb.text, same_speaker, 0.8 if other else 0.6)
                    for sa, sb in parts:
                        if (sa, sb) in seen:
                            continue
                        seen.add((sa, sb))
                        out.append(
                            Discrepancy(
                                "quote",
                                {a: sa, b: sb},
                                detail=f"{round(_order_similarity(sa, sb) * 100)}% of the words in the same order",
                                diff=quotes.word_diff(sa, sb),
                                speaker=qa.speaker
                                if known_speaker(qa)
                                else (qb.speaker if known_speaker(qb) else None),
                            )
                        )
    return out


def near_name(body: str, quote: quotes.Quote, surnames: set[str]) -> bool:
    """One of the surnames is in the 300 characters before the quotation."""
    before = fold(body[max(0, quote.start - 300) : quote.start])
    return any(re.search(rf"\b{re.escape(fold(s))}\b", before) for s in surnames)


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})


def known_speaker(quote: quotes.Quote) -> bool:
    """Whether the quote's speaker is named (not missing, not only "she")."""
    return bool(quote.speaker_key) and quote.speaker_key not in _PRONOUNS


_PART = re.compile(r"[^.!?;]+(?:[.!?;]+|$)")


def _parts(text: str) -> list[str]:
    """A quotation's sentences (stops inside "I.R.S." or "Mr." kept)."""
    text = re.sub(r"\b([A-Z])\.(?=[A-Z]\.)", r"\1", text)  # I.R.S. -> IRS.
    text = re.sub(r"\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|St)\.", r"\1", text)
    return [p.strip() for p in _PART.findall(text) if len(p.split()) >= 3]


def _plain_words(text: str) -> list[str]:
    from hollywood_ai.index.text import fold

    return re.findall(r"[a-z0-9*]+", fold(text).replace("’", "'").replace("'", "").replace(".", ""))


def _order_similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, _plain_words(a), _plain_words(b)).ratio()


def _content_share(a: str, b: str) -> float:
    from whoosh.analysis import STOP_WORDS

    wa = {w for w in _plain_words(a) if w not in STOP_WORDS and len(w) > 2}
    wb = {w for w in _plain_words(b) if w not in STOP_WORDS and len(w) > 2}
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def _differing_parts(
    a: str, b: str, same_speaker: bool = False, min_ratio: float = 0.6
) -> list[tuple[str, str]]:
    """Where two quotations of one speaker are worded differently.

    The two are aligned word by word (case, accents, stops inside "I.R.S."
    folded): when most of the shorter one (``min_ratio``) is found in the
    other in order, each stretch of different words between aligned ones is a
    difference, widened to its clauses; words only one source quotes before
    or after what both give, or a passage of more than a few words only one
    gives, are left out (a shorter quotation, not another wording). Two
    quotations sharing less are still one statement reworded when a speaker
    named beside both says them and three in ten of their content words agree
    ("we firmly believe AI is a tremendous opportunity" / "we remain
    convinced that AI represents an incredible opportunity"): then the two
    closest sentences are the difference."""
    from difflib import SequenceMatcher

    ta, tb = list(_TOKENS.finditer(a)), list(_TOKENS.finditer(b))
    na = [" ".join(_plain_words(t.group(0))) for t in ta]
    nb = [" ".join(_plain_words(t.group(0))) for t in tb]
    if not na or not nb or na == nb:
        return []
    matcher = SequenceMatcher(None, na, nb, autojunk=False)
    if _matched_content(na, nb, matcher) >= min_ratio:
        return _regions(a, b, ta, tb, matcher.get_opcodes())
    if not same_speaker:
        return []
    best: tuple[float, str, str] | None = None
    for pa in _parts(a):
        for pb in _parts(b):
            if _plain_words(pa) == _plain_words(pb) or _content_share(pa, pb) < PARAPHRASE_SHARE:
                continue
            ratio = _order_similarity(pa, pb)
            if best is None or ratio > best[0]:
                best = (ratio, pa, pb)
    return [(best[1], best[2])] if best else []


_TOKENS = re.compile(r"\S+")


def _matched_content(na: list[str], nb: list[str], matcher: Any) -> float:
    """The share of the shorter wording's content words that the alignment
    finds in the other (function words match everywhere)."""
    from whoosh.analysis import STOP_WORDS

    def content(words: list[str]) -> int:
        return sum(1 for w in words if w and w not in STOP_WORDS)

    matched = sum(content(na[m.a : m.a + m.size]) for m in matcher.get_matching_blocks())
    return matched / max(1, min(content(na), content(nb)))


#: A named speaker's two sentences are one statement reworded when they
#: share this much of their content words.
PARAPHRASE_SHARE = 0.3
MAX_OMISSION = 6  # words one source alone quotes inside a shared passage


def _regions(
    a: str, b: str, ta: list[re.Match[str]], tb: list[re.Match[str]], ops: list[Any]
) -> list[tuple[str, str]]:
    equal = [op for op in ops if op[0] == "equal"]
    if not equal:
        return []
    first, last = equal[0], equal[-1]
    groups: list[list[Any]] = [[]]
    # Only what lies between the first and the last aligned words.
    for op in ops[ops.index(first) + 1 : ops.index(last)]:
        if op[0] == "equal":
            if op[2] - op[1] >= 4 and groups[-1]:
                groups.append([])
            continue
        groups[-1].append(op)
    out = []
    for group in groups:
        if not group:
            continue
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        if min(i2 - i1, j2 - j1) == 0 and max(i2 - i1, j2 - j1) > MAX_OMISSION:
            continue
        lo_a, hi_a, lo_b, hi_b = first[1], last[2], first[3], last[4]
        out.append((_clause(a, ta, i1, i2, lo_a, hi_a), _clause(b, tb, j1, j2, lo_b, hi_b)))
    return out


_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St|Jr|Sr|No)\.")


def _ends_clause(token: str) -> bool:
    if token.endswith(".") and _ABBREVIATION.fullmatch(token.strip("“”\"‘’'(")):
        return False
    return token.endswith((",", ";", ":", ".", "!", "?", "—"))


def _clause(text: str, tokens: list[re.Match[str]], i: int, j: int, lo: int, hi: int) -> str:
    """The tokens i..j of ``text`` widened to clause ends within lo..hi."""
    if not tokens:
        return text
    start = min(i, len(tokens) - 1)
    while start > lo and not _ends_clause(tokens[start - 1].group(0)):
        start -= 1
    end = max(j, start + 1)
    while end < hi and not _ends_clause(tokens[end - 1].group(0)):
        end += 1
    end = min(end, len(tokens))
    piece = text[tokens[start].start() : tokens[end - 1].end()]
    return piece.strip(" ,;:—")


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
