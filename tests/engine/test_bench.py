"""A quick run of each benchmark at a tiny size: it runs and its output is
well formed. (No timing assertions: speed is measured by bench/, not tested.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import bench_compare, bench_index, bench_search
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
    for row in result["kinds"].values():
        assert row["full_median_ms"] > 0 and row["fts5_median_ms"] > 0 and row["ratio_median"] > 0
        assert row["snippets_median_ms"] >= 0 and row["cold_median_ms"] > 0
    table = bench_search.markdown([result])
    assert table.count("\n") == len(result["kinds"]) + 1


def test_index_benchmark_runs(cache: Path):
    row = bench_index.run_size(40, adds=2)
    assert row["build_articles_per_s"] > 0 and row["fts5_build_articles_per_s"] > 0
    assert row["index_mib"] > 0 and row["add_one_ms"] > 0 and row["build_peak_rss_mib"] > 0
    # The home it built is the one the search benchmark then uses, still of 40 articles.
    home, built = bench_search.home_for(40)
    assert built is None and len(list((home / "library").glob("*.json"))) == 40
    assert "| 40 |" in bench_index.markdown([row])


def test_compare_benchmark_runs(cache: Path):
    row = bench_compare.run_size(60, repeat=1)
    assert row["stories"] >= 1 and row["story_articles"] >= 2
    assert row["compare_median_ms"] > 0 and row["facts_ms"] > 0
    assert row["compare_all_median_ms"] > 0 and 0 < row["compare_all_scored"] <= 60
    assert row["fts5_story_median_ms"] > 0 and row["fts5_all_median_ms"] > 0
    assert "| 60 |" in bench_compare.markdown_scopes([row])
