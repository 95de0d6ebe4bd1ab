"""Turn a text document of any of the shapes people bring into an Article.

The shapes are told apart by their content, never by file name:

* Markdown with YAML front matter (title, date, tags, layout keys);
* a Markdown digest whose title is a heading carrying a link, with tables and
  a link to the original;
* plain text scraped from a web page, with site chrome around the article
  (language selectors, ad lines, bylines, related-article links, comment forms);
* plain text with bullet glyphs and flattened tables.

The readers of each part: frontmatter (YAML front matter), markdown_input
(Markdown sections and lines), plaintext (plain text to Markdown), meta_lines
(Source:, Tags:, By ... lines), titles; the result is a parsed.Parsed. Every
rule in them is a general one about how such documents are written; none is
keyed to a particular file.
"""

from __future__ import annotations

from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.frontmatter import take_front_matter
from hollywood_ai.index.ingest.markdown_input import (
    looks_like_markdown,
    markdown_lines,
    take_title_line,
)
from hollywood_ai.index.ingest.markdown_syntax import RULE
from hollywood_ai.index.ingest.parsed import Meta, Parsed
from hollywood_ai.index.ingest.plaintext import plain_text_lines
from hollywood_ai.index.ingest.provenance import settle
from hollywood_ai.index.ingest.titles import derive_title
from hollywood_ai.index.ingest.urls import date_from_url
from hollywood_ai.index.model import Article
from hollywood_ai.index.text.normalise import clean_inline, repair, squeeze_blank_lines

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
    text = take_front_matter(text, meta)
    lines = text.split("\n")
    if (suffix or "").lower() in MARKDOWN_SUFFIXES or looks_like_markdown(lines):
        body_lines = markdown_lines(lines, meta)
        if not meta.title:
            body_lines = take_title_line(body_lines, meta)
    else:
        body_lines = plain_text_lines(lines, meta)
    body = squeeze_blank_lines("\n".join(body_lines))
    if not body.strip():
        raise HollywoodError("no article text was found in the document")
    if meta.title:
        meta.title = meta.title.lstrip("\\ ")
        if not meta.title or RULE.fullmatch(meta.title):
            meta.title = None
    if not meta.title:
        meta.title = derive_title(body)
        meta.title_derived = True
    settle(meta, body)
    # A date in the text's address, else in its source's (a digest is dated
    # by the story it passes on when it says nothing of its own date).
    for address in (meta.url, meta.via_url):
        if address and not meta.published:
            meta.published = date_from_url(address)
    meta.title = clean_inline(meta.title)
    return Parsed(meta=meta, body=body)
