"""The one Markdown parse of an article body, with every inline piece placed
exactly in the body.

markdown-it-py reads the body (the reader renders the same tokens). Block
tokens carry source line maps; inline children carry none, so ``pieces`` walks
an inline token's children along its source lines and gives each piece its
character range ``[start, end)`` in the body: a text run maps one to one, an
escape or entity (``\\*``, ``&amp;``) maps its one character to its whole
source, markup (``**``, ``[``, ``](url)``) is a piece of its own. The
``text_join`` rule, which would merge escapes into the text around them and so
lose where they were, is off; the tokens are otherwise the standard ones.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Piece kinds.
TEXT = "text"  # text: one character per source character (``exact``) or not
CODE = "code"  # inline code: its text, the backticks included in the range
BREAK = "break"  # a soft or hard line break: shown as a space (hard: a newline)
OPEN = "open"  # opening markup: "em", "strong", "s", "link" (href in ``href``)
CLOSE = "close"  # closing markup, same names
IMAGE = "image"  # an image: its alt text, the whole ``![alt](src)`` in the range
HTML = "html"  # inline HTML: its source, not article text


@dataclass(frozen=True)
class Piece:
    kind: str
    text: str
    start: int
    end: int
    exact: bool = False  # text[i] sits at start + i
    tag: str = ""  # for OPEN/CLOSE: em, strong, s, link; for BREAK: soft, hard
    href: str = ""


@functools.cache
def parser() -> MarkdownIt:
    """CommonMark with tables and strike-through, ``text_join`` off (see above)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough").disable("text_join")


def parse(body: str) -> list[Token]:
    return parser().parse(body)


def line_starts(body: str) -> list[int]:
    """The offset of each source line's first character (and one past the end)."""
    starts = [0]
    at = body.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = body.find("\n", at + 1)
    starts.append(len(body) + 1)
    return starts


def _line(body: str, starts: list[int], n: int) -> tuple[int, str]:
    if n + 1 >= len(starts):
        return len(body), ""
    begin, end = starts[n], starts[n + 1] - 1
    return begin, body[begin:end]


def _align(source: str, target: str, base: int) -> list[int]:
    """Offsets (base + i) of target's characters in ``source``, matched in order
    (a subsequence); an unmatched character takes its predecessor's place."""
    out: list[int] = []
    cursor = 0
    for ch in target:
        at = source.find(ch, cursor)
        if at < 0:
            out.append(base + max(0, cursor - 1))
            continue
        out.append(base + at)
        cursor = at + 1
    return out


def content_offsets(body: str, starts: list[int], token: Token) -> list[int]:
    """For a block's inline token, the body offset of each character of
    ``token.content`` (its lines, container markers and indentation removed),
    plus one past its last character."""
    content = token.content
    first = token.map[0] if token.map else 0
    out: list[int] = []
    for i, cline in enumerate(content.split("\n")):
        begin, sline = _line(body, starts, first + i)
        k = -1
        if cline and sline.endswith(cline):
            k = len(sline) - len(cline)
        elif cline and sline.rstrip().endswith(cline):
            k = len(sline.rstrip()) - len(cline)
        elif cline:
            k = sline.find(cline)
        if k >= 0 or not cline:
            k = max(k, 0) if cline else len(sline)
            out.extend(range(begin + k, begin + k + len(cline)))
        else:
            out.extend(_align(sline, cline, begin))
        out.append(begin + len(sline))  # the newline after the line
    out[-1] = out[-2] + 1 if len(out) > 1 else out[-1]
    return out


def cell_offsets(body: str, starts: list[int], token: Token, cursor: int) -> list[int]:
    """As content_offsets for one table cell, found in its row's line from
    ``cursor`` (a body offset: the end of the previous cell)."""
    content = token.content
    row = token.map[0] if token.map else 0
    begin, sline = _line(body, starts, row)
    local = max(0, cursor - begin)
    k = sline.find(content, local) if content else local
    if k >= 0:
        out = list(range(begin + k, begin + k + len(content)))
    else:  # an escaped pipe ("\|") is a plain "|" in the cell: align instead
        out = _align(sline[local:], content, begin + local)
    out.append((out[-1] + 1) if out else begin + local)
    return out


def _skip_target(content: str, at: int) -> int:
    """From just after a link's closing "]", past its "(dest "title")" or
    "[ref]", if any; returns the offset after it."""
    if content.startswith("(", at):
        close = _matching(content, at, "(", ")")
        return close + 1 if close is not None else len(content)
    if content.startswith("[", at):
        close = content.find("]", at)
        return close + 1 if close >= 0 else at
    return at


def _closing_bracket(content: str, at: int) -> int:
    """The "]" that closes the "[" at ``at`` (brackets nest, escapes skip)."""
    close = _matching(content, at, "[", "]")
    return close if close is not None else len(content) - 1


def _matching(content: str, at: int, opening: str, closing: str) -> int | None:
    """Where the ``closing`` bracket that closes the ``opening`` one at
    ``at`` stands (brackets nest, a backslash escapes), or None."""
    depth, i = 0, at
    while i < len(content):
        ch = content[i]
        if ch == "\\":
            i += 2
            continue
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def pieces(token: Token, offsets: list[int]) -> Iterator[Piece]:
    """The inline children of ``token`` as pieces placed in the body, given
    ``offsets`` (content_offsets or cell_offsets of the token).

    One loop: every branch (one per child type) moves the same cursor along
    the token's content, so the walk reads best in one place."""
    content = token.content
    cursor = 0
    last = len(content)

    def place(a: int, b: int) -> tuple[int, int]:
        a = min(max(a, 0), last)
        b = min(max(b, a), last)
        if b == a:
            return offsets[a], offsets[a]
        return offsets[a], offsets[b - 1] + 1

    def find(needle: str) -> int:
        at = content.find(needle, cursor) if needle else cursor
        return at if at >= 0 else cursor

    for child in token.children or []:
        kind = child.type
        if kind == "text":
            at = find(child.content)
            exact = content.startswith(child.content, at)
            s, e = place(at, at + len(child.content))
            yield Piece(TEXT, child.content, s, e, exact=exact and e - s == len(child.content))
            cursor = at + len(child.content) if exact else cursor
        elif kind == "text_special":
            at = find(child.markup)
            s, e = place(at, at + len(child.markup))
            yield Piece(TEXT, child.content, s, e, exact=child.content == child.markup)
            cursor = at + len(child.markup)
        elif kind in ("softbreak", "hardbreak"):
            at = find("\n")
            begin = at
            while begin > cursor and content[begin - 1] in " \\":
                begin -= 1
            s, e = place(begin, at + 1)
            yield Piece(BREAK, " ", s, e, tag="soft" if kind == "softbreak" else "hard")
            cursor = at + 1
        elif kind == "code_inline":
            at = find(child.markup)
            close = content.find(child.markup, at + len(child.markup))
            end = close + len(child.markup) if close >= 0 else at + len(child.markup)
            s, e = place(at, end)
            yield Piece(CODE, child.content, s, e)
            cursor = end
        elif kind.endswith("_open") or kind.endswith("_close"):
            tag = kind.rsplit("_", 1)[0]
            opening = kind.endswith("_open")
            if tag == "link":
                autolink = child.markup == "autolink"
                if opening:
                    at = find("<" if autolink else "[")
                    end = at + 1
                else:
                    at = find(">" if autolink else "]")
                    end = at + 1 if autolink else _skip_target(content, at + 1)
            else:
                at = find(child.markup)
                end = at + len(child.markup)
            s, e = place(at, end)
            href = str(child.attrs.get("href") or "") if tag == "link" else ""
            yield Piece(OPEN if opening else CLOSE, "", s, e, tag=tag, href=href)
            cursor = end
        elif kind == "image":
            at = find("![")
            close = _closing_bracket(content, at + 1)
            end = _skip_target(content, close + 1)
            s, e = place(at, end)
            yield Piece(IMAGE, child.content, s, e)
            cursor = end
        elif kind == "html_inline":
            at = find(child.content)
            s, e = place(at, at + len(child.content))
            yield Piece(HTML, child.content, s, e)
            cursor = at + len(child.content)
