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

from typing import Any

from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3PerDocReader,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.util.numeric import byte_to_length

#: Posting lists of at most this many articles are kept in the term's row.
INLINE_LIMIT = 4


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


_BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]


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
