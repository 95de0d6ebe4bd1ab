"""Split an article's Markdown body into passages: the sentences of its
paragraphs, its list items and its table rows.

The body is read by the one Markdown parse the reader renders
(``markdown.parse``), and every character of a passage's text is placed in the
body, so a passage's offsets are exactly where its text is. The contract, for
every passage ``p`` of an article with body ``body``:

- ``body[p.start:p.end]`` is the passage's source: for a sentence, from its
  first character to its last, with the markup that opens or closes inside it
  (``**``, ``[``, ``](url)``: no sentence ends inside a link or an emphasised
  run, so both ends of its markup are in it); for a list item, its text after the marker; for
  a table row, the row's line from its first pipe to its last;
- for a sentence or an item, ``plain(body[p.start:p.end]) == p.text``: the
  source as plain text, links to their words, images to their alt text,
  emphasis, code ticks, escapes and inline HTML removed, a blockquote's or a
  list's line prefixes removed, white space collapsed to single spaces;
- for a row, ``p.text`` is its cells' plain text read against the header row,
  "first cell; header: value; …" (the header row itself is no passage);
- a passage never spans two blocks (paragraphs, items, rows, headings), and a
  sentence longer than MAX_PASSAGE_CHARS is cut at spaces into chunks, each
  with its own exact offsets (and the same contract).

``section`` is the plain text of the nearest heading above the passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hollywood_ai.index.model import Article, Passage
from hollywood_ai.index.text import markdown as md
from hollywood_ai.index.text.sentences import split_sentences

MAX_PASSAGE_CHARS = 600
MIN_WORDS = 3
# A text of at least MIN_WORDS words (runs of \w), found from its start.
_ENOUGH_WORDS = re.compile(rf"\w(?:\W+\w+){{{MIN_WORDS - 1}}}")
_RUNS = re.compile(r"\s+|\S+")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")
# A continuation line's container prefix: indentation and blockquote markers.
_LINE_PREFIX = re.compile(r"\n[ \t]*(?:>[ \t]?)*")


def _finish(text: str) -> str:
    return " ".join(text.split())


def plain(source: str) -> str:
    """Markdown source (a passage's span, or any inline text) as plain text:
    the contract of this module (see its docstring)."""
    source = _LINE_PREFIX.sub("\n", source)
    tokens = md.parser().parseInline(source)
    out: list[str] = []
    for child in tokens[0].children or [] if tokens else []:
        if child.type in ("text", "text_special", "code_inline", "image"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return _finish("".join(out))


@dataclass
class _Plain:
    """A block's plain text, each character with its source range."""

    chars: list[str] = field(default_factory=list)
    lo: list[int] = field(default_factory=list)
    hi: list[int] = field(default_factory=list)
    shield: list[bool] = field(default_factory=list)  # no sentence ends here

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def span(self, a: int, b: int) -> tuple[int, int]:
        return min(self.lo[a:b]), max(self.hi[a:b])


def _plain_block(pieces: list[md.Piece]) -> _Plain:
    """Plain text of an inline token's pieces: white space collapsed, opening
    markup placed with the character after it, closing markup with the one
    before it."""
    w = _PlainWriter()
    for piece in pieces:
        if piece.kind == md.TEXT and piece.exact and not _ODD_SPACE.search(piece.text):
            w.single_spaced(piece)
        elif piece.kind == md.TEXT and piece.exact:
            w.runs(piece)
        elif piece.kind in (md.TEXT, md.CODE, md.IMAGE):
            w.each_char(piece)
        elif piece.kind == md.BREAK:
            w.add(" ", piece.start, piece.end)
        elif piece.kind == md.OPEN:
            # No sentence ends inside a link or an emphasised run, so that a
            # sentence's source holds both ends of its markup.
            w.pending = piece.start if w.pending is None else w.pending
            w.shielded += 1
        elif piece.kind == md.CLOSE:
            w.shielded -= w.shielded > 0
            if w.last_word >= 0:
                w.out.hi[w.last_word] = max(w.out.hi[w.last_word], piece.end)
    return w.out


@dataclass
class _PlainWriter:
    """Writes a block's plain text piece by piece: the start of the markup
    opened before the next character (``pending``), the last non-space
    character (``last_word``), and how many shields (code, links, emphasis)
    are open."""

    out: _Plain = field(default_factory=_Plain)
    pending: int | None = None
    last_word: int = -1
    shielded: int = 0

    def add(self, ch: str, lo: int, hi: int) -> None:
        """One character from source [lo, hi); white space collapsed."""
        out = self.out
        if ch.isspace():
            if not out.chars or out.chars[-1] == " ":
                return
            ch = " "
        elif self.pending is not None:
            lo = min(lo, self.pending)
            self.pending = None
        out.chars.append(ch)
        out.lo.append(lo)
        out.hi.append(hi)
        out.shield.append(self.shielded > 0)
        if ch != " ":
            self.last_word = len(out.chars) - 1

    def single_spaced(self, piece: md.Piece) -> None:
        """The common case at once: exact text with single spaces only."""
        out, text = self.out, piece.text
        skip = 1 if text[:1] == " " and (not out.chars or out.chars[-1] == " ") else 0
        base = len(out.chars)
        out.chars.extend(text[skip:])
        out.lo.extend(range(piece.start + skip, piece.end))
        out.hi.extend(range(piece.start + skip + 1, piece.end + 1))
        out.shield.extend([self.shielded > 0] * (len(text) - skip))
        words = [i for i in (base, base + 1) if i < len(out.chars) and out.chars[i] != " "]
        if self.pending is not None and words:
            out.lo[words[0]] = min(out.lo[words[0]], self.pending)
            self.pending = None
        for i in (len(out.chars) - 1, len(out.chars) - 2):
            if i >= base and out.chars[i] != " ":
                self.last_word = i
                break

    def runs(self, piece: md.Piece) -> None:
        """Exact text, runs of words at once, each space run as one space."""
        out = self.out
        for m in _RUNS.finditer(piece.text):
            run = m.group()
            at = piece.start + m.start()
            if run[0].isspace():
                self.add(" ", at, at + len(run))
                continue
            self.add(run[0], at, at + 1)
            if len(run) > 1:
                out.chars.extend(run[1:])
                out.lo.extend(range(at + 1, at + len(run)))
                out.hi.extend(range(at + 2, at + len(run) + 1))
                out.shield.extend([self.shielded > 0] * (len(run) - 1))
                self.last_word = len(out.chars) - 1

    def each_char(self, piece: md.Piece) -> None:
        """Text not placed character by character (an escape, an entity),
        inline code (shielded) or an image's alt text: each character with
        the piece's whole source range."""
        code = piece.kind == md.CODE
        self.shielded += code
        for ch in piece.text:
            self.add(ch, piece.start, piece.end)
        self.shielded -= code


def _trim(block: _Plain, a: int, b: int) -> tuple[int, int]:
    """[a, b) without edge spaces."""
    while a < b and block.chars[a] == " ":
        a += 1
    while b > a and block.chars[b - 1] == " ":
        b -= 1
    return a, b


def _chunks(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """text[a:b] cut at spaces into pieces of about MAX_PASSAGE_CHARS."""
    out: list[tuple[int, int]] = []
    while b - a > MAX_PASSAGE_CHARS:
        cut = text.rfind(" ", a, a + MAX_PASSAGE_CHARS)
        if cut <= a:
            cut = text.find(" ", a + MAX_PASSAGE_CHARS, b)
            if cut < 0:
                break
        out.append((a, cut))
        a = cut + 1
    out.append((a, b))
    return out


@dataclass
class _Block:
    kind: str  # "sentence", "item", "row", "header", "heading"
    plain: _Plain | None = None  # a paragraph's, item's or heading's text
    start: int = 0  # a row's line, from its first pipe to its last
    end: int = 0
    cells: list[str] = field(default_factory=list)


def _blocks(body: str) -> list[_Block]:
    """The inline blocks of the body in order: paragraphs ("sentence"), list
    items' paragraphs ("item"), headings, and table rows with their cells."""
    tokens = md.parse(body)
    starts = md.line_starts(body)
    blocks: list[_Block] = []
    in_item = 0
    in_heading = False
    row: _Block | None = None
    in_head = False
    cursor = 0
    for token in tokens:
        kind = token.type
        if kind == "list_item_open":
            in_item += 1
        elif kind == "list_item_close":
            in_item -= 1
        elif kind == "heading_open":
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open" and token.map:
            line_start = starts[token.map[0]]
            line = body[line_start : starts[token.map[0] + 1] - 1]
            lead = len(line) - len(line.lstrip())
            row = _Block("header" if in_head else "row", None, line_start + lead)
            row.end = line_start + len(line.rstrip())
            cursor = row.start
        elif kind == "tr_close" and row is not None:
            blocks.append(row)
            row = None
        elif kind == "inline":
            if row is not None:
                offsets = md.cell_offsets(body, starts, token, cursor)
                cursor = offsets[-1]
                row.cells.append(_finish(_plain_block(list(md.pieces(token, offsets))).text))
                continue
            offsets = md.content_offsets(body, starts, token)
            block = _plain_block(list(md.pieces(token, offsets)))
            label = "heading" if in_heading else "item" if in_item else "sentence"
            blocks.append(_Block(label, block))
    return blocks


def row_text(cells: list[str], header: list[str] | None) -> str:
    """A table row read against its header: "first; header: value; …"."""
    if header and len(header) == len(cells):
        # "name: value" pairs read better than bare cells, and keep the column
        # meaning for compare.
        first = cells[0]
        rest = [f"{h}: {c}" for h, c in zip(header[1:], cells[1:], strict=False) if c]
        return "; ".join([first, *rest]) if first else "; ".join(rest)
    return "; ".join(c for c in cells if c)


def split_passages(article: Article) -> list[Passage]:
    """The article's passages in order (see the module's docstring)."""
    passages: list[Passage] = []
    heading = ""
    header: list[str] | None = None

    def add(text: str, start: int, end: int, kind: str) -> None:
        if not _ENOUGH_WORDS.search(text):
            return
        passages.append(
            Passage(article.id, len(passages), text, start, end, kind=kind, section=heading)
        )

    for block in _blocks(article.body):
        if block.kind == "header":
            header = block.cells
            continue
        if block.kind == "row":
            add(row_text(block.cells, header), block.start, block.end, "row")
            continue
        if block.plain is None:
            continue
        plain_block = block.plain
        if block.kind == "heading":
            heading = _finish(plain_block.text)
            continue
        text = plain_block.text
        if block.kind == "item":
            spans = [(0, len(text))]
        else:
            spans = split_sentences(text, plain_block.shield)
        for a, b in spans:
            a, b = _trim(plain_block, a, b)
            for ca, cb in _chunks(text, a, b):
                ca, cb = _trim(plain_block, ca, cb)
                if cb > ca:
                    start, end = plain_block.span(ca, cb)
                    add(text[ca:cb], start, end, block.kind)
    return passages
