"""Split an article's Markdown body into passages: sentences, list items and
table rows, each knowing its article, its position and where it sits in the
body (character offsets), for snippets and for compare."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hollywood_ai.index.model import Article, Passage

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<!\w)([*_])(?!\s)(.+?)(?<!\s)\3(?!\w)")
# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "co",
    "inc",
    "ltd",
    "corp",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "no",
    "fig",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "gen",
    "gov",
    "sen",
    "rep",
}
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])([\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9À-Þ])")

MAX_PASSAGE_CHARS = 600


def plain(text: str) -> str:
    """Markdown inline text as plain text: links to their words, no emphasis."""
    text = _MD_LINK.sub(r"\1", text)
    previous = None
    while previous != text:
        previous = text
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4) or "", text)
    text = text.replace("\\", "")
    return " ".join(text.split())


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within one paragraph of plain text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        end = m.start() + len(m.group(1))
        before = text[start : m.start()]
        last_word = (
            re.split(r"\s", before.strip())[-1].rstrip(".").lower() if before.strip() else ""
        )
        if last_word in _ABBREV or re.fullmatch(r"[a-z]", last_word):
            continue
        if end - start < 2:
            continue
        spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _blocks(body: str) -> Iterator[tuple[str, int, int, str]]:
    """(kind, start, end, heading) for paragraphs, items and table rows."""
    heading = ""
    offset = 0
    paragraph_start: int | None = None
    paragraph_end = 0
    in_code = False
    for line in body.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if stripped.startswith("```"):
            in_code = not in_code
        boundary = (
            not stripped
            or in_code
            or _HEADING.match(line)
            or _LIST_ITEM.match(line)
            or stripped.startswith("|")
        )
        if boundary and paragraph_start is not None:
            yield "sentence", paragraph_start, paragraph_end, heading
            paragraph_start = None
        if in_code or not stripped or stripped.startswith("```"):
            continue
        m = _HEADING.match(line)
        if m:
            heading = plain(m.group(1))
            continue
        if _LIST_ITEM.match(line):
            yield "item", line_start, line_start + len(line), heading
            continue
        if stripped.startswith("|"):
            kind = "sep" if _TABLE_SEP.match(stripped) else "row"
            yield kind, line_start, line_start + len(line), heading
            continue
        if paragraph_start is None:
            paragraph_start = line_start
        paragraph_end = line_start + len(line)
    if paragraph_start is not None:
        yield "sentence", paragraph_start, paragraph_end, heading


def _row_text(line: str, header: list[str] | None) -> str:
    cells = [plain(c.strip()) for c in line.strip().strip("|").split("|")]
    cells = [c for c in cells]
    if header and len(header) == len(cells):
        # "name: value" pairs read better than bare cells, and keep the column
        # meaning for compare.
        first = cells[0]
        rest = [f"{h}: {c}" for h, c in zip(header[1:], cells[1:], strict=False) if c]
        return "; ".join([first, *rest]) if first else "; ".join(rest)
    return "; ".join(c for c in cells if c)


def split_passages(article: Article) -> list[Passage]:
    body = article.body
    passages: list[Passage] = []
    header: list[str] | None = None
    last_row_end = -2
    for kind, start, end, heading in _blocks(body):
        raw = body[start:end]
        if kind == "sep":
            last_row_end = end
            continue
        if kind == "row":
            is_first_row = start != last_row_end + 1
            last_row_end = end
            if is_first_row:
                header = [plain(c.strip()) for c in raw.strip().strip("|").split("|")]
                continue
            text = _row_text(raw, header)
            pieces = [(start, end, text)]
        elif kind == "item":
            text = plain(_LIST_ITEM.sub("", raw, count=1))
            pieces = [(start, end, text)]
        else:
            # Sentences are found in the paragraph as written; offsets are mapped
            # back approximately by searching each sentence's first words.
            flat = plain(raw)
            pieces = []
            cursor = start
            for s, e in split_sentences(flat):
                sentence = flat[s:e].strip()
                probe = sentence.split(" ")[0]
                found = body.find(probe, cursor, end) if probe else -1
                s_abs = found if found >= 0 else cursor
                pieces.append((s_abs, min(end, s_abs + len(sentence)), sentence))
                cursor = max(cursor, s_abs + 1)
        for s_abs, e_abs, text in pieces:
            text = text.strip()
            if len(re.findall(r"\w+", text)) < 3:
                continue
            for chunk in _chunk(text):
                passages.append(
                    Passage(
                        article_id=article.id,
                        position=len(passages),
                        text=chunk,
                        start=s_abs,
                        end=e_abs,
                        kind=kind,
                        section=heading,
                    )
                )
    return passages


def _chunk(text: str) -> list[str]:
    if len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    words = text.split()
    chunks, current = [], []
    for word in words:
        current.append(word)
        if sum(len(w) + 1 for w in current) >= MAX_PASSAGE_CHARS:
            chunks.append(" ".join(current))
            current = []
    if current:
        chunks.append(" ".join(current))
    return chunks
