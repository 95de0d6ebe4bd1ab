"""YAML front matter: taken from the top of a document, repaired when broken,
and applied to its metadata."""

from __future__ import annotations

import re
from typing import Any

import yaml
from hollywood_ai.index.ingest.parsed import Meta
from hollywood_ai.index.ingest.urls import normalise_date
from hollywood_ai.index.text.normalise import clean_inline

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
_FM_START = re.compile(r"---[ \t]*\n")
_FM_END = re.compile(r"^(---|\.\.\.)[ \t]*$", re.M)
_FM_KEY = re.compile(r"^[A-Za-z_][\w .-]{0,40}:(?:\s|$)")


def _front_matter_line(line: str) -> bool:
    """A line that front matter is made of: a key, an indented continuation,
    a list item, a comment."""
    return bool(_FM_KEY.match(line)) or line.startswith((" ", "\t", "- ", "#"))


def take_front_matter(text: str, meta: Meta) -> str:
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
            meta.warnings.append(_unread_warning(block, bool(data)))
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
            if _uses_aliases(head):
                meta.warnings.append(_unread_warning(head, bool(data)))
        meta.warnings.append(
            "its front matter has no closing '---' line; "
            "the key: value lines at its top were read as metadata"
        )
    _apply_front_matter(data, meta)
    return body.lstrip("\n")


class _AliasRefused(yaml.YAMLError):
    """The block uses an alias (``*name``)."""


class _NoAliasLoader(yaml.BaseLoader):
    """BaseLoader (it builds no objects) that refuses aliases: a few hundred
    bytes of anchors and aliases can stand for gigabytes of text."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused("an alias")
        return super().compose_node(parent, index)


_MAX_DEPTH = 64  # YAML's scanner slows with nesting depth, far more than with length


def _load(block: str) -> Any:
    """The block read by YAML, without aliases, and refused (as a YAMLError)
    when its brackets nest deeper than any front matter needs."""
    depth = deepest = 0
    for char in block:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    if deepest > _MAX_DEPTH:
        raise yaml.YAMLError("nested too deep")
    return yaml.load(block, Loader=_NoAliasLoader)


def _yaml_mapping(block: str) -> dict[str, Any] | None:
    """The block as a YAML mapping, every value read as text (a date that is
    not a date, or a number, does not make the whole block fail), or None
    (also for a block with an alias)."""
    try:
        data = _load(block)
    except (yaml.YAMLError, RecursionError):  # RecursionError: nested too deep to read
        return None
    if data is None:
        return {}
    return data if isinstance(data, dict) else None


def _uses_aliases(block: str) -> bool:
    try:
        _load(block)
    except _AliasRefused:
        return True
    except (yaml.YAMLError, RecursionError):
        return False
    return False


def _unread_warning(block: str, kept: bool) -> str:
    """The warning for a front-matter block YAML could not read as a whole."""
    if _uses_aliases(block):
        return "its front matter uses YAML aliases (*name), which are not read; " + (
            "the keys without them were kept" if kept else "it was ignored"
        )
    return "its front matter is not valid YAML; " + (
        "the keys that could be read were kept" if kept else "it was ignored"
    )


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
    for key in ("url", "canonical_url", "canonical", "link"):
        if isinstance(lowered.get(key), str) and lowered[key].startswith(("http://", "https://")):
            meta.url = lowered[key].strip()
            break
    for key in ("outlet", "publication", "site_name", "site", "publisher"):
        value = lowered.get(key)
        if isinstance(value, str) and value.strip() and not value.startswith("http"):
            meta.outlet = clean_inline(value)
            break
    # What the text names as its source: the via, not who published it.
    for key in ("source_url", "original_url", "source", "via"):
        value = lowered.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            meta.via_url = meta.via_url or value.strip()
        elif isinstance(value, str) and value.strip() and key in ("source", "via"):
            meta.via = meta.via or clean_inline(value)
    for key in ("tags", "tag"):
        value = lowered.get(key)
        if isinstance(value, (list, tuple)):
            meta.add_tags([str(v) for v in value])
        elif isinstance(value, str):
            meta.add_tags(value)
