"""Hostile files: front matter that expands, links that run code, markup in
exports, library files with fields of the wrong type, outlets that do not fit.
Each gets a bounded answer: the article (with a warning) or one clear sentence."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.documents import parse_document
from hollywood_ai.index.ingest.parsed import MAX_ARTICLE_BYTES, Meta, Parsed

BODY = "The body of the article has several different words in it.\n"


def alias_bomb(levels: int, width: int) -> str:
    """Front matter whose aliases expand to width**levels copies of a string."""
    rows = ["a0: &a0 [" + ",".join(['"' + "x" * 48 + '"'] * width) + "]"]
    for n in range(1, levels):
        rows.append(f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * width) + "]")
    top = f"*a{levels - 1}"
    return (
        "---\ntitle: A bomb in the front matter\n"
        + "\n".join(rows)
        + f"\nauthor: [{top}, {top}]\ntags: [{top}]\n---\n\n"
        + BODY
    )


def test_front_matter_aliases_are_refused_and_the_article_kept():
    text = alias_bomb(levels=5, width=10)  # 779 bytes that expand past 10 MB
    assert len(text) < 1000
    started = time.monotonic()
    parsed = parse_document(text, ".md")
    article = parsed.article("bomb.md")
    assert time.monotonic() - started < 2
    assert article.title == "A bomb in the front matter"
    assert article.body == BODY
    assert not article.author and not article.tags
    assert any("alias" in w for w in parsed.meta.warnings)


def test_a_600_byte_alias_bomb_ends_quickly_in_little_memory(tmp_path: Path):
    """The bomb that never finished: read in a child limited to 1 GB and 20 s."""
    path = tmp_path / "bomb.md"
    path.write_text(alias_bomb(levels=9, width=9))
    assert path.stat().st_size < 1200
    script = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
        from hollywood_ai.index.ingest.documents import parse_document
        parsed = parse_document(open({str(path)!r}).read(), ".md")
        print(parsed.meta.title, len(parsed.article("bomb.md").author or ""))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=20
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["A", "bomb", "in", "the", "front", "matter", "0"]


def test_an_article_larger_than_the_input_cap_is_refused():
    meta = Meta(title="Too large", author="x" * (MAX_ARTICLE_BYTES // 2))
    parsed = Parsed(meta=meta, body="word " * (MAX_ARTICLE_BYTES // 8))
    with pytest.raises(HollywoodError, match="larger than 5 MB"):
        parsed.article("large.md")


def test_front_matter_nested_too_deep_is_left_out_and_the_article_kept():
    text = "---\ntitle: Deep front matter\ntags: " + "[" * 100_000 + "\n---\n\n" + BODY
    started = time.monotonic()
    parsed = parse_document(text, ".md")
    assert time.monotonic() - started < 2
    assert parsed.meta.title == "Deep front matter"
    assert parsed.body == BODY
    assert any("not valid YAML" in w for w in parsed.meta.warnings)
