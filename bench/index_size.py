"""Where the index's bytes go: per kind of file and per field, beside FTS5.

    python -m bench.index_size --size 1000

A Whoosh generation holds, per segment, a term table (``.trm``: each term's
row, with the postings of rare terms inlined, plus the hash tables that find
a row), a postings file (``.pst``), and columns (``.col``: stored fields,
field lengths, sort keys, the snippet records); a rebuilt generation also
holds the story-word tables its workers numbered (``storywords-*.npz``).
The term table is broken
down by field by reading every row: a row costs its key and value, an 8-byte
header, its 8-byte position and two 12-byte hash slots.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

#: What a term table spends per row beyond its key and value (see above).
ROW_OVERHEAD = 8 + 8 + 2 * 12


def file_kind(name: str) -> str:
    """``articles / .trm`` for ``articles_<segment>.trm``; a column file by
    its column (``articles / snippets.col``)."""
    index = name.split("_", 1)[0] if "_" in name and not name.startswith("_") else ""
    if name.endswith(".toc"):
        return "tables of contents (.toc)"
    if name.startswith("storywords-") and name.endswith(".npz"):
        return "story-word tables (storywords-*.npz)"
    if "." not in name:
        return "locks"
    rest = name.split(".", 1)[1] if name.endswith(".col") else name.rsplit(".", 1)[1]
    return f"{index} / {rest}" if index else rest


def breakdown(generation: Path) -> dict[str, Any]:
    """Bytes per kind of file, and the term tables' bytes and terms per field
    and their postings' bytes in the postings files
    (``{"files": {...}, "fields": {field: [bytes, terms, postings]}, "total": n}``)."""
    from whoosh.codec.whoosh3 import W3TermInfo
    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.filetables import OrderedHashReader

    files: Counter[str] = Counter()
    for path in generation.iterdir():
        if path.is_file():
            files[file_kind(path.name)] += path.stat().st_size
    fields: dict[str, list[int]] = {}
    storage = FileStorage(str(generation))
    for trm in sorted(generation.glob("*.trm")):
        index = trm.name.split("_", 1)[0]
        table = OrderedHashReader(storage.open_file(trm.name), trm.stat().st_size)
        # A term's postings run from its offset to the next term's.
        starts: list[tuple[int, str]] = []
        try:
            names = {num: name for name, num in table.extras["fieldmap"].items()}
            for key, value in table.items():
                field = f"{index} / {names[int.from_bytes(key[:2], 'big')]}"
                row = fields.setdefault(field, [0, 0, 0])
                row[0] += len(key) + len(value) + ROW_OVERHEAD
                row[1] += 1
                info = W3TermInfo.from_bytes(value)
                if not info.is_inlined():
                    starts.append((info.extent()[0], field))
        finally:
            table.close()
        starts.sort()
        ends = [offset for offset, _ in starts[1:]] + [trm.with_suffix(".pst").stat().st_size]
        for (offset, field), end in zip(starts, ends[: len(starts)], strict=True):
            fields[field][2] += end - offset
    return {"files": dict(files), "fields": fields, "total": sum(files.values())}


def _mib(n: int) -> str:
    return f"{n / 2**20:.2f}"


def markdown(parts: dict[str, Any], fts5_bytes: int, articles: int) -> str:
    total = parts["total"]
    lines = [
        f"Index of {articles:,} articles: {_mib(total)} MiB; FTS5 on the same corpus: "
        f"{_mib(fts5_bytes)} MiB ({total / max(fts5_bytes, 1):.1f}×).",
        "",
        "| file | MiB | share |",
        "| --- | ---: | ---: |",
    ]
    for kind, size in sorted(parts["files"].items(), key=lambda kv: -kv[1]):
        if size:
            lines.append(f"| {kind} | {_mib(size)} | {100 * size / total:.1f}% |")
    lines += [
        "",
        "| field | term table (MiB) | terms | postings file (MiB) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for field, (size, terms, posts) in sorted(
        parts["fields"].items(), key=lambda kv: -(kv[1][0] + kv[1][2])
    ):
        lines.append(f"| {field} | {_mib(size)} | {terms:,} | {_mib(posts)} |")
    return "\n".join(lines)


def measure(size: int, seed: int = 42) -> dict[str, Any]:
    """The breakdown of the cached bench home of ``size`` articles (indexed
    first if needed) and FTS5's size on the same corpus."""
    import shutil
    import tempfile

    from bench.bench_search import home_for
    from bench.corpus import generate
    from bench.fts5 import Fts5

    home, _ = home_for(size, seed)
    index = home / "index"
    parts = breakdown(index / (index / "CURRENT").read_text().strip())
    work = Path(tempfile.mkdtemp(prefix="hollywood-bench-size-"))
    try:
        fts = Fts5(work / "fts.db")
        fts.build(generate(size, seed))
        fts5_bytes = fts.size_bytes()
        fts.db.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"articles": size, "fts5_bytes": fts5_bytes, **parts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Where the index's size goes, beside FTS5.")
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    result = measure(args.size, args.seed)
    print(markdown(result, result["fts5_bytes"], args.size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
