"""Hostile files: front matter that expands, links that run code, markup in
exports, library files with fields of the wrong type, outlets that do not fit.
Each gets a bounded answer: the article (with a warning) or one clear sentence."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.ingest.documents import parse_document
from hollywood_ai.index.ingest.parsed import MAX_ARTICLE_BYTES, Meta, Parsed
from hollywood_ai.index.workspace import Workspace

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


UNSAFE_LINKS = (
    "Read [a link](javascript:alert(1)) and [another](JavaScript:alert(2)) now.\n\n"
    "See ![a picture](data:text/html,<script>x</script>) and [a file](file:///etc/passwd).\n\n"
    "Also <javascript:alert(3)> and [a reference][1].\n\n"
    "[1]: javascript:alert(4)\n\n"
    "Keep [the film](https://example.com/Film_(2025)) and [mail](mailto:desk@example.com).\n"
)


def link_targets(body: str) -> list[str]:
    """Every link's and image's target in a body, as the reader's Markdown reads it."""
    from markdown_it import MarkdownIt

    found = []
    for token in MarkdownIt("commonmark").parse(body):
        for child in token.children or []:
            if child.type in ("link_open", "image"):
                found.append(str(child.attrs.get("href") or child.attrs.get("src")))
    return found


def _unsafe_targets_gone(body: str) -> None:
    assert link_targets(body) == ["https://example.com/Film_(2025)", "mailto:desk@example.com"]
    assert "alert(1)" not in body and "alert(4)" not in body
    assert "data:text" not in body and "file:///" not in body
    for text in ("a link", "another", "a picture", "a file", "a reference"):
        assert text in body
    assert "[the film](https://example.com/Film_(2025))" in body
    assert "[mail](mailto:desk@example.com)" in body


def test_markdown_links_keep_only_web_and_mail_targets():
    article = parse_document("# Links of every kind\n\n" + UNSAFE_LINKS, ".md").article("l.md")
    _unsafe_targets_gone(article.body)


def test_page_links_keep_only_web_and_mail_targets():
    from hollywood_ai.index.ingest.html import parse_html

    words = " ".join(f"word{n}" for n in range(40))
    page = (
        "<html><head><title>Links of every kind</title></head><body><article>"
        f"<p>{words}</p><p>The studio said on Monday that its new tools would be used "
        "in every production this year, and the union asked for talks. "
        "Read <a href='javascript:alert(1)'>a link</a> and "
        "<a href='JavaScript:alert(2)'>another</a> and <a href='file:///etc/passwd'>a file</a>"
        " and <a href='https://example.com/x'>the page</a>.</p></article></body></html>"
    )
    article = parse_html(page, "https://example.com/links").article("https://example.com/links")
    assert "javascript:" not in article.body.lower() and "file:///" not in article.body
    assert "a link" in article.body and "a file" in article.body
    assert "(https://example.com/x)" in article.body


def test_feed_entry_links_keep_only_web_and_mail_targets():
    from hollywood_ai.index.ingest.feeds import parse_feed

    words = " ".join(f"word{n}" for n in range(120))
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item>'
        "<title>An entry with links</title><link>https://example.com/e</link>"
        f"<description>&lt;p&gt;{words} &lt;a href='javascript:alert(1)'&gt;a link&lt;/a&gt;"
        "&lt;/p&gt;</description></item></channel></rss>"
    ).encode()
    (entry,) = parse_feed(feed, "feed.xml")
    assert entry.parsed is not None
    body = entry.parsed.article(entry.origin).body
    assert "javascript:" not in body.lower() and "a link" in body


def test_exported_markdown_escapes_article_html():
    from hollywood_ai.index.comparing.export import to_markdown
    from hollywood_ai.index.comparing.results import Comparison, SourceReport
    from hollywood_ai.index.comparing.scoring import ScoredPassage

    passage = ScoredPassage(
        text="It said <img src=x onerror=alert(1)> and <script>alert(2)</script>.",
        score=1.0,
        coverage=1.0,
        article_id="a1",
        position=0,
        start=0,
        end=10,
    )
    source = SourceReport(
        id="a1", title="<b onmouseover=alert(3)>Title</b>", outlet="<i>Out</i>",
        reports=True, passages=[passage],
    )  # fmt: skip
    md = to_markdown(Comparison("<script>q</script>", None, [source], []))
    assert "<" not in md
    assert "&lt;img src=x onerror=alert(1)&gt;" in md and "&lt;script&gt;alert(2)" in md


@pytest.mark.parametrize("published", [20250718, ["2025-07-18"], {"y": 2025}, "last week"])
def test_a_library_field_of_the_wrong_type_is_dropped_and_the_article_kept(
    workspace: Workspace, published: object, caplog: pytest.LogCaptureFixture
):
    import json

    path = next(workspace.library.root.glob("*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["published"] = published
    data["tags"] = "not a list"
    path.write_text(json.dumps(data), encoding="utf-8")
    workspace.invalidate()
    with caplog.at_level(logging.WARNING):
        articles = {a.id: a for a in workspace.articles()}
    kept = articles[data["id"]]
    assert kept.title == data["title"] and kept.body == data["body"]
    assert kept.published is None and kept.tags == ()
    assert path.name in caplog.text and "'published'" in caplog.text and "'tags'" in caplog.text
    assert not workspace.damaged


def test_a_long_outlet_does_not_squeeze_the_titles_in_list(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
):
    from hollywood_ai.index.adding import add
    from hollywood_ai.tui.cli.main import main

    outlet = "The " + "Very " * 20 + "Long Name Of An Outlet Network"
    assert len(outlet) >= 114
    page = tmp_path / "long.md"
    page.write_text(
        f"---\ntitle: Netflix signs a deal for a new animated series\noutlet: {outlet}\n---\n\n"
        + BODY
    )
    assert add(workspace, [str(page)]).added
    workspace.close()
    monkeypatch.setenv("COLUMNS", "100")
    capsys.readouterr()
    assert main(["--home", str(workspace.home), "list"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "The Very" in x)
    assert "Netflix signs a deal" in line and len(line) <= 100


def test_a_feed_entry_too_large_once_read_fails_alone(tmp_path: Path, monkeypatch):
    from hollywood_ai.index import add
    from hollywood_ai.index.ingest import parsed

    small = " ".join(f"small{n}" for n in range(60))
    large = " ".join(f"large{n}" for n in range(900))  # about 7 KB once read
    items = "".join(
        f"<item><title>{title}</title><link>https://example.com/{title}</link>"
        f"<description>{text}</description></item>"
        for title, text in (("small", small), ("large", large))
    )
    feed = tmp_path / "feed.xml"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    ws = Workspace(tmp_path / "home")
    ws.open()
    monkeypatch.setattr(parsed, "MAX_ARTICLE_BYTES", 4000)  # the cap, small enough to test
    report = add(ws, [str(feed)])
    assert [row["title"] for row in report.added] == ["small"]
    assert len(report.failed) == 1 and "too large for an article" in report.failed[0]["error"]
    ws.close()
