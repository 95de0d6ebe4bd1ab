"""Quotes by one speaker that the sources word differently: the two
wordings aligned word by word, each stretch that differs shown with its
clause."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from hollywood_ai.index.comparing import quotes
from hollywood_ai.index.comparing.discrepancy import Discrepancy
from hollywood_ai.index.model import Article
from hollywood_ai.index.text.normalise import fold
from hollywood_ai.index.text.words import stems

if TYPE_CHECKING:
    from hollywood_ai.index.comparing.evidence import Question


def quote_discrepancies(
    passages: dict[str, list[str]], articles: dict[str, Article], q: Question | None
) -> list[Discrepancy]:
    """Quotes by one speaker, from the reporting sources, worded differently."""
    if len(passages) < 2:
        return []
    per_source = _quotes_in_question(passages, articles, q)
    out: list[Discrepancy] = []
    seen: set[tuple[str, str]] = set()
    ids = list(per_source)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            for qa in per_source[a]:
                for qb in per_source[b]:
                    for sa, sb in _differing_wordings(qa, qb):
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


def _quotes_in_question(
    passages: dict[str, list[str]], articles: dict[str, Article], q: Question | None
) -> dict[str, list[quotes.Quote]]:
    """Per source, its quotations that overlap a passage shown or are about the question."""
    terms = set(q.terms) if q else set()
    asked = {n.split()[-1].lower() for n in q.reading.subject_names} if q is not None else set()
    per_source: dict[str, list[quotes.Quote]] = {}
    for aid in passages:
        article = articles.get(aid)
        if article is None:
            continue
        for quote in quotes.extract(article.body):
            if any(_overlaps(quote.text, p) for p in passages[aid]) or _about_question(
                quote, article.body, q, terms, asked
            ):
                per_source.setdefault(aid, []).append(quote)
    return per_source


def _about_question(
    quote: quotes.Quote, body: str, q: Question | None, terms: set[str], asked: set[str]
) -> bool:
    """A quotation is about the question when the question names its speaker
    and any other word the question asks about is in the quote ("what did
    Sarandos say about creators"; a common word alone, "AI", is not enough).
    "What did X say ...": every quotation of X is, and one with no speaker
    found beside it when X is named just before it."""
    asks_words = q is not None and q.answer == "quote"
    speaker = set(stems(quote.speaker or "")) if known_speaker(quote) else set()
    rest = terms - speaker
    if bool(speaker & terms) and (not rest or bool(rest & set(_quote_stems(quote))) or asks_words):
        return True
    if known_speaker(quote) or q is None:
        return False
    if asks_words and asked and near_name(body, quote, asked):
        return True  # the asked speaker is named just before it
    # No speaker found next to it: about the question when its own words
    # carry half of what the question asks about.
    focus = set().union(*(q.concepts[k] for k in q.focus)) if q.concepts else set()
    return bool(focus) and len(focus & set(_quote_stems(quote))) * 2 >= len(q.focus)


def _differing_wordings(qa: quotes.Quote, qb: quotes.Quote) -> list[tuple[str, str]]:
    """The stretches two quotations word differently, when they are one
    quotation: one speaker, or one whose speaker was not found beside it
    (its wording alone pairs it). Two named speakers that differ: only a
    quotation worded nearly alike (the speaker may be misread beside it)."""
    other = known_speaker(qa) and known_speaker(qb) and qa.speaker_key != qb.speaker_key
    if quotes.shared_content(qa, qb) < 0.2:
        return []
    same_speaker = known_speaker(qa) and known_speaker(qb) and not other
    return _differing_parts(qa.text, qb.text, same_speaker, 0.8 if other else 0.6)


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
    from hollywood_ai.index.text.normalise import fold

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
