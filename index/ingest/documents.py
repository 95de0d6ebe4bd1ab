"""Turn a text document of any of the shapes people bring into an Article.

The shapes are told apart by their content, never by file name:

* Markdown with YAML front matter (title, date, tags, layout keys);
* a Markdown digest whose title is a heading carrying a link, with tables and
  a link to the original;
* plain text scraped from a web page, with site chrome around the article
  (language selectors, ad lines, bylines, related-article links, comment forms);
* plain text with bullet glyphs and flattened tables.

Every rule here is a general one about how such documents are written; none is
keyed to a particular file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest import chrome
from hollywood_ai.index.ingest.urls import (
    clean_url,
    date_from_url,
    normalise_date,
    outlet_from_url,
)
from hollywood_ai.index.model import Article
from hollywood_ai.index.text.normalise import clean_inline, repair, squeeze_blank_lines

# Front-matter keys that describe page layout, not the article.
LAYOUT_KEYS = {
    "layout",
    "toc",
    "toc_sticky",
    "toc_label",
    "toc_icon",
    "classes",
    "sidebar",
    "permalink",
    "header",
    "comments",
    "share",
    "related",
    "read_time",
    "draft",
    "excerpt_separator",
    "weight",
    "slug",
    "aliases",
    "type",
    "menu",
    "image",
    "featured_image",
    "cover",
    "thumbnail",
    "redirect_from",
}
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_COMMENT = re.compile(r"^\s*\[//\]:\s*#\s*(\(.*\)|\".*\"|'.*')?\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# A thematic break or a setext underline, escaped or not: never a title.
_RULE = re.compile(r"\\?(?:[-*_=]\s*){3,}")
# Markdown's backslash escapes (CommonMark: any ASCII punctuation).
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(.+?)\1")
_BULLET = re.compile(r"^\s*([•◦▪▫●○■□‣⁃·∙–—]|[-*+](?=\s))\s*")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]\s*$")
_META_LINE = re.compile(
    r"^\s*(?:\*\*|__)?(?P<key>source|via|originally published (?:in|at|by)|tags?|keywords|"
    r"categories|category|topics|published|date|updated|author|byline|written by|posted by|by)"
    r"(?:\*\*|__)?\s*[:\-–—]?\s*(?:\*\*|__)?\s*(?P<value>.+?)\s*$",
    re.I,
)
_BYLINE = re.compile(
    r"^\s*(?i:written by|posted by|words by|story by|by)\s*:?\s+"
    r"(?P<name>[A-ZÀ-Þ][\w.'’-]+(?:\s+(?:[A-ZÀ-Þ][\w.'’-]+|de|da|van|von|der|la|le|and|&)){0,4})\s*"
    r"(?:[,|•·—–-].*)?$"
)
_TAG_SECTIONS = {"keywords", "tags", "topics", "themes", "key words", "subjects"}
_META_SECTIONS = {"other", "metadata", "meta", "details", "info"}
_ORIGINAL_LINK_TEXT = re.compile(
    r"^(external link|original( article| story| post)?|source|read (more|the original|the full (story|article))|"
    r"full (story|article)|link|via .*)$",
    re.I,
)


@dataclass
class Meta:
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    title_derived: bool = False  # the title is the text's first sentence, not its own

    def add_tags(self, values: list[str] | str) -> None:
        if isinstance(values, str):
            values = [v for v in re.split(r"[,;]", values)]
        for value in values:
            tag = clean_inline(str(value)).strip(" #.")
            if tag and tag.lower() not in {t.lower() for t in self.tags}:
                self.tags.append(tag)


@dataclass
class Parsed:
    """An article before it has an id: what the ingester recovered."""

    meta: Meta
    body: str
    language: str | None = None

    def article(self, origin: str) -> Article:
        return Article.make(
            title=self.meta.title or "Untitled",
            body=self.body,
            origin=origin,
            outlet=self.meta.outlet,
            author=self.meta.author,
            published=self.meta.published,
            url=self.meta.url,
            tags=self.meta.tags,
            language=self.language,
        )


MARKDOWN_SUFFIXES = {".md", ".markdown"}


def parse_text(raw: str, origin: str) -> Article:
    """Parse a Markdown or plain-text document into an Article."""
    return parse_document(raw).article(origin)


def parse_document(raw: str, suffix: str | None = None) -> Parsed:
    """A document's article. ``suffix`` is the file's suffix when there is one:
    a .md or .markdown file is read as Markdown whatever its content; other
    documents are told apart by their content."""
    text = repair(raw)
    if not text.strip():
        raise HollywoodError("the document is empty")
    meta = Meta()
    text = _take_front_matter(text, meta)
    lines = text.split("\n")
    if (suffix or "").lower() in MARKDOWN_SUFFIXES or _looks_like_markdown(lines):
        body_lines = _markdown_lines(lines, meta)
        if not meta.title:
            body_lines = _take_title_line(body_lines, meta)
    else:
        body_lines = _plain_text_lines(lines, meta)
    body = squeeze_blank_lines("\n".join(body_lines))
    if not body.strip():
        raise HollywoodError("no article text was found in the document")
    if meta.title:
        meta.title = meta.title.lstrip("\\ ")
        if not meta.title or _RULE.fullmatch(meta.title):
            meta.title = None
    if not meta.title:
        meta.title = derive_title(body)
        meta.title_derived = True
    if meta.url:
        meta.url = clean_url(meta.url)
        if not meta.outlet:
            meta.outlet = outlet_from_url(meta.url)
        if not meta.published:
            meta.published = date_from_url(meta.url)
    meta.title = clean_inline(meta.title)
    return Parsed(meta=meta, body=body)


# ----------------------------------------------------------------- front matter


_FM_START = re.compile(r"---[ \t]*\n")
_FM_END = re.compile(r"^(---|\.\.\.)[ \t]*$", re.M)
_FM_KEY = re.compile(r"^[A-Za-z_][\w .-]{0,40}:(?:\s|$)")


def _front_matter_line(line: str) -> bool:
    """A line that front matter is made of: a key, an indented continuation,
    a list item, a comment."""
    return bool(_FM_KEY.match(line)) or line.startswith((" ", "\t", "- ", "#"))


def _take_front_matter(text: str, meta: Meta) -> str:
    """Read YAML front matter into meta; return the text after it.

    Broken front matter never costs the body: with no closing '---' line, the
    key: value lines at the top are the metadata; keys YAML cannot read are
    left out one by one; a date that is not a date is dropped. Each repair is
    a warning."""
    stripped = text.lstrip("\n")
    start = _FM_START.match(stripped)
    if not start:
        return text
    rest = stripped[start.end() :]
    end = _FM_END.search(rest)
    block = rest[: end.start()] if end else ""
    if end and all(_front_matter_line(line) for line in block.split("\n") if line.strip()):
        body = rest[end.end() :]
        data = _yaml_mapping(block)
        if data is None:
            data = _per_key(block)
            meta.warnings.append(
                "its front matter is not valid YAML; "
                + ("the keys that could be read were kept" if data else "it was ignored")
            )
    else:
        # No closing line (a '---' further down is a rule in the text): the
        # key: value lines at the top, up to the first blank line, are the metadata.
        lines = rest.split("\n")
        n = 0
        while n < len(lines) and lines[n].strip() and _front_matter_line(lines[n]):
            n += 1
        if n == 0 or not _FM_KEY.match(lines[0]):
            return rest  # a rule above the text, not front matter
        head = "\n".join(lines[:n])
        body = "\n".join(lines[n:])
        data = _yaml_mapping(head)
        if data is None:
            data = _per_key(head)
        meta.warnings.append(
            "its front matter has no closing '---' line; "
            "the key: value lines at its top were read as metadata"
        )
    _apply_front_matter(data, meta)
    return body.lstrip("\n")


def _yaml_mapping(block: str) -> dict[str, Any] | None:
    """The block as a YAML mapping, every value read as text (a date that is
    not a date, or a number, does not make the whole block fail), or None."""
    try:
        data = yaml.load(block, Loader=yaml.BaseLoader)  # BaseLoader builds no objects
    except yaml.YAMLError:
        return None
    if data is None:
        return {}
    return data if isinstance(data, dict) else None


def _per_key(block: str) -> dict[str, Any]:
    """The top-level keys of a block YAML cannot read as a whole, each read on
    its own; the ones that still cannot be read are left out."""
    data: dict[str, Any] = {}
    for line in block.split("\n"):
        if not _FM_KEY.match(line):
            continue
        one = _yaml_mapping(line)
        if one:
            data.update(one)
    return data


def _apply_front_matter(data: dict[str, Any], meta: Meta) -> None:
    lowered = {str(k).lower(): v for k, v in data.items() if str(k).lower() not in LAYOUT_KEYS}
    if isinstance(lowered.get("title"), str):
        meta.title = clean_inline(lowered["title"])
    for key in ("author", "authors", "byline", "creator"):
        value = lowered.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, dict):
            value = value.get("name")
        if value:
            meta.author = clean_inline(str(value))
            break
    bad_dates = []
    for key in ("date", "published", "pubdate", "publishdate", "published_at", "created"):
        if lowered.get(key):
            meta.published = normalise_date(lowered[key])
            if meta.published:
                break
            bad_dates.append(f"{key}: {clean_inline(str(lowered[key]))[:40]}")
    if bad_dates and not meta.published:
        meta.warnings.append(
            f"its front matter's '{bad_dates[0]}' is not a valid date; the date was left out"
        )
    for key in ("url", "canonical_url", "canonical", "link", "source_url", "original_url"):
        if isinstance(lowered.get(key), str) and lowered[key].startswith(("http://", "https://")):
            meta.url = lowered[key].strip()
            break
    for key in ("outlet", "publication", "site_name", "site", "publisher", "source"):
        value = lowered.get(key)
        if isinstance(value, str) and value.strip() and not value.startswith("http"):
            meta.outlet = clean_inline(value)
            break
    for key in ("tags", "tag"):
        value = lowered.get(key)
        if isinstance(value, (list, tuple)):
            meta.add_tags([str(v) for v in value])
        elif isinstance(value, str):
            meta.add_tags(value)


# -------------------------------------------------------------------- markdown


def _looks_like_markdown(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip()), "")
    if _HEADING.match(first):  # "# Title" first: a Markdown document, however short
        return True
    score = 0
    for line in lines:
        if _HEADING.match(line):
            score += 2
        if _MD_LINK.search(line):
            score += 1
        if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            score += 1
        if re.match(r"^\s*[*+-]\s+\S", line):
            score += 1
        if re.search(r"(\*\*|__)\S.*?\S\1", line):
            score += 1
    return score >= 3


def _strip_emphasis(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _EMPHASIS.sub(r"\2", text)
    return text


def _link_only(line: str) -> tuple[str, str] | None:
    """A line that is nothing but a (possibly emphasised) link: (text, target)."""
    m = re.fullmatch(r"(\*\*|__|\*|_)?(?P<link>\[[^\]]*\]\([^)]*\))\1?", line.strip())
    m = _MD_LINK.fullmatch(m.group("link")) if m else None
    if not m:
        return None
    return _strip_emphasis(m.group(1)).strip(), m.group(2)


def _heading_title(text: str) -> str:
    # A trailing parenthetical that carries a link names where the digest took
    # the piece from, not the piece: "Title, (from page [x](y).)".
    text = re.sub(r"[,;:]?\s*\((?:[^()]*\[[^\]]*\]\([^)]*\)[^()]*)\)\s*\.?\s*$", "", text)
    text = _MD_LINK.sub(r"\1", _escaped(text))
    return _unescaped(_strip_emphasis(text)).strip(" ,;:-–—")


def unescape_markdown(text: str) -> str:
    """Markdown's backslash escapes undone: "\\# 1 \\[x\\]" is "# 1 [x]"."""
    return _MD_ESCAPE.sub(r"\1", text)


def _escaped(text: str) -> str:
    """Markdown's backslash escapes set aside (as private-use characters), so
    that an escaped * or [ is not taken for emphasis or a link."""
    return _MD_ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)


def _unescaped(text: str) -> str:
    """The characters _escaped set aside, as themselves (without the backslash)."""
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - 0xE000), text)


def _markdown_lines(lines: list[str], meta: Meta) -> list[str]:
    out: list[str] = []
    sections = _split_sections(lines)
    first_content_seen = False
    for heading, block in sections:
        level_title = heading
        if heading is not None:
            m = _HEADING.match(heading)
            assert m
            name = _strip_emphasis(m.group(2)).strip().rstrip(":").lower()
            if name in _TAG_SECTIONS and _only_list_items(block):
                meta.add_tags([_BULLET.sub("", b).strip() for b in block if b.strip()])
                continue
            if name in _META_SECTIONS and _only_key_values(block):
                continue
            if (not first_content_seen and len(m.group(1)) == 1 and not meta.title) or (
                not first_content_seen and not meta.title and _MD_LINK.search(m.group(2))
            ):
                meta.title = _heading_title(m.group(2))
                level_title = None
        kept = _markdown_block(block, meta)
        if level_title is not None:
            out.append(level_title)
            out.append("")
        out.extend(kept)
        if heading is not None or any(k.strip() for k in kept):
            first_content_seen = True
    # A trailing horizontal rule left behind by a removed attribution line.
    while out and (not out[-1].strip() or re.fullmatch(r"\s*([-*_]\s*){3,}", out[-1])):
        out.pop()
    return out


def _take_title_line(lines: list[str], meta: Meta) -> list[str]:
    """A Markdown note with no heading whose first paragraph is one short,
    title-like line (no sentence end, no Markdown syntax): that line is its title."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 2:
        return lines
    first = lines[filled[0]].strip()
    if filled[1] == filled[0] + 1 or re.match(r"^([#>|*+=`~\\-]|\d+[.)]\s)", first):
        return lines
    if not _is_title_line(_heading_title(first)):
        return lines
    meta.title = _heading_title(first)
    return lines[filled[1] :]


def _split_sections(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    in_code = False
    for line in lines:
        if line.lstrip().startswith("```"):
            in_code = not in_code
        if not in_code and _HEADING.match(line):
            sections.append((line, []))
        else:
            sections[-1][1].append(line)
    return sections


def _only_list_items(block: list[str]) -> bool:
    items = [b for b in block if b.strip()]
    return bool(items) and all(_BULLET.match(b) for b in items)


def _only_key_values(block: list[str]) -> bool:
    items = [_BULLET.sub("", b).strip() for b in block if b.strip()]
    return bool(items) and all(re.fullmatch(r"[\w ]{1,30}:\s*\S.{0,60}", i) for i in items)


def _markdown_block(block: list[str], meta: Meta) -> list[str]:
    kept: list[str] = []
    for line in block:
        if _MD_COMMENT.match(line):
            continue
        link = _link_only(line)
        if link and _ORIGINAL_LINK_TEXT.match(link[0]) and link[1].startswith("http"):
            meta.url = meta.url or link[1]
            continue
        if _take_meta_line(_strip_emphasis(line), meta):
            continue
        if chrome.is_chrome_line(_MD_LINK.sub(r"\1", line)):
            continue
        kept.append(line.rstrip())
    return kept


# ---------------------------------------------------------------- metadata lines


def _take_meta_line(line: str, meta: Meta) -> bool:
    """Read an attribution line (Source:, Tags:, By ...) into meta; True if it was one."""
    stripped = line.strip()
    if not stripped or len(stripped) > 300:
        return False
    byline = _BYLINE.match(stripped)
    if byline and len(stripped.split()) <= 8:
        meta.author = meta.author or clean_inline(byline.group("name"))
        return True
    m = _META_LINE.match(stripped)
    if not m:
        return False
    key = m.group("key").lower()
    value = m.group("value").strip()
    if key in ("by", "written by", "posted by", "author", "byline"):
        return False  # handled by _BYLINE, or not a byline at all
    if key in ("source", "via") or key.startswith("originally"):
        if ":" not in stripped[: len(m.group("key")) + 4]:
            return False
        link = _MD_LINK.search(value)
        if link:
            name = _strip_emphasis(link.group(1)).strip()
            meta.url = meta.url or link.group(2)
            if name and not name.startswith("http") and len(name.split()) <= 6:
                meta.outlet = meta.outlet or name
            return True
        if value.startswith(("http://", "https://")):
            meta.url = meta.url or value.split()[0]
            return True
        if len(value.split()) <= 4 and value[:1].isupper() and not _SENTENCE_END.search(value):
            meta.outlet = meta.outlet or clean_inline(value)
        # A longer value is the original's headline: attribution, not article text.
        return True
    if key in ("tag", "tags", "keywords", "categories", "category", "topics"):
        if ":" not in stripped:
            return False
        meta.add_tags(_MD_LINK.sub(r"\1", value))
        return True
    if key in ("published", "date", "updated"):
        if ":" not in stripped:
            return False
        when = normalise_date(value)
        if when:
            if key != "updated":
                meta.published = meta.published or when
            return True
    return False


# ------------------------------------------------------------------ plain text


def _plain_text_lines(lines: list[str], meta: Meta) -> list[str]:
    """Scraped or typed plain text to Markdown: one paragraph per line."""
    raw = [line.rstrip() for line in lines]
    repeated = chrome.repeated_short_lines(raw)
    kept: list[str] = []
    for line in raw:
        text = line.strip()
        if not text:
            kept.append("")
            continue
        if text in repeated or chrome.is_chrome_line(text):
            continue
        if _take_meta_line(text, meta):
            kept.append(chrome.BYLINE_MARK if _BYLINE.match(text) else "")
            continue
        kept.append(line)
    kept = chrome.drop_after_trailing_byline(kept)
    kept = [k for k in kept if k != chrome.BYLINE_MARK]
    paragraphs = [p for p in (k.strip() for k in kept) if p]
    paragraphs = chrome.drop_related_tail(paragraphs)

    # The first short line is the title; scraped pages often print it twice.
    if paragraphs and not meta.title and _is_title_line(paragraphs[0]):
        meta.title = paragraphs[0]
        paragraphs = paragraphs[1:]
        while paragraphs and paragraphs[0] == meta.title:
            paragraphs = paragraphs[1:]
    elif meta.title:
        while paragraphs and paragraphs[0] == meta.title:
            paragraphs = paragraphs[1:]

    return _paragraphs_to_markdown(kept_structure(kept, paragraphs))


def kept_structure(kept: list[str], paragraphs: list[str]) -> list[str]:
    """Keep the original line order but only the paragraphs that survived."""
    allowed = list(paragraphs)
    out: list[str] = []
    for line in kept:
        text = line.strip()
        if not text:
            if out and out[-1] != "":
                out.append("")
            continue
        if allowed and text == allowed[0]:
            out.append(line)
            allowed.pop(0)
    return out


def _is_title_line(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 20 and not re.search(r"[.!…:;,]\s*$", text) and text[:1].isupper()


def _is_heading_line(text: str) -> bool:
    words = text.split()
    if not (1 <= len(words) <= 10) or len(text) > 80:
        return False
    if _SENTENCE_END.search(text) or text.endswith((",", "?")):
        return False
    if _BULLET.match(text) or _NUMBERED.match(text):
        return False
    return text[:1].isupper()


def _paragraphs_to_markdown(lines: list[str]) -> list[str]:
    """Group the kept lines into blocks (separated by blank lines) and render each."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        if not line.strip():
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    out: list[str] = []
    for block in (b for b in blocks if b):
        table = _flattened_table(block)
        if table:
            out.extend(table)
            out.append("")
            continue
        for line in block:
            text = line.strip()
            if _BULLET.match(line):
                out.append("- " + _escape_md(_BULLET.sub("", line).strip()))
                if len(block) == 1:
                    out.append("")
                continue
            if out and out[-1].startswith("- "):
                out.append("")
            if len(block) == 1 and _is_heading_line(text):
                out.append("## " + text)
            elif re.match(r"^Q\d*\s*[:.)]\s*\S", text) and text.endswith("?"):
                out.append("**" + _escape_md(text) + "**")
            else:
                out.append(_escape_md(text))
            out.append("")
        if out and out[-1] != "":
            out.append("")
    return out


def _escape_md(text: str) -> str:
    """Plain text that Markdown would misread: leading #, >, numbered-list digits."""
    if re.match(r"^(#{1,6}\s|>|\d+[.)]\s|[-*+]\s|={3,}|-{3,}|\|)", text):
        return "\\" + text
    return text


def _flattened_table(block: list[str]) -> list[str] | None:
    """A table flattened to text: a header of a few short words, then rows that
    start with as many single-token cells (years, numbers, codes)."""
    if len(block) < 3:
        return None
    header = block[0].split()
    if not (2 <= len(header) <= 5) or _SENTENCE_END.search(block[0]):
        return None
    if not all(w[:1].isupper() and w.isalpha() for w in header):
        return None
    n = len(header)
    rows = []
    for line in block[1:]:
        cells = line.split()
        if len(cells) < n or _BULLET.match(line):
            return None
        lead = cells[: n - 1]
        if not all(
            re.fullmatch(r"[\w$%.,/–-]{1,12}", c) and any(ch.isdigit() for ch in c) for c in lead
        ):
            return None
        rows.append([*lead, " ".join(cells[n - 1 :])])

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    return [row(header), "|" + "|".join(["---"] * n) + "|", *[row(r) for r in rows]]


# --------------------------------------------------------------------- titles


def derive_title(body: str, limit: int = 90) -> str:
    """A title for a text that has none: its first sentence, cut at a clause."""
    for line in body.split("\n"):
        text = line.strip().lstrip("#").strip()
        if not text or text.startswith("|") or _RULE.fullmatch(text):
            continue
        # A title is plain text: links, emphasis and escapes go ("\# 1" is "# 1").
        text = _unescaped(_strip_emphasis(_MD_LINK.sub(r"\1", _escaped(text))))
        text = re.sub(r"^#{1,6}\s+", "", text).lstrip("\\")
        text = text.strip("\"“”'‘’ ")
        if not text or _RULE.fullmatch(text):
            continue
        sentence = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0].rstrip(".")
        if len(sentence) <= limit:
            return sentence
        # Cut at the last clause boundary that leaves a readable phrase.
        cut = max(sentence.rfind(sep, 0, limit) for sep in (", and ", ", but ", "; ", " — ", ", "))
        if cut >= 30:
            return sentence[:cut].rstrip(" ,;—")
        return sentence[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return "Untitled"
