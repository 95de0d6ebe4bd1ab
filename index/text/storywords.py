"""The words stories are grouped by (see stories/words.py), counted from an
article's title and body: a plain function of the text, so that the index
can count them in the pass that reads every body anyway, and keep them with
the article (``encode_counts``) for grouping to read instead of the body.
"""

from __future__ import annotations

import re
from collections import Counter

from hollywood_ai.index.text.normalise import fold
from whoosh.analysis import STOP_WORDS

WORDS_VERSION = 1  # bump when words() changes: kept counts are then made again

_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")
# A capitalised word inside a sentence (not at the start of a line, nor after
# a full stop or an opening quote): a name.
_ENTITY = re.compile(r"(?<![.!?:“\"]\s)(?<!^)\b([A-ZÀ-Þ][\w'’-]{2,})", re.MULTILINE)
# Where _ENTITY can match: found faster without its look-behinds first.
_CAPITALISED = re.compile(r"[A-ZÀ-Þ][\w'’-]{2,}")
ENTITY_WEIGHT = 4
_EXTRA_STOP = frozenset(
    [
        "said",
        "says",
        "also",
        "would",
        "could",
        "more",
        "like",
        "one",
        "new",
        "year",
        "years",
        "its",
        "their",
        "his",
        "her",
        "been",
        "has",
        "had",
        "were",
        "was",
        "than",
        "which",
        "who",
        "what",
        "about",
        "into",
        "over",
        "such",
        "other",
        "some",
        "just",
        "only",
        "very",
        "most",
    ]
)
_STOP = frozenset(STOP_WORDS) | _EXTRA_STOP


def words(title: str, body: str) -> Counter[str]:
    """An article's content words, with names (capitalised words inside
    sentences) counted ENTITY_WEIGHT times more: who and what an article is
    about tells stories apart better than its vocabulary."""
    text = f"{title}\n{body}"
    counts: Counter[str] = Counter()
    for raw, n in Counter(_WORD.findall(fold(text))).items():
        w = raw.strip("'’-")
        if len(w) > 2 and w not in _STOP:
            counts[w] += n
    for raw, n in Counter(_entities(text)).items():
        w = fold(raw).strip("'’-").removesuffix("’s").removesuffix("'s")
        if w not in _STOP:
            counts[w] += ENTITY_WEIGHT * n
    return counts


def _entities(text: str) -> list[str]:
    """``_ENTITY.findall(text)``: the pattern tried at each capitalised word,
    then on from where it matched, or from the next character where it did
    not (its look-behinds see the text before the position)."""
    out: list[str] = []
    search, match = _CAPITALISED.search, _ENTITY.match
    pos = 0
    while (candidate := search(text, pos)) is not None:
        found = match(text, candidate.start())
        if found is None:
            pos = candidate.start() + 1
        else:
            out.append(found.group(1))
            pos = found.end()
    return out


def encode_counts(checksum: str, counts: Counter[str]) -> bytes:
    """An article's counts as kept in the index: a line naming the version
    and the article's checksum, then a "word\tcount" line per word (a word
    holds neither tabs nor line breaks)."""
    lines = [f"{WORDS_VERSION}\t{checksum}", *(f"{w}\t{n}" for w, n in counts.items())]
    return "\n".join(lines).encode("utf-8")


def decode_counts(data: bytes) -> tuple[str, Counter[str]] | None:
    """The checksum and counts ``encode_counts`` kept; None for anything
    else (another version of words(), a damaged or empty record)."""
    try:
        head, *rows = data.decode("utf-8").split("\n")
        version, checksum = head.split("\t")
        if version != str(WORDS_VERSION):
            return None
        counts: Counter[str] = Counter()
        for row in rows:
            word, n = row.split("\t")
            counts[word] = int(n)
    except ValueError:
        return None
    return checksum, counts


def split_counts(data: bytes) -> tuple[str, list[str], list[str]] | None:
    """decode_counts without a Counter: the checksum, then the words and their
    counts (as text) in two lists, split in C rather than row by row (at
    50,000 articles the rows are 19 million). None as for decode_counts."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    head, _, rows = text.partition("\n")
    version, _, checksum = head.partition("\t")
    if version != str(WORDS_VERSION) or not checksum or "\t" in checksum:
        return None
    if not rows:
        return checksum, [], []
    cells = rows.replace("\t", "\n").split("\n")
    words, counts = cells[0::2], cells[1::2]
    # One tab on every row: then the cells alternate, and every count is
    # digits (a word never is: it starts with a letter), none empty.
    digits = "".join(counts)
    if len(cells) != 2 * (rows.count("\n") + 1) or not (digits.isascii() and digits.isdigit()):
        return None
    if not (all(words) and all(counts)):
        return None
    return checksum, words, counts
