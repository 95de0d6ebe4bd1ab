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

import pickle
import struct
from array import array
from typing import Any

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PostingsWriter,
    W3TermInfo,
    _lenfield,
)
from whoosh.system import emptybytes, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

#: Posting lists of at most this many articles are kept in the term's row.
INLINE_LIMIT = 4

_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]
_LENGTHS = struct.Struct("!ii")  # a hash file row's key and value lengths


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

    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        limit = self._codec._inlinelimit
        tindex = self._tindex
        dbfile = tindex.dbfile
        write = dbfile.write
        hashfn = tindex.hashfn
        buckets = tindex.buckets
        positions = tindex.index.append
        pack_lengths = _LENGTHS.pack
        pack_info = W3TermInfo._struct.pack

        fieldname: str | None = None
        fieldid = 0
        doc_lengths: Any = None
        btext: bytes | None = None
        postings: list[tuple[int, float, bytes, int | None]] = []

        def flush() -> None:
            if len(postings) > limit:
                # The usual path: blocks in the postings file.
                self.start_term(btext)
                for posting in postings:
                    self.add(*posting)
                self.finish_term()
                return
            ids = array("I", [p[0] for p in postings])
            weights = array("f", [p[1] for p in postings])
            values = tuple(v for _, _, v, _ in postings if v) or (None,) * len(ids)
            minlength = None
            maxlength = 0
            maxweight = 0.0
            for _, weight, _, length in postings:
                if weight > maxweight:
                    maxweight = weight
                if length:
                    if minlength is None or length < minlength:
                        minlength = length
                    if length > maxlength:
                        maxlength = length
            value = pack_info(
                True,
                0 + sum(weights),
                len(ids),
                0 if minlength is None else length_to_byte(minlength),
                length_to_byte(maxlength),
                maxweight,
                ids[0],
                ids[-1],
            ) + pickle.dumps((tuple(ids), tuple(weights), values), 2)
            key = pack_ushort(fieldid) + btext
            if key <= tindex.lastkey:
                raise ValueError(f"Keys must increase: {tindex.lastkey!r}..{key!r}")
            pos = dbfile.tell()
            positions(pos)
            write(pack_lengths(len(key), len(value)))
            write(key)
            write(value)
            h = hashfn(key)
            buckets[h & 255].append((h, pos))
            tindex.lastkey = key

        for fname, text, docnum, weight, vbytes in items:
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
                fieldid = self._fieldid
                doc_lengths = _doc_lengths(lengths, fname)
                btext = None
            if docnum == -1:
                continue  # Whoosh's marker for spelling-graph words: not postings
            if text != btext:
                if postings:
                    flush()
                    postings = []
                btext = text
            length = doc_lengths(docnum) if doc_lengths is not None else 0
            postings.append((docnum, weight, emptybytes if vbytes is None else vbytes, length))
        if postings:
            flush()
        if fieldname is not None:
            self.finish_field()


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
