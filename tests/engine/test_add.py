"""Bringing your own articles: files, folders, HTML, URLs and feeds (served
from 127.0.0.1 by the test), standard input, duplicates and bad input."""

from __future__ import annotations

import contextlib
import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hollywood_ai.index.adding import add
from hollywood_ai.index.errors import HollywoodError
from hollywood_ai.index.searching.results import search
from hollywood_ai.index.workspace import Workspace

EXE = str(Path(sys.executable).parent / "hollywood-ai")
REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld" / "readability"

ARTICLE_HTML = """<!doctype html><html lang="en"><head>
<title>Studio uses AI to dub its series | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-08-02T10:00:00Z">
<link rel="canonical" href="http://127.0.0.1/news/dubbing">
<script>alert('x')</script><style>body{color:red}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Studio uses AI to dub its series</h1>
<p>A major studio said on Friday that it used generative AI to dub its new series into
twelve languages, cutting the time needed for dubbing from months to weeks.</p>
<p>The voice actors' union said the move threatened hundreds of jobs and called for talks.
The studio said human actors would still record the lead roles in every language.</p>
<p>Executives said the system was trained on recordings the studio owns, and that every
dubbed episode is checked by a human editor before release.</p>
<table><tr><th>Language</th><th>Weeks</th></tr><tr><td>Spanish</td><td>3</td></tr></table>
</article>
<div class="comments">Leave a comment. Your email address will not be published.</div>
<footer>Copyright Example Times. All rights reserved.</footer>
</body></html>"""

FEED_XML = """<?xml version="1.0"?><rss version="2.0"><channel><title>Example Feed</title>
<item><title>Full entry about AI trailers</title><link>http://HOST/full</link>
<pubDate>Tue, 05 Aug 2025 10:00:00 GMT</pubDate><author>Sam Lee</author>
<description>{long}</description></item>
<item><title>Summary only</title><link>http://HOST/article</link>
<description>A short summary.</description></item>
</channel></rss>""".replace(
    "{long}", " ".join(["Studios now cut trailers with generative AI tools, editors say."] * 30)
)

LONG = " ".join(["Dubbing studios now test synthetic voices for minor roles, editors say."] * 15)
JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Example JSON Feed",
    "items": [
        {
            "id": "1",
            "url": "http://HOST/json/one",
            "title": "JSON entry about dubbing",
            "content_html": f"<p>{LONG}</p>",
            "date_published": "2025-08-06T09:00:00Z",
            "authors": [{"name": "Rita Moreno"}],
            "tags": ["dubbing", "voices"],
        },
        {
            "id": "2",
            "url": "http://HOST/json/two",
            "title": "Plain-text JSON entry",
            "content_text": LONG.replace("Dubbing studios", "Trailer houses") + "\n\nThe end.",
            "author": {"name": "Old Style"},
        },
    ],
}

# A page that says nothing about itself: no title, author or date.
BARE_PAGE = (
    "<html><body><article>"
    + "".join(
        f"<p>Paragraph {i}: the festival screened films whose effects were made with "
        "generative tools, and the jury debated whether that should matter.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
)
FEED2_XML = """<?xml version="1.0"?><rss version="2.0"><channel><title>Festival Wire</title>
<item><title>Jury debates AI effects</title><link>http://HOST/bare</link>
<pubDate>Wed, 06 Aug 2025 08:00:00 GMT</pubDate><author>Kim Park</author>
<category>festivals</category><description>The jury debated.</description></item>
<item><title>Gone page</title><link>http://HOST/gone</link>
<description>A summary that stays when the page is gone.</description></item>
</channel></rss>"""

# Text that reads like Markdown, in a page and in a feed entry.
LIVE = "# not a heading [x](http://evil.test/) ![img](http://evil.test/i.png)"
LIVE_PAGE = (
    "<html><head><title>Markup in text</title></head><body><article>"
    f"<p>{LIVE}</p>"
    + "".join(
        f"<p>Line {i}: critics asked whether studios should label trailers that were cut "
        "by software, and the agencies promised to answer within a month.</p>"
        for i in range(5)
    )
    + "</article></body></html>"
)
LIVE_FEED = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Live</title>
<item><title>Markup in an entry</title><link>http://127.0.0.1:9/x</link>
<description>&lt;p&gt;{LIVE}&lt;/p&gt;&lt;p&gt;{LONG}&lt;/p&gt;</description></item>
</channel></rss>"""


def _live_markdown(body: str) -> list[str]:
    """Headings, links and images a Markdown renderer would make of a body."""
    from markdown_it import MarkdownIt

    found = []
    for token in MarkdownIt("commonmark").parse(body):
        if token.type == "heading_open":
            found.append("heading")
        for child in token.children or []:
            if child.type in ("link_open", "image"):
                found.append(child.type)
    return found


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:
        if self.path == "/drip":  # a page that arrives one paragraph every 0.1 s, for 6 s
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                self.wfile.write(b"<html><body><article>")
                for _ in range(60):
                    self.wfile.write(b"<p>x</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
                self.wfile.write(b"</article></body></html>")
            except OSError:  # the client gave up
                pass
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    host = f"127.0.0.1:{httpd.server_address[1]}"
    _Handler.routes = {
        "/article": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode()),
        "/feed.xml": (200, "application/rss+xml", FEED_XML.replace("HOST", host).encode()),
        "/not-a-feed.xml": (200, "application/xml", b"<note><to>x</to></note>"),
        "/bare": (200, "text/html", BARE_PAGE.encode()),
        "/feed2.xml": (200, "application/rss+xml", FEED2_XML.replace("HOST", host).encode()),
        "/feed.json": (
            200,
            "application/feed+json",
            json.dumps(JSON_FEED).replace("HOST", host).encode(),
        ),
        "/not-a-feed.json": (200, "application/json", b'{"version": 2, "items": []}'),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        "/index.html": (
            200,
            "text/html",
            b"<html><body><article><p>Welcome to our site. Read more.</p></article></body></html>",
        ),
        "/empty.html": (
            200,
            "text/html",
            b"<html><head><title>x</title></head><body></body></html>",
        ),
        "/latin1": (
            200,
            "text/plain; charset=iso-8859-1",
            "Café culture\n\nThe café said its AI menu was très cheap and popular with tourists. "
            "Critics disagreed about the quality of the translations and the voices.".encode(
                "latin-1"
            ),
        ),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://{host}"
    httpd.shutdown()


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    w = Workspace(tmp_path / "home")
    w.open()
    yield w
    w.close()


def test_markdown_text_and_folders(ws: Workspace, tmp_path: Path):
    folder = tmp_path / "mine"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text(
        "---\ntitle: Dubbing deal\nauthor: Ana Lopez\n---\nThe studio signed a dubbing deal with an AI firm.\n"
    )
    (folder / "sub" / "b.txt").write_text(
        "Zoetrope revival\n\nA museum showed zoetropes next to AI video. Visitors compared them.\n"
    )
    (folder / "c.pdf").write_bytes(b"%PDF")
    report = add(ws, [str(folder)])
    assert [a["title"] for a in report.added] == ["Dubbing deal", "Zoetrope revival"]
    assert not report.failed
    assert search(ws, "zoetropes").total == 1
    assert ws.get(report.added[0]["id"]).author == "Ana Lopez"


def test_duplicates_by_content_and_url(ws: Workspace, tmp_path: Path):
    f = tmp_path / "x.md"
    f.write_text("A note about AI voices in animation. It is short but real.\n")
    first = add(ws, [str(f)])
    g = tmp_path / "copy.txt"
    g.write_text("A note about AI voices in animation. It is short but real.\n")
    second = add(ws, [str(f), str(g)])
    assert len(first.added) == 1 and not second.added
    assert {d["id"] for d in second.duplicates} == {first.added[0]["id"]}


def test_html_page_main_content_and_metadata(ws: Workspace, tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML)
    report = add(ws, [str(page)])
    article = ws.get(report.added[0]["id"])
    assert article.title == "Studio uses AI to dub its series"
    assert article.outlet == "Example Times" and article.author == "Jane Doe"
    assert article.published == "2025-08-02"
    assert article.url == "http://127.0.0.1/news/dubbing"
    assert "twelve languages" in article.body and "Spanish" in article.body
    for junk in ("alert(", "color:red", "Leave a comment", "All rights reserved", "Sport"):
        assert junk not in article.body


def test_url_and_feed(ws: Workspace, server: str):
    report = add(ws, [f"{server}/article"])
    assert report.added and not report.failed
    report = add(ws, [f"{server}/feed.xml"], allow_private=True)  # the test's pages are on 127.0.0.1
    titles = sorted(a["title"] for a in report.added)
    # The summary-only entry was completed from its page, which was already added: a duplicate.
    assert titles == ["Full entry about AI trailers"]
    assert len(report.duplicates) == 1
    full = ws.get(next(a["id"] for a in report.added))
    assert (
        full.outlet == "Example Feed"
        and full.author == "Sam Lee"
        and full.published == "2025-08-05"
    )


def test_bad_urls_and_feeds(ws: Workspace, server: str):
    report = add(
        ws,
        [
            f"{server}/missing",
            f"{server}/image.png",
            f"{server}/not-a-feed.xml",
            "http://127.0.0.1:9/closed",
        ],
    )
    errors = {f["input"]: f["error"] for f in report.failed}
    assert "404" in errors[f"{server}/missing"]
    assert "image/png" in errors[f"{server}/image.png"]
    assert f"{server}/not-a-feed.xml" in errors
    assert "could not be reached" in errors["http://127.0.0.1:9/closed"]
    assert len(ws.articles()) == 5


def test_encodings_are_detected(ws: Workspace, server: str, tmp_path: Path):
    report = add(ws, [f"{server}/latin1"])
    assert "café" in ws.get(report.added[0]["id"]).body
    cp = tmp_path / "win.txt"
    cp.write_bytes(
        "Quotes \u201ctoday\u201d\n\nThe studio\u2019s AI plan was \u201cambitious\u201d, critics said at length today.".encode(
            "cp1252"
        )
    )
    report = add(ws, [str(cp)])
    assert "\u201cambitious\u201d" in ws.get(report.added[0]["id"]).body


def test_bad_files_fail_one_by_one_and_nothing_changes(ws: Workspace, tmp_path: Path):
    before = sorted(p.name for p in ws.library.root.iterdir())
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "huge.txt").write_bytes(b"a " * (3 * 1024 * 1024))
    good = tmp_path / "good.md"
    good.write_text(
        "---\ntitle: [broken\n---\nThe body is kept even if the front matter is broken. Really.\n"
    )
    report = add(
        ws,
        [
            str(tmp_path / "empty.md"),
            str(tmp_path / "bin.txt"),
            str(tmp_path / "huge.txt"),
            str(tmp_path / "nope.md"),
            str(good),
        ],
    )
    errors = " ".join(f["error"] for f in report.failed)
    assert (
        "empty" in errors
        and "binary" in errors
        and "larger than" in errors
        and "does not exist" in errors
    )
    assert len(report.added) == 1 and report.warnings
    after = sorted(p.name for p in ws.library.root.iterdir())
    assert set(before) < set(after) and len(after) == len(before) + 1


def test_remove_then_add_back_a_seed(ws: Workspace):
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_4690dd6bef6575b5.txt"
    article = next(a for a in ws.articles() if a.via == "TechCrunch")
    ws.remove(article.id)
    assert search(ws, "Atonata").total == 0
    report = add(ws, [str(seed)])
    assert report.added[0]["id"] == article.id
    assert search(ws, "Atonata").total == 1


def test_cli_add_stdin_json_and_exit_codes(tmp_path: Path):
    home = tmp_path / "home"
    proc = subprocess.run(
        [EXE, "--home", str(home), "add", "-", "--json"],
        input=b"Stdin story\n\nA story about AI extras read from standard input, with enough words.\n",
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["added"][0]["title"] == "Stdin story" and data["added"][0]["origin"] == "stdin"
    proc = subprocess.run(
        [EXE, "--home", str(home), "add", str(tmp_path / "missing.md")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        proc.returncode == 1
        and "missing.md does not exist" in proc.stderr
        and "Traceback" not in proc.stderr
    )
    article_id = data["added"][0]["id"]
    proc = subprocess.run(
        [EXE, "--home", str(home), "remove", article_id],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and "removed" in proc.stdout


@pytest.mark.skipif(
    not REALWORLD.is_dir(), reason="the real-world pages are not beside this checkout"
)
def test_realworld_pages_import_well():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.bench_realworld import run

    result = run(REALWORLD)
    assert result["imported"] == result["pages"]
    assert result["fields"]["title"]["share"] >= 0.85
    assert result["fields"]["outlet"]["share"] >= 0.9
    assert result["fields"]["date"]["share"] >= 0.9
    assert result["body_excerpt_words_kept"] >= 0.8


def test_every_failure_names_its_input(ws: Workspace, server: str, tmp_path: Path):
    """Reasons that come from deep inside (the page holds too little text, no
    article text was found, the document is empty) still name the input."""
    (tmp_path / "zero-width.txt").write_text("\u200b\u200b\u200b\n")
    (tmp_path / "chrome.txt").write_text("Advertisement\n\nShare\n\nSkip to content\n")
    inputs = [
        f"{server}/index.html",
        f"{server}/empty.html",
        str(tmp_path / "zero-width.txt"),
        str(tmp_path / "chrome.txt"),
    ]
    report = add(ws, inputs)
    assert [f["input"] for f in report.failed] == inputs
    for failure in report.failed:
        assert failure["input"] in failure["error"], failure


def test_cli_messages_keep_the_spelling_of_file_names_and_urls(tmp_path: Path):
    home = tmp_path / "home"
    (tmp_path / "binary.md").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "notes").write_text("")
    proc = subprocess.run(
        [EXE, "--home", str(home), "add", "binary.md", "notes", "http://127.0.0.1:9/closed"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in proc.stderr
    assert lines[0].startswith("hollywood-ai: binary.md is a binary file")
    assert lines[1].startswith("hollywood-ai: notes is empty")
    assert "http://127.0.0.1:9/closed" in lines[2] and "Http:" not in proc.stderr


def test_folders_given_as_dotdot_or_inside_a_hidden_folder(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / ".config" / "notes"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text(
        "# Folder article A\n\nText of the first folder article, on dubbing.\n"
    )
    report = add(ws, [str(folder)])
    assert [a["title"] for a in report.added] == ["Folder article A"] and not report.failed
    (folder / "b.txt").write_text(
        "Second note\n\nThe second note is about AI voices in trailers.\n"
    )
    monkeypatch.chdir(folder / "sub")
    report = add(ws, [".."])
    assert [a["title"] for a in report.added] == ["Second note"] and not report.failed
    assert [d["origin"] for d in report.duplicates] == ["../a.md"]


def test_skipped_files_are_reported(tmp_path: Path):
    folder = tmp_path / "mine"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "notes.md").write_text("# Not this one\n\nA file inside a hidden folder.\n")
    (folder / ".draft.md").write_text("# Nor this one\n\nA hidden file, left out of the folder.\n")
    (folder / "c.bin").write_bytes(b"\x00\x01")
    (folder / "a.md").write_text("# Folder article A\n\nText of the folder article, on dubbing.\n")
    home = tmp_path / "home"
    proc = subprocess.run(
        [EXE, "--home", str(home), "add", str(folder), "--json"],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) >= {"added", "duplicates", "failed", "skipped"}
    assert [a["title"] for a in data["added"]] == ["Folder article A"]
    skipped = {Path(s["input"]).name: s["reason"] for s in data["skipped"]}
    assert set(skipped) == {".git", ".draft.md", "c.bin"}
    assert "hidden" in skipped[".git"] and "hidden" in skipped[".draft.md"]
    proc = subprocess.run(
        [EXE, "--home", str(home), "add", str(folder)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0
    assert "skipped" in proc.stdout and "c.bin" in proc.stdout and "3 skipped" in proc.stdout


def test_json_feed(ws: Workspace, server: str):
    report = add(ws, [f"{server}/feed.json", f"{server}/not-a-feed.json"])
    by_title = {a["title"]: ws.get(a["id"]) for a in report.added}
    assert set(by_title) == {"JSON entry about dubbing", "Plain-text JSON entry"}
    one = by_title["JSON entry about dubbing"]
    assert one.author == "Rita Moreno" and one.published == "2025-08-06"
    assert one.outlet == "Example JSON Feed" and list(one.tags) == ["dubbing", "voices"]
    assert one.url == f"{server}/json/one" and "synthetic voices" in one.body
    assert "{" not in one.body and "version" not in one.body
    two = by_title["Plain-text JSON entry"]
    assert two.author == "Old Style" and "Trailer houses" in two.body
    assert [f["input"] for f in report.failed] == [f"{server}/not-a-feed.json"]
    assert "JSON" in report.failed[0]["error"]


def test_fetch_has_a_total_deadline(ws: Workspace, server: str, monkeypatch: pytest.MonkeyPatch):
    from hollywood_ai.index.ingest import fetch
    started = time.monotonic()
    with pytest.raises(HollywoodError, match="within 1 s"):
        fetch.fetch(f"{server}/drip", deadline=1.0)
    assert time.monotonic() - started < 3
    monkeypatch.setattr(fetch, "DEADLINE", 1.0)
    started = time.monotonic()
    report = add(ws, [f"{server}/drip"])
    assert time.monotonic() - started < 3
    assert not report.added and f"{server}/drip" in report.failed[0]["error"]


def test_too_little_text_counts_different_words(ws: Workspace, tmp_path: Path):
    from hollywood_ai.index.ingest.html import parse_html

    with pytest.raises(HollywoodError, match="too little text"):
        parse_html("<html><body><article>" + "<p>x</p>" * 40 + "</article></body></html>")
    (tmp_path / "x.txt").write_text("x x x x x x x x x x x x\n")
    report = add(ws, [str(tmp_path / "x.txt")])
    assert not report.added and "too little text" in report.failed[0]["error"]


def test_short_latin1_and_stray_bytes(ws: Workspace, tmp_path: Path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        b"Le cin\xe9ma \xe0 Paris est tr\xe8s \xe9l\xe9gant, et les studios y testent l'IA."
    )
    stray = tmp_path / "stray.md"
    stray.write_bytes(
        "Le café des studios\n\nLe café est ouvert à tous les doubleurs. Un octet perdu: ".encode()
        + b"\xe9"
        + " puis la suite, très longue, du texte sur la synchro.".encode()
    )
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(
        "Sous-titres\n\nLes sous-titres générés par l'IA sont revus.".encode("utf-16")
    )
    report = add(ws, [str(latin), str(stray), str(utf16)])
    assert not report.failed and len(report.added) == 3
    bodies = [ws.get(a["id"]).body for a in report.added]
    assert "Le cinéma à Paris est très élégant" in bodies[0]
    assert "Le café est ouvert à tous" in bodies[1] and "perdu: é puis" in bodies[1]
    assert "générés" in bodies[2]
    warned = {w["input"]: w["warning"] for w in report.warnings}
    assert set(warned) == {str(stray)} and "UTF-8" in warned[str(stray)]


def test_stdin_is_read_up_to_the_cap(tmp_path: Path):
    """An endless standard input is refused once past 5 MB, not read to its end."""
    proc = subprocess.Popen(
        [EXE, "--home", str(tmp_path / "home"), "add", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None

    def feed() -> None:
        try:
            for _ in range(7):  # 7 MB, and the pipe stays open
                proc.stdin.write(b"words " * (1024 * 1024 // 6))  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
        except OSError:
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        code = proc.wait(timeout=60)  # before the cap, this waited for an end that never comes
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        with contextlib.suppress(OSError):
            proc.stdin.close()
    assert proc.stderr is not None
    err = proc.stderr.read()
    assert code == 1 and b"larger than 5 MB" in err and b"Traceback" not in err


def test_ids_never_reach_outside_the_library(tmp_path: Path):
    home = tmp_path / "home"
    ws = Workspace(home)
    ws.open()
    victim = ws.articles()[0]
    ws.close()
    evil = tmp_path / "evil.json"  # home/library/../../evil.json
    evil.write_text(json.dumps(victim.to_dict(with_body=True)))
    before = sorted(p.name for p in (home / "library").iterdir())
    for command in ("show", "remove"):
        proc = subprocess.run(
            [EXE, "--home", str(home), command, "../../evil"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 1 and proc.stdout == "", (command, proc.stdout)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "../../evil" in lines[0] and "not an article id" in lines[0]
    assert evil.exists() and sorted(p.name for p in (home / "library").iterdir()) == before


def test_remove_fails_when_nothing_was_removed(ws: Workspace):
    article = ws.articles()[0]
    ws.articles()  # the articles are in memory; the file goes behind the workspace's back
    ws.library.path_for(article.id).unlink()
    with pytest.raises(HollywoodError, match="nothing was removed"):
        ws.remove(article.id)


def test_feed_entries_keep_their_details(ws: Workspace, server: str):
    """A fetched page fills in from its entry what it does not say itself; a
    page that cannot be fetched leaves the summary, with a warning."""
    report = add(ws, [f"{server}/feed2.xml"], allow_private=True)
    assert not report.failed
    by_origin = {a["origin"]: ws.get(a["id"]) for a in report.added}
    page = by_origin[f"{server}/bare"]
    assert page.title == "Jury debates AI effects"
    assert page.author == "Kim Park" and page.published == "2025-08-06"
    assert "festivals" in page.tags and "jury debated whether" in page.body
    gone = by_origin[f"{server}/gone"]
    assert gone.title == "Gone page" and "summary that stays" in gone.body
    warned = {w["input"]: w["warning"] for w in report.warnings}
    assert set(warned) == {f"{server}/gone"} and "404" in warned[f"{server}/gone"]


def test_realworld_bench_decodes_pages_as_add_does(tmp_path: Path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.bench_realworld import run

    page = tmp_path / "pages" / "latin"
    page.mkdir(parents=True)
    text = (
        "Le cinéma numéro 1 à Paris est très élégant. Les studios y testent l’IA générative "
        "pour le doublage, les décors et les bandes-annonces. Les comédiens s’inquiètent: "
        "leurs voix pourraient être copiées sans accord. Le syndicat réclame des règles "
        "claires avant la prochaine saison, et les producteurs promettent une charte."
    )
    (page / "source.html").write_bytes(
        (
            '<html lang="fr"><head><meta charset="windows-1252"><title>Le cinéma et l’IA</title>'
            f"</head><body><article><h1>Le cinéma et l’IA</h1><p>{text}</p></article></body></html>"
        ).encode("cp1252")
    )
    gold = {"title": "Le cinéma et l’IA", "excerpt": "Le cinéma numéro 1 à Paris est très élégant"}
    (page / "expected-metadata.json").write_text(json.dumps(gold))
    result = run(tmp_path / "pages")
    assert result["imported"] == 1 and result["fields"]["title"]["right"] == 1
    assert result["body_excerpt_words_kept"] == 1.0


def test_page_and_feed_text_never_turns_into_markdown(ws: Workspace, tmp_path: Path):
    (tmp_path / "live.html").write_text(LIVE_PAGE)
    (tmp_path / "live.xml").write_text(LIVE_FEED)
    report = add(ws, [str(tmp_path / "live.html"), str(tmp_path / "live.xml")])
    assert not report.failed and len(report.added) == 2
    for item in report.added:
        body = ws.get(item["id"]).body
        assert "not a heading" in body and "http://evil.test/" in body
        assert _live_markdown(body) == [], (item["title"], body[:200])


def test_add_does_not_read_the_whole_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Duplicates are told by the library's key file: once it knows the
    articles, adding one reads none of them, and still finds duplicates by
    text and by URL (articles stored by other means are learnt once)."""
    from hollywood_ai.index.model import Article
    from hollywood_ai.index.store.library import Library

    home = tmp_path / "home"
    ws = Workspace(home)
    ws.open()
    stored = [
        Article.make(
            title=f"Bulk {i}",
            body=f"Bulk story {i} about dubbing and the voice{i} deal. " * 5,
            origin=f"bulk-{i}",
            url=f"http://127.0.0.1/bulk/{i}" if i % 2 else None,
        )
        for i in range(30)
    ]
    ws.store(stored)
    ws.close()
    first = tmp_path / "first.md"
    first.write_text("# First note\n\nThe first note is about dubbing with AI voices.\n")
    ws = Workspace(home)
    ws.open()
    assert len(add(ws, [str(first)]).added) == 1  # learns the 35 articles once
    ws.close()

    reads: list[Path] = []
    real_read = Library._read

    def counting_read(self: Library, path: Path) -> Article:
        reads.append(path)
        return real_read(self, path)

    monkeypatch.setattr(Library, "_read", counting_read)
    second = tmp_path / "second.md"
    second.write_text("# Second note\n\nThe second note is about trailers cut by software.\n")
    copy = tmp_path / "copy.txt"
    copy.write_text(stored[4].body)
    by_url = tmp_path / "by-url.md"
    by_url.write_text(
        "---\ntitle: Same URL\nurl: http://127.0.0.1/bulk/7\n---\nAnother text of the story, at the same URL.\n"
    )
    ws = Workspace(home)
    ws.open()
    report = add(ws, [str(second), str(copy), str(by_url)])
    assert reads == []
    assert [a["title"] for a in report.added] == ["Second note"]
    assert {d["id"] for d in report.duplicates} == {stored[4].id, stored[7].id}
    assert search(ws, "trailers").total >= 1
    ws.close()
