"""HTML import measured on real article pages with approved metadata.

Reads ../shared/realworld/readability/<page>/source.html and
expected-metadata.json (never copied into this repository), imports each page
as `hollywood-ai add page.html` would, and reports field by field the share
of pages that come out right, and for the body the share of the gold
excerpt's words that survive in our Markdown.

    python -m bench.bench_realworld [--dir ../shared/realworld/readability] [--json FILE] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "realworld" / "readability"


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"^\s*by\s+", "", text)
    return " ".join(re.findall(r"\w+", text))


def title_ok(got: str | None, gold: str | None, *suffixes: str | None) -> bool:
    """Equal, or the gold is the page's raw <title>: ours plus the byline or
    the site name that pages append."""
    g, o = norm(gold), norm(got)
    if not g or not o:
        return False
    if g == o:
        return True
    rest = g[len(o) :].strip() if g.startswith(o) else ""
    return bool(rest) and any(rest == norm(s) for s in suffixes if s)


def person_ok(got: str | None, gold: str | None) -> bool:
    """A byline matches when the gold names are the names we found (gold
    bylines are raw: "By Jane Doe", "Jane Doe (with ...)", dates after names)."""
    g, o = norm(gold), norm(got)
    if not g:
        return not o
    return bool(o) and (o == g or g.startswith(o) or o.startswith(g) or o in g)


def site_ok(got: str | None, gold: str | None) -> bool:
    g, o = norm(gold), norm(got)
    if not g:
        return True  # nothing to check against
    return bool(o) and (
        o == g or o.replace("the ", "") == g.replace("the ", "") or g in o or o in g
    )


def date_ok(got: str | None, gold: str | None) -> bool:
    if not gold:
        return True
    return (got or "")[:10] == gold[:10]


def lang_ok(got: str | None, gold: str | None) -> bool:
    if not gold:
        return True
    return (got or "").lower().split("-")[0] == gold.lower().split("-")[0]


def excerpt_share(body: str, excerpt: str | None) -> float | None:
    words = re.findall(r"\w+", (excerpt or "").casefold())
    if not words:
        return None
    have = set(re.findall(r"\w+", body.casefold()))
    return sum(w in have for w in words) / len(words)


def run(folder: Path, verbose: bool = False) -> dict[str, Any]:
    from hollywood_ai.index.errors import HollywoodError
    from hollywood_ai.index.ingest.decode import decode_document
    from hollywood_ai.index.ingest.html import parse_html

    fields = {"title": 0, "author": 0, "outlet": 0, "date": 0, "language": 0}
    checked = {k: 0 for k in fields}
    shares: list[float] = []
    failed: list[str] = []
    pages = sorted(p for p in folder.iterdir() if (p / "source.html").is_file())
    for page in pages:
        gold = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        try:
            # Decoded as `hollywood-ai add page.html` decodes it (not a lenient UTF-8).
            html, _ = decode_document((page / "source.html").read_bytes(), page.name)
            parsed = parse_html(html)
        except HollywoodError as exc:
            failed.append(f"{page.name}: {exc}")
            continue
        m = parsed.meta
        results = {
            "title": (
                title_ok(m.title, gold.get("title"), gold.get("byline"), gold.get("siteName")),
                bool(gold.get("title")),
            ),
            "author": (person_ok(m.author, gold.get("byline")), True),
            "outlet": (site_ok(m.outlet, gold.get("siteName")), bool(gold.get("siteName"))),
            "date": (
                date_ok(m.published, gold.get("publishedTime")),
                bool(gold.get("publishedTime")),
            ),
            "language": (lang_ok(parsed.language, gold.get("lang")), bool(gold.get("lang"))),
        }
        for name, (ok, counts) in results.items():
            if counts:
                checked[name] += 1
                fields[name] += ok
        share = excerpt_share(parsed.body, gold.get("excerpt"))
        if share is not None:
            shares.append(share)
        if verbose:
            wrong = [n for n, (ok, counts) in results.items() if counts and not ok]
            print(
                f"{page.name:28} {'ok' if not wrong else 'wrong: ' + ', '.join(wrong)}",
                file=sys.stderr,
            )
    return {
        "pages": len(pages),
        "imported": len(pages) - len(failed),
        "fields": {
            k: {
                "right": fields[k],
                "checked": checked[k],
                "share": round(fields[k] / checked[k], 3) if checked[k] else None,
            }
            for k in fields
        },
        "body_excerpt_words_kept": round(sum(shares) / len(shares), 3) if shares else None,
        "failed": failed,
    }


def markdown(result: dict[str, Any]) -> str:
    lines = ["| field | right | share |", "| --- | ---: | ---: |"]
    for name, r in result["fields"].items():
        lines.append(f"| {name} | {r['right']} / {r['checked']} | {r['share']:.0%} |")
    lines.append(f"| body: gold excerpt's words kept | | {result['body_excerpt_words_kept']:.0%} |")
    lines.append("")
    lines.append(f"{result['imported']} of {result['pages']} pages imported.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="HTML import on real pages with gold metadata.")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--json", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"no pages at {args.dir}", file=sys.stderr)
        return 1
    result = run(args.dir, args.verbose)
    print(markdown(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
