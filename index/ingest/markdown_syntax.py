"""Markdown's syntax as the document readers meet it: links, rules, escapes,
emphasis, bullets and sentence ends."""

from __future__ import annotations

import re

# A link: its text holds no bracket, its target no space and only balanced
# parentheses (".../Film_(2025)"), so that no attempt scans past the next one
# and a line of "[" or "[a](" is read in linear time.
MD_LINK = re.compile(r"\[([^\[\]]*)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+\"[^\"]*\")?\)")
# The targets a stored link may keep: the web and mail. Any other scheme
# (javascript:, data:, file:, ...) and any relative target is dropped.
_SAFE_TARGET = re.compile(r"<?(?:https?://|mailto:)", re.I)
# A link reference definition ("[1]: target") and an autolink ("<scheme:...>").
_REFERENCE = re.compile(r"^ {0,3}\[[^\[\]]+\]:[ \t]*(\S+).*$", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
# A thematic break or a setext underline, escaped or not: never a title.
RULE = re.compile(r"\\?(?:[-*_=]\s*){3,}")
# Markdown's backslash escapes (CommonMark: any ASCII punctuation).
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(.+?)\1")
BULLET = re.compile(r"^\s*([•◦▪▫●○■□‣⁃·∙–—]|[-*+](?=\s))\s*")
SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]\s*$")


def safe_links(text: str) -> str:
    """Markdown whose links keep only http(s) and mailto targets: another
    link (or image) keeps its text and loses its target, a reference
    definition to another target goes, an autolink to one is plain text."""

    def link(m: re.Match[str]) -> str:
        return m.group(0) if _SAFE_TARGET.match(m.group(2)) else m.group(1)

    def reference(m: re.Match[str]) -> str:
        return m.group(0) if _SAFE_TARGET.match(m.group(1)) else ""

    def autolink(m: re.Match[str]) -> str:
        return m.group(0) if _SAFE_TARGET.match(m.group(1)) else m.group(1)

    if "](" in text:
        text = MD_LINK.sub(link, text)
    if "]:" in text:
        text = _REFERENCE.sub(reference, text)
    return _AUTOLINK.sub(autolink, text) if "<" in text else text


def strip_emphasis(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _EMPHASIS.sub(r"\2", text)
    return text


def unescape_markdown(text: str) -> str:
    """Markdown's backslash escapes undone: "\\# 1 \\[x\\]" is "# 1 [x]"."""
    return _MD_ESCAPE.sub(r"\1", text)


def escaped(text: str) -> str:
    """Markdown's backslash escapes set aside (as private-use characters), so
    that an escaped * or [ is not taken for emphasis or a link."""
    return _MD_ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)


def unescaped(text: str) -> str:
    """The characters that escaped() set aside, as themselves (without the backslash)."""
    return re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - 0xE000), text)
