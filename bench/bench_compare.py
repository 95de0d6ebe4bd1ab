"""compare() and facts() on one story of the generated corpus, as the library
grows: the cost should follow the story (a few dozen articles), not the
library. Story grouping is timed too: the first one (every article's words
counted, then grouped), and grouping again after one article is added (the
other articles' words are kept: one article counted, the library regrouped).

compare() in the whole library (``--all``) is timed beside it: the question's
words pick the candidates in the index, the best ``scope.CANDIDATES`` are
scored, every other article is listed as silent. Next to both, SQLite FTS5 on
the same corpus does the part of the job it can: the story's articles with
the question's words (MATCH restricted to the story's ids), and the whole
library's best CANDIDATES for an OR of the question's words (bm25), bodies
read in both.

    python -m bench.bench_compare --sizes 1000,10000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

QUESTIONS = [
    "how much faster was the work?",
    "what did they say about the series?",
    "which production used it first",
    "revenue figure",
    "union president said",
]


def run_size(size: int, seed: int = 42, repeat: int = 5) -> dict[str, Any]:
    """Time grouping, compare (one story and the whole library, cold and warm),
    facts and the FTS5 baseline on ``size`` generated articles. One measurement
    after another, each timed where it runs: the script reads best in one piece."""
    from hollywood_ai.index.comparing.comparison import compare
    from hollywood_ai.index.comparing.facts import facts
    from hollywood_ai.index.comparing.scope import Scope
    from hollywood_ai.index.stories import grouping as stories
    from hollywood_ai.index.stories import words as storywords
    from hollywood_ai.index.text import passage_analysis
    from hollywood_ai.index.workspace import Workspace

    from bench.bench_search import home_for, percentile
    from bench.corpus import generate

    home, _ = home_for(size, seed)
    for kept in (stories.STORIES_FILE, storywords.WORDS_FILE):
        (home / "index" / kept).unlink(missing_ok=True)
    stories.forget()
    ws = Workspace(home)
    ws.index.open()
    start = time.perf_counter()
    listing, all_stories = stories.grouped(ws)
    group_s = time.perf_counter() - start
    newcomer = generate(1, seed + 1)[0]
    start = time.perf_counter()
    stories.group([*listing, newcomer], keep_in=home / "index", fetch=ws.get)
    regroup_s = time.perf_counter() - start
    stories.forget()
    stories.grouped(ws)  # the library's own grouping, kept again
    story = all_stories[0]
    # Cold: passages of the story analysed for the first time.
    passage_analysis.forget_passages()
    start = time.perf_counter()
    compare(ws, QUESTIONS[0], story=story.id)
    cold_ms = (time.perf_counter() - start) * 1000
    warm = []
    for _ in range(repeat):
        for q in QUESTIONS:
            start = time.perf_counter()
            compare(ws, q, story=story.id)
            warm.append((time.perf_counter() - start) * 1000)
    fact_times = []
    for _ in range(3):
        start = time.perf_counter()
        found = facts(ws, story=story.id)
        fact_times.append((time.perf_counter() - start) * 1000)
    everywhere = Scope.library()
    start = time.perf_counter()
    compare(ws, QUESTIONS[0], scope=everywhere)  # cold: candidates' passages first read
    all_cold_ms = (time.perf_counter() - start) * 1000
    all_warm = []
    for _ in range(repeat):
        for q in QUESTIONS:
            start = time.perf_counter()
            result = compare(ws, q, scope=everywhere)
            all_warm.append((time.perf_counter() - start) * 1000)
    scored = result.scope.scored if result.scope else 0
    fts_story, fts_all = fts5_times(generate(size, seed), story.articles, scored, repeat)
    ws.close()
    return {
        "articles": size,
        "stories": len(all_stories),
        "story_articles": len(story.articles),
        "group_stories_s": round(group_s, 2),
        "regroup_one_added_s": round(regroup_s, 2),
        "compare_cold_ms": round(cold_ms, 1),
        "compare_median_ms": round(statistics.median(warm), 1),
        "compare_p95_ms": round(sorted(warm)[int(0.95 * (len(warm) - 1))], 1),
        "facts_ms": round(statistics.median(fact_times), 1),
        "facts_found": len(found),
        "compare_all_cold_ms": round(all_cold_ms, 1),
        "compare_all_median_ms": round(statistics.median(all_warm), 1),
        "compare_all_p95_ms": round(percentile(all_warm, 95), 1),
        "compare_all_scored": scored,
        "fts5_story_median_ms": round(statistics.median(fts_story), 2),
        "fts5_all_median_ms": round(statistics.median(fts_all), 2),
    }


def fts5_times(
    articles: list[Any], story_ids: list[str], candidates: int, repeat: int
) -> tuple[list[float], list[float]]:
    """FTS5 on the same corpus: the story's articles that hold any of the
    question's words, and the library's best ``candidates`` for them, with
    their bodies (ms per question, every question ``repeat`` times)."""
    import re

    from bench.fts5 import WEIGHTS, Fts5

    fts = Fts5()
    fts.build(articles)
    marks = ",".join("?" * len(story_ids))
    story_t: list[float] = []
    all_t: list[float] = []
    for _ in range(repeat):
        for q in QUESTIONS:
            words = [w for w in re.findall(r"\w+", q.lower()) if len(w) > 2]
            match = " OR ".join(f'"{w}"' for w in words)
            start = time.perf_counter()
            fts.db.execute(
                f"SELECT id, body FROM articles WHERE articles MATCH ? AND id IN ({marks})",
                (match, *story_ids),
            ).fetchall()
            story_t.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            fts.db.execute(
                "SELECT id, body FROM articles WHERE articles MATCH ? "
                f"ORDER BY bm25(articles, {WEIGHTS}) LIMIT ?",
                (match, max(1, candidates)),
            ).fetchall()
            all_t.append((time.perf_counter() - start) * 1000)
    return story_t, all_t


def markdown_scopes(rows: list[dict[str, Any]]) -> str:
    """compare() in one story and in the whole library, beside FTS5."""
    lines = [
        "| articles | one story: compare median (ms) | FTS5, the story's matching articles (ms) | whole library (`--all`): compare cold / median / p95 (ms) | articles scored | FTS5, best candidates by bm25 (ms) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['compare_median_ms']} | {r['fts5_story_median_ms']} | "
            f"{r['compare_all_cold_ms']} / {r['compare_all_median_ms']} / {r['compare_all_p95_ms']} | "
            f"{r['compare_all_scored']} | {r['fts5_all_median_ms']} |"
        )
    return "\n".join(lines)


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| articles | stories | story size | stories, first (s) | stories, one added (s) | compare cold (ms) | compare median / p95 (ms) | facts() (ms) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['stories']} | {r['story_articles']} | {r['group_stories_s']} | {r['regroup_one_added_s']} | "
            f"{r['compare_cold_ms']} | {r['compare_median_ms']} / {r['compare_p95_ms']} | {r['facts_ms']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="compare() and facts() latency by library size.")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = [run_size(int(s)) for s in args.sizes.split(",")]
    print(markdown(rows))
    print()
    print(markdown_scopes(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
