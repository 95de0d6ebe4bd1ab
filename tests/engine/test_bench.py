"""A quick run of each benchmark at a tiny size: it runs and its output is
well formed. (No timing assertions: speed is measured by bench/, not tested.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import bench_compare, bench_index, bench_search, index_size
from bench.corpus import generate


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(bench_search, "CACHE", tmp_path / "bench-cache")
    return tmp_path


def test_corpus_is_deterministic():
    a = [x.checksum for x in generate(30)]
    b = [x.checksum for x in generate(30)]
    assert a == b and len(set(a)) == 30
    assert len({x.outlet for x in generate(60)}) > 5


def test_search_benchmark_runs(cache: Path):
    result = bench_search.run_size(60, repeat=1)
    assert result["articles"] == 60
    assert set(result["kinds"]) == {*bench_search.QUERIES, "all"}
    table = bench_search.markdown([result])
    assert table.count("\n") == len(result["kinds"]) + 1
    for row in result["kinds"].values():
        for kind in ("hits", "full", "snippets", "cold", "fts5"):
            assert row[f"{kind}_median_ms"] <= row[f"{kind}_p95_ms"]
        # The ratio is ours over FTS5's, as the table says: within what rounding
        # each median to 0.01 ms allows (FTS5's can be a few hundredths).
        full, fts = row["full_median_ms"], row["fts5_median_ms"]
        low = (full - 0.005) / (fts + 0.005)
        high = (full + 0.005) / max(fts - 0.005, 1e-6)
        assert low - 0.01 <= row["ratio_median"] <= high + 0.01
        assert f"| {row['ratio_median']}× |" in table


def test_index_benchmark_runs(cache: Path):
    row = bench_index.run_size(40, adds=2)
    # build_ratio is how many times slower ours builds than FTS5, from the same runs.
    ratio = row["fts5_build_articles_per_s"] / row["build_articles_per_s"]
    assert abs(row["build_ratio"] - ratio) <= 0.1 * ratio + 0.1
    # The home it built is the one the search benchmark then uses, still of 40 articles.
    home, built = bench_search.home_for(40)
    assert built is None and len(list((home / "library").glob("*.json"))) == 40
    assert "| 40 |" in bench_index.markdown([row])
    # Where the size goes: every file counted once, the body's terms among the fields.
    parts = row["size_breakdown"]
    assert sum(parts["files"].values()) == parts["total"] > 0
    table, terms, postings = parts["fields"]["articles / body"]
    assert table > 0 and terms > 0 and postings >= 0
    text = index_size.markdown(parts, row["fts5_bytes"], 40)
    assert "articles / trm" in text and "FTS5" in text


def test_compare_benchmark_runs(cache: Path):
    row = bench_compare.run_size(60, repeat=1)
    assert row["stories"] >= 1 and row["story_articles"] >= 2
    assert row["compare_median_ms"] <= row["compare_p95_ms"]
    assert 0 < row["compare_all_scored"] <= 60
    assert "| 60 |" in bench_compare.markdown_scopes([row])
