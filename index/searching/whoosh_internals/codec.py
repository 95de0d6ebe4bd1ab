"""Whoosh's own codec with rare terms' postings kept in the term table.

Whoosh writes every term's postings as a separate block in the postings file
(a pickle, a zlib call, a hash-table row pointing at it), which is most of
the cost of building our index: the neighbouring-word pairs that make phrases
fast are hundreds of thousands of terms, most of them in one or two articles.
Whoosh meant to "inline" such short posting lists into the term's row
(``W3Codec(inlinelimit=...)``), and its readers handle inlined rows, but the
writer's branch for it calls a method that does not exist
(``set_inline`` for ``set_inlined``) behind a test that can never pass with
the default limit, so no index has ever been written that way. This codec
takes that branch correctly; the files it writes are ordinary Whoosh 3 files
that Whoosh's default codec reads. It also remembers which fields have no
lengths column (see ``LengthsPerDocReader``), and reads a segment's field
lengths whole for scoring a term's postings at once (``field_lengths``).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import struct
from array import array
from typing import Any

from hollywood_ai.index.searching.whoosh_internals.columns import DensePerDocWriter
from hollywood_ai.index.searching.whoosh_internals.pool import GroupedPostings
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PostingsWriter,
    W3TermInfo,
    _lenfield,
)
from whoosh.fields import SpellField
from whoosh.filedb.filetables import md5_hash
from whoosh.system import emptybytes, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

#: Posting lists of at most this many articles are kept in the term's row.
INLINE_LIMIT = 4

_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]
_LENGTHS = struct.Struct("!ii")  # a hash file row's key and value lengths
_SLOT = struct.Struct("!Iq")  # a hash table slot: the key's hash, its row's position


class InliningPostingsWriter(W3PostingsWriter):
    def finish_postings(self) -> Any:
        terminfo: Any = self._terminfo  # type: ignore[has-type]
        if not self.written() and 0 < len(self) <= self._inlinelimit:
            terminfo.add_block(self)
            # Formats without values (frequencies, existence) keep none; read
            # back, such postings must give None as the file's blocks do, not
            # the "" Whoosh's list matcher gives for a missing list.
            values = self._values or (None,) * len(self._ids)
            terminfo.set_inlined(self._ids, self._weights, values)
            self._terminfo = None
            return terminfo
        return super().finish_postings()


class InliningFieldWriter(W3FieldWriter):
    """Writes a segment's terms as W3FieldWriter does, byte for byte, with
    the per-term work of the usual path (a postings writer started and
    finished, a term info object, a column lookup per posting for the
    document's field length) done only for terms whose postings go to the
    postings file. A term of at most ``inlinelimit`` postings (most of them:
    the phrase pairs) is one row of the term table, packed here directly."""

    def __init__(self, codec: Any, storage: Any, segment: Any) -> None:
        super().__init__(codec, storage, segment)
        # The term table's hash buckets as arrays of each term's hash and row
        # number: Whoosh keeps a tuple of two ints per term (some 130 bytes)
        # until the segment is written, tens of MiB for a large segment.
        self._tindex.buckets = [_Bucket(self._tindex.index) for _ in range(256)]

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        """One loop over every posting of the segment, kept whole on purpose:
        it is the hot path of a build, and its locals (the table's write,
        hash and buckets) are bound once outside it."""
        # Whoosh inlines a term's postings when none were written out yet
        # (a block is written when a block's worth overflows).
        limit = min(self._codec._inlinelimit, self._codec._blocklimit)
        tindex = self._tindex
        dbfile = tindex.dbfile
        write = getattr(dbfile, "file", dbfile).write
        hashfn = _md5_low if tindex.hashfn is md5_hash else tindex.hashfn
        buckets = tindex.buckets
        positions = tindex.index.append
        pack_lengths = _LENGTHS.pack
        pack_info = W3TermInfo._struct.pack
        dumps = pickle.dumps
        lbyte = _length_byte
        f32 = _float32

        fieldname: str | None = None
        fieldid = b""
        doc_lengths: Any = None
        btext: bytes = b""
        postings: list[tuple[int, float, bytes, int | None]] = []
        pos = dbfile.tell()

        def flush() -> None:
            nonlocal pos
            n = len(postings)
            if n > limit:
                # Blocks in the postings file, by Whoosh's postings writer,
                # filled a block at a time rather than a posting at a time.
                self.start_term(btext)
                _fill_blocks(self._postwriter, postings)
                self.finish_term()
                pos = dbfile.tell()
                return
            if n == 1:
                docnum, weight, v, length = postings[0]
                w32 = f32(weight)
                value = pack_info(
                    True,
                    0 + w32,
                    1,
                    lbyte(length) if length else 0,
                    lbyte(length) if length else 0,
                    weight if weight > 0 else 0,
                    docnum,
                    docnum,
                ) + dumps(((docnum,), (w32,), (v,) if v else (None,)), 2)
            else:
                ids = tuple([p[0] for p in postings])
                weights = array("f", [p[1] for p in postings])
                values = tuple([p[2] for p in postings if p[2]]) or (None,) * n
                lens = [p[3] for p in postings if p[3]]
                maxweight = max([p[1] for p in postings])
                value = pack_info(
                    True,
                    0 + sum(weights),
                    n,
                    lbyte(min(lens)) if lens else 0,
                    lbyte(max(lens)) if lens else 0,
                    maxweight if maxweight > 0 else 0,
                    ids[0],
                    ids[-1],
                ) + dumps((ids, tuple(weights), values), 2)
            key = fieldid + btext
            if key <= tindex.lastkey:
                raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{key!r}")
            positions(pos)
            row = pack_lengths(len(key), len(value)) + key + value
            write(row)
            h = hashfn(key)
            buckets[h & 255].append((h, pos))
            pos += len(row)
            tindex.lastkey = key

        if isinstance(items, GroupedPostings):
            # A rebuild's pool hands each term's postings whole (pool.py).
            for fname, text, group in items.groups:
                btext = text  # the term flush() writes
                if fname != fieldname:
                    if fieldname is not None:
                        self.finish_field()
                        if fname < fieldname:
                            raise ValueError(f"Field {fieldname!r} .. {fname!r}")
                    fieldname = fname
                    self.start_field(fname, schema[fname])
                    fieldid = pack_ushort(self._fieldid)
                    doc_lengths = _doc_lengths(lengths, fname)
                if fname in items.spelling:
                    postings = [(0, group, emptybytes, None)]  # see below
                elif doc_lengths is None:
                    postings = [(d, w, emptybytes if v is None else v, 0) for d, w, v in group]
                else:
                    postings = [
                        (d, w, emptybytes if v is None else v, doc_lengths(d)) for d, w, v in group
                    ]
                if postings:
                    flush()
            if fieldname is not None:
                self.finish_field()
            return

        # A spelling field's postings are all document 0 (Whoosh's writer adds
        # one per article holding the word, with the values of whatever term
        # it indexed last): they become one posting whose weight counts them,
        # which is all a correction reads (the word, and how common it is).
        spelling = False
        for fname, text, docnum, weight, vbytes in items:
            if spelling and fname == fieldname and text == btext and postings:
                first = postings[0]
                postings[0] = (first[0], first[1] + weight, emptybytes, None)
                continue
            if fname != fieldname:
                if postings:
                    flush()
                    postings = []
                if fieldname is not None:
                    self.finish_field()
                if fieldname is not None and fname < fieldname:
                    raise ValueError(f"Field {fieldname!r} .. {fname!r}")
                fieldname = fname
                self.start_field(fname, schema[fname])
                fieldid = pack_ushort(self._fieldid)
                doc_lengths = _doc_lengths(lengths, fname)
                spelling = isinstance(schema[fname], SpellField)
                btext = b""
            if docnum == -1:
                continue  # Whoosh's marker for spelling-graph words: not postings
            if text != btext or not postings:
                if postings:
                    flush()
                    postings = []
                btext = text
            if spelling:
                postings.append((docnum, weight, emptybytes, None))
                continue
            length = doc_lengths(docnum) if doc_lengths is not None else 0
            postings.append((docnum, weight, emptybytes if vbytes is None else vbytes, length))
        if postings:
            flush()
        if fieldname is not None:
            self.finish_field()

    def close(self) -> None:
        tindex = self._tindex
        tindex._write_hashes = functools.partial(_write_hashes, tindex)
        super().close()


def _fill_blocks(pw: Any, postings: list[tuple[int, float, bytes, int | None]]) -> None:
    """``pw.add_posting`` for each posting: the same blocks, statistics and
    values (a block is written when the next posting would overflow it)."""
    size = pw._blocklimit
    for start in range(0, len(postings), size):
        if start:
            pw._write_block()
        chunk = postings[start : start + size]
        pw._ids.extend([p[0] for p in chunk])
        pw._weights.extend([p[1] for p in chunk])
        pw._values.extend([p[2] for p in chunk if p[2]])
        top = max([p[1] for p in chunk])
        if top > pw._maxweight:
            pw._maxweight = top
        lens = [p[3] for p in chunk if p[3]]
        if lens:
            low = min(lens)
            if pw._minlength is None or low < pw._minlength:
                pw._minlength = low
            pw._maxlength = max(pw._maxlength, max(lens))


class _Bucket:
    """A hash bucket of the term table: each term's hash and the number of its
    row (its place in the table's list of row positions, ``index``), eight
    bytes a term. ``append`` takes a (hash, position) pair as Whoosh's
    HashWriter.add gives it, just after the row's position was listed."""

    __slots__ = ("hashes", "index", "rows")

    def __init__(self, index: Any) -> None:
        self.hashes = array("I")
        self.rows = array("I")
        self.index = index

    def __len__(self) -> int:
        return len(self.hashes)

    def append(self, pair: Any) -> None:
        self.hashes.append(pair[0])
        self.rows.append(len(self.index) - 1)


def _write_hashes(tindex: Any) -> None:
    """OrderedHashWriter._write_hashes as Whoosh writes it (the same slots,
    the same bytes), each bucket's table written in one call."""
    dbfile = tindex.dbfile
    pos = dbfile.tell()
    write = getattr(dbfile, "file", dbfile).write
    directory = tindex.directory
    pack_slot = _SLOT.pack
    positions = tindex.index.array
    for bucket in tindex.buckets:
        numslots = 2 * len(bucket)
        directory.append((pos, numslots))
        hashes = [0] * numslots
        places = [0] * numslots
        for hashval, row in zip(bucket.hashes, bucket.rows, strict=True):
            position = positions[row]
            slot = (hashval >> 8) % numslots
            while hashes[slot] or places[slot]:
                slot = (slot + 1) % numslots
            hashes[slot] = hashval
            places[slot] = position
        # A slot at a time through one compiled Struct: a format string per
        # table ("!IqIq...") would be compiled and cached by the struct module
        # (up to 100 of them, hundreds of KiB each for a large segment),
        # memory the build would hold until it ends.
        write(b"".join(map(pack_slot, hashes, places)))
        pos += 12 * numslots


def _md5_low(key: bytes) -> int:
    """filetables.md5_hash (the low 32 bits of the key's MD5), without the
    detour through hexadecimal."""
    return int.from_bytes(hashlib.md5(key, usedforsecurity=False).digest()[12:], "big")


# Field length -> its byte, a pure function of an int, the same for any index:
# no more keys than the longest field written has words, and a dict's get and
# set are each atomic, so it needs neither a bound nor a lock.
_LENGTH_BYTES: dict[int, int] = {}


def _length_byte(length: int) -> int:
    got = _LENGTH_BYTES.get(length)
    if got is None:
        got = _LENGTH_BYTES[length] = length_to_byte(length)
    return got


_F32 = struct.Struct("f")


def _float32(x: float) -> float:
    """``x`` as the postings writer's float array keeps it."""
    return _F32.unpack(_F32.pack(x))[0]


def _doc_lengths(lengths: Any, fieldname: str) -> Any:
    """``lengths.doc_field_length(docnum, fieldname)`` for one field, from its
    lengths column read whole once (None for a document whose byte is 0, and
    0 for a field without lengths, as Whoosh's reader answers)."""
    if lengths is None:
        return None
    if not isinstance(lengths, W3PerDocReader):
        return lambda docnum: lengths.doc_field_length(docnum, fieldname)
    column = lengths._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return None
    table = [_BYTE_LENGTHS[b] if b else None for b in column]
    return table.__getitem__


class LengthsPerDocReader(W3PerDocReader):
    """Remembers that a field has no lengths column: Whoosh asks the file system
    again for every posting of such a field (tens of thousands of ``stat``
    calls per segment written)."""

    def _cached_reader(self, fieldname: str, column: Any) -> Any:
        if fieldname not in self._readers:
            self._readers[fieldname] = super()._cached_reader(fieldname, column)
        return self._readers[fieldname]


class InliningCodec(W3Codec):
    def __init__(self, inlinelimit: int = INLINE_LIMIT) -> None:
        super().__init__(inlinelimit=inlinelimit)

    def field_writer(self, storage: Any, segment: Any) -> InliningFieldWriter:
        return InliningFieldWriter(self, storage, segment)

    def per_document_writer(self, storage: Any, segment: Any) -> DensePerDocWriter:
        return DensePerDocWriter(self, storage, segment)

    def per_document_reader(self, storage: Any, segment: Any) -> LengthsPerDocReader:
        return LengthsPerDocReader(storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> InliningPostingsWriter:
        return InliningPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


def field_lengths(leaf: Any, fieldname: str) -> list[int] | None:
    """Every document's length in ``fieldname`` in one segment's reader, from
    Whoosh 3's per-document lengths column (one byte a document), decoded at
    once: what BM25F needs of each posting, without a column lookup per
    posting. None when the segment is not Whoosh 3's or the field has no
    lengths (the caller scores through Whoosh then)."""
    perdoc = getattr(leaf, "_perdoc", None)
    if not isinstance(perdoc, W3PerDocReader):
        return None
    column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return None
    return [_BYTE_LENGTHS[b] for b in column]
