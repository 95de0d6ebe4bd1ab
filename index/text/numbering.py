"""Story words numbered as articles come, written as a table file, without
numpy: what a rebuild's workers run (text/wordtables.py reads the file, and
is what grouping works with), so that each worker's memory is its index's
writers' and a few hundred articles' vocabulary, not numpy's as well.

The file is an npz, numpy's archive of arrays: a zip of ``.npy`` files, each
a fixed header (the format's magic, its version, the length and text of a
dictionary naming the array's type and shape) and the array's bytes.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
from array import array
from collections.abc import Iterable
from hashlib import blake2b
from typing import Any

from hollywood_ai.index.text.storywords import WORDS_VERSION, split_counts

#: Counts are kept in 16 bits: a word counted 65,535 times says nothing more.
MAX_COUNT = 65_535
_ORDER = "<" if sys.byteorder == "little" else ">"


class Numbering:
    """The story-word records (text/storywords.py) of articles as they come,
    each record's words numbered in a dictionary: an exact reading of every
    row, leaving nothing to parse for whoever reads the table. A record that
    does not read is left out (its article is then counted by whoever groups
    it). What it holds grows with the articles given, so a writer starts a
    new one every few hundred of them."""

    def __init__(self) -> None:
        self.keys: list[tuple[str, str]] = []
        self.number: dict[str, int] = {}
        self.ends = array("q", [0])
        self.word_ids = array("i")
        self.counts = array("H")

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, article_id: str, record: bytes) -> None:
        split = split_counts(record)
        if split is None:
            return
        checksum, words, counts = split
        setdefault, number = self.number.setdefault, self.number
        self.word_ids.extend([setdefault(w, len(number)) for w in words])
        self.counts.extend([min(int(n), MAX_COUNT) for n in counts])
        self.keys.append((article_id, checksum))
        self.ends.append(self.ends[-1] + len(words))

    def encoded(self, compressed: bool = True) -> bytes:
        """The table's file (see table_file), with a 128-bit hash of each word:
        tables that have them are joined by sorting the hashes."""
        hashes = b"".join(blake2b(w.encode("utf-8"), digest_size=16).digest() for w in self.number)
        return table_file(
            self.keys, self.number, self.ends, self.word_ids, self.counts, compressed, hashes
        )


def table_file(
    keys: Iterable[tuple[str, str]],
    vocab: Iterable[str],
    offsets: Any,
    word_ids: Any,
    counts: Any,
    compressed: bool,
    hashes: bytes | None = None,
) -> bytes:
    """A word table's file: an npz of the version, the keys ("id\\tchecksum")
    and the words (each joined by line breaks, as bytes), the offsets (int64),
    word numbers (int32) and counts (uint16), each given as any contiguous
    buffer of that type; and the words' hashes, 16 bytes each, when given."""
    packed = [
        ("version", "i8", array("q", [WORDS_VERSION])),
        ("keys", "u1", "\n".join(f"{i}\t{c}" for i, c in keys).encode("utf-8")),
        ("vocab", "u1", "\n".join(vocab).encode("utf-8")),
        ("offsets", "i8", offsets),
        ("word_ids", "i4", word_ids),
        ("counts", "u2", counts),
    ]
    if hashes is not None:
        packed.append(("hashes", "u1", hashes))
    out = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, kind, data in packed:
            view = memoryview(data).cast("B")
            size = int(kind[1:])
            header = (
                f"{{'descr': '{'|' if size == 1 else _ORDER}{kind}', "
                f"'fortran_order': False, 'shape': ({len(view) // size},), }}"
            )
            # Magic, version and length take 10 bytes; the whole header is
            # padded with spaces to a multiple of 64 and ends in a line break.
            header += " " * (-(10 + len(header) + 1) % 64) + "\n"
            with archive.open(f"{name}.npy", "w", force_zip64=True) as member:
                member.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
                member.write(header.encode("latin1"))
                member.write(view)
    return out.getvalue()
