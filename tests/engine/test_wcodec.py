"""The codec that keeps rare terms' postings in the term table: the index it
writes answers exactly as one written by Whoosh's default codec, through
searches, phrase queries, deletions and segment merges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hollywood_ai.index.searching.documents import documents as _documents
from hollywood_ai.index.searching.schema import article_schema
from hollywood_ai.index.searching.whoosh_internals import pool as wpool
from hollywood_ai.index.searching.whoosh_internals.codec import InliningCodec
from whoosh import index as windex
from whoosh.codec.whoosh3 import W3FieldWriter
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.qparser import QueryParser

from bench.corpus import generate

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]


def schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        body=TEXT(),  # positions: values on every posting
        pairs=TEXT(phrase=False),  # frequencies: no values
        extra=STORED,
    )


def docs() -> list[dict[str, str]]:
    out = []
    for i in range(60):
        # Common words in many documents, and a word of its own in each (one posting).
        words = [WORDS[j % len(WORDS)] for j in range(i % 7, i % 7 + 5)] + [f"only{i}"]
        text = " ".join(words)
        out.append({"id": str(i), "body": text, "pairs": text, "extra": i})
    return out


def build(path: Path, codec: InliningCodec | None, compound: bool = True) -> windex.Index:
    path.mkdir()
    ix = windex.create_in(str(path), schema())
    opts: dict = {"codec": codec} if codec else {}
    opts["compound"] = compound
    # Three segments, so merges read inlined postings back.
    all_docs = docs()
    for part in (all_docs[:20], all_docs[20:40], all_docs[40:]):
        w = ix.writer(**opts)
        for doc in part:
            w.add_document(**doc)
        w.commit(merge=False)
    w = ix.writer(**opts)
    w.delete_by_term("id", "7")
    w.commit(optimize=True)
    return ix


def answers(ix: windex.Index) -> list[list[tuple[str, float]]]:
    out = []
    with ix.searcher() as s:
        for field, text in [
            ("body", "alpha"),
            ("body", "only3"),
            ("body", "only7"),
            ("body", '"beta gamma"'),
            ("body", '"kappa only12"'),
            ("pairs", "zeta only5"),
            ("body", "zeta OR only44"),
        ]:
            q = QueryParser(field, ix.schema).parse(text)
            out.append([(h["id"], round(h.score, 6)) for h in s.search(q, limit=None)])
    return out


def test_inlined_index_answers_as_whooshs_own(tmp_path: Path):
    ours = build(tmp_path / "ours", InliningCodec())
    theirs = build(tmp_path / "theirs", None)
    got, want = answers(ours), answers(theirs)
    assert got == want
    assert got[1] == [("3", got[1][0][1])]  # a one-posting term, read from the term table
    assert got[2] == []  # deleted, and merged away
    assert got[4] == [("12", got[4][0][1])]  # a phrase through an inlined term's positions
    assert got[5] == [("5", got[5][0][1])]  # a field without values (frequencies only)
    with ours.searcher() as s:
        info = s.reader().term_info("body", "only3")
        assert info.doc_frequency() == 1


class StockWriterCodec(InliningCodec):
    """The inlining codec with Whoosh's own field writer: a postings writer
    started and finished for every term, a length looked up per posting."""

    def field_writer(self, storage, segment):
        return W3FieldWriter(self, storage, segment)


def segment_files(path: Path) -> dict[str, bytes]:
    """The segment files' contents by what follows the (random) segment name."""
    out = {}
    for f in path.iterdir():
        if f.suffix in (".trm", ".pst", ".col"):
            kind = f.name.split(".", 1)[1]
            assert kind not in out, "one segment expected"
            out[kind] = f.read_bytes()
    return out


def unspelled_article_schema() -> Any:
    schema = article_schema()
    for name in ("title", "body", "outlet", "author"):
        schema[name].spelling = False
    return schema


def test_a_spelling_word_is_one_posting_counting_its_articles(tmp_path: Path):
    """Whoosh's writer adds a spelling word's posting once per article holding
    it; this codec keeps one, weighing as many, as Whoosh's field writer
    counts them: corrections read the words and how common each is."""
    texts = ["Visual effects", "visual effects again", "effects", "other words"]
    for codec in (InliningCodec(), StockWriterCodec()):
        path = tmp_path / type(codec).__name__
        path.mkdir()
        ix = windex.create_in(str(path), article_schema())
        w = ix.writer(codec=codec, compound=False)
        for i, text in enumerate(texts):
            w.add_document(id=str(i), title=f"t{i}", body=text)
        w.commit()
        with windex.open_dir(str(path)).reader() as r:
            assert r.frequency("spell_body", "effects") == 3
            assert r.frequency("spell_body", "visual") == 2
            words = {t.decode() for t in r.lexicon("spell_body")}
            assert words == {"again", "effects", "other", "visual", "words"}
            postings = r.doc_frequency("spell_body", "effects")
            assert postings == (1 if type(codec) is InliningCodec else 3)


@pytest.mark.parametrize("inlinelimit", [1, 2, 4, 1000])
def test_field_writer_writes_whooshs_bytes(tmp_path: Path, inlinelimit: int):
    """The fast field writer's files are Whoosh's own field writer's, byte
    for byte: a small index merged from three segments, and the articles
    index of generated articles (positions, frequencies; the spelling words,
    which this codec keeps once a word, are tested on their own below)."""
    articles = generate(25, 3)
    files = []
    for label, codec in (("fast", InliningCodec), ("stock", StockWriterCodec)):
        build(tmp_path / f"{label}-small", codec(inlinelimit), compound=False)
        path = tmp_path / f"{label}-articles"
        path.mkdir()
        ix = windex.create_in(str(path), unspelled_article_schema())
        w = ix.writer(codec=codec(inlinelimit), compound=False)
        for article in articles:
            w.add_document(**_documents(article)[0])
        w.commit()
        files.append((segment_files(tmp_path / f"{label}-small"), segment_files(path)))
    # Terms in hundreds of documents: postings over several blocks.
    for label, codec in (("fast", InliningCodec), ("stock", StockWriterCodec)):
        path = tmp_path / f"{label}-blocks"
        path.mkdir()
        ix = windex.create_in(str(path), schema())
        w = ix.writer(codec=codec(inlinelimit), compound=False)
        for i in range(300):
            text = " ".join(["common"] * (1 + i % 3) + ["half"] * (i % 2) + [f"own{i}"])
            w.add_document(id=str(i), body=text, pairs=text, extra=i)
        w.commit()
        files.append(segment_files(path))
    assert files[2] == files[3]
    (fast_small, fast_articles), (stock_small, stock_articles) = files[:2]
    assert {"trm", "pst", "_body_len.col"} <= set(fast_small)
    assert {"trm", "pst", "_body_len.col", "_title_len.col"} <= set(fast_articles)
    assert fast_small == stock_small
    assert fast_articles == stock_articles


@pytest.mark.parametrize(
    ("chunk", "limitmb", "fan_in"),
    [(7, 0.05, 6), (10_000, 0.05, 6), (2_000, 64, 6), (7, 0.05, 2), (50, 0.05, 3)],
)
def test_the_grouped_pool_writes_whooshs_segment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, limitmb: float, fan_in: int
):
    """Postings grouped by term, spelling words counted, in memory or in runs
    on disk (a memory limit far below the postings' size) pickled a chunk at
    a time and merged a few runs at a time: the same segment files as
    Whoosh's own pool, one tuple per posting, gives (the spelling words
    included)."""
    monkeypatch.setattr(wpool, "RUN_CHUNK", chunk)
    monkeypatch.setattr(wpool, "MERGE_FAN_IN", fan_in)
    merged: list[int] = []
    merge_runs = wpool.GroupedPostingPool._merge_runs

    def merging(self: wpool.GroupedPostingPool, paths: list[str]) -> str:
        merged.append(len(paths))
        return merge_runs(self, paths)

    monkeypatch.setattr(wpool.GroupedPostingPool, "_merge_runs", merging)
    articles = generate(20, 5)
    files = []
    for label, grouped in (("grouped", True), ("stock", False)):
        path = tmp_path / label
        path.mkdir()
        ix = windex.create_in(str(path), article_schema())
        w = ix.writer(codec=InliningCodec(), compound=False, limitmb=limitmb)
        if grouped:
            wpool.grouped_pool(w)
        assert isinstance(w.pool, wpool.GroupedPostingPool) == grouped
        for article in articles:
            w.add_document(**_documents(article)[0])
        runs = len(w.pool.runs)
        assert (runs > 3) == (limitmb < 1)
        w.commit()
        # More runs than merged at once: never more than that many open.
        assert bool(merged) == (grouped and runs + 1 > fan_in)
        assert all(n <= fan_in for n in merged)
        merged.clear()
        files.append(segment_files(path))
    assert files[0] == files[1]
    with windex.open_dir(str(tmp_path / "grouped")).reader() as r:
        assert r.doc_count() == 20
        assert max(r.frequency("spell_body", t) for t in r.lexicon("spell_body")) > 1
    assert not list(tmp_path.rglob("*.run"))  # run files removed once merged
