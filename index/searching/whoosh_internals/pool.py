"""A rebuild's posting pool: a segment's postings grouped by term as they come.

Whoosh's PostingPool keeps every posting of a segment as a tuple (field,
term, document, weight, value) and sorts them all when the segment is
written, or in runs on disk when they outgrow the writer's memory limit
(``limitmb``), merged one posting at a time. Here each term's postings are
appended to the term's own list (documents are added in order, so each list
is already sorted), and only the terms are sorted: an article brings some
700 postings but few new terms. A spelling word is only counted: the codec
keeps one posting per spelling word weighing as many articles as hold it
(see codec.InliningFieldWriter), so Whoosh's posting per article and word
(two in five of a build's postings) is never held. A run spilled to disk is
its terms in order with their postings, pickled a chunk at a time; merging
runs holds one chunk of each, and no more than MERGE_FAN_IN runs are merged
at once (a segment that spilled more is merged a few runs at a time into
longer runs first), so the merge's memory does not grow with the segment.
The segment written is byte for byte the one Whoosh's pool gives (a test
compares the files).
"""

from __future__ import annotations

import heapq
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.fields import SpellField
from whoosh.writing import PostingPool, SegmentWriter

#: Postings per pickle in a run file. Merging runs holds one chunk of each
#: open run (some 400 KB unpickled: tuples, terms and positions); larger
#: chunks are barely faster.
RUN_CHUNK = 1_000
#: Runs merged at once. A 10,000-article segment spills some 20 runs of
#: articles, and an open run costs its chunk: merged all at once they would
#: cost more than the pool itself. More runs than this are first merged in
#: groups of consecutive runs (so a term's postings stay in document order)
#: into longer runs, which costs one more write and read of the postings.
MERGE_FAN_IN = 6
# What the pool counts against its limit: about what a posting (its tuple,
# weight, value and list slot) and a new term (its key, list and dict entry)
# hold in memory, in Whoosh's own units (see budget.POOL_FACTOR).
_POSTING_BYTES = 100
_TERM_BYTES = 250

Group = tuple[str, bytes, Any]  # field, term, its postings (or a spelling word's count)


class GroupedPostings:
    """A segment's postings in order, by term: (field, term, postings), the
    postings a list of (document, weight, value), or for a spelling field
    the number of articles holding the word. What the codec's field writer
    takes whole (InliningFieldWriter.add_postings)."""

    def __init__(self, groups: Iterable[Group], spelling: frozenset[str]) -> None:
        self.groups = groups
        self.spelling = spelling

    def __iter__(self) -> Iterator[tuple[str, bytes, int, Any, Any]]:
        """Whoosh's flat postings, for any other field writer."""
        for fieldname, text, postings in self.groups:
            if fieldname in self.spelling:
                for _ in range(postings):
                    yield fieldname, text, 0, 1, None
            else:
                for docnum, weight, value in postings:
                    yield fieldname, text, docnum, weight, value


class GroupedPostingPool(PostingPool):
    """PostingPool's interface (add, iter_postings, cleanup, the runs on
    disk) over postings grouped by term; see the module's note."""

    terms: dict[tuple[str, bytes], Any]
    spelling: frozenset[str]
    runs: list[str]

    def start(self, schema: Any) -> None:
        self.terms = {}
        self.spelling = frozenset(
            name for name, field in schema.items() if isinstance(field, SpellField)
        )

    def add(self, item: tuple[str, bytes, int, Any, Any]) -> None:
        fieldname, text, docnum, weight, value = item
        self.fieldnames.add(fieldname)
        key = (fieldname, text)
        terms = self.terms
        if fieldname in self.spelling:
            count = terms.get(key)
            if count is None:
                terms[key] = 1
                self.currentsize += _TERM_BYTES + len(text)
            else:
                terms[key] = count + 1
        else:
            postings = terms.get(key)
            if postings is None:
                postings = terms[key] = []
                self.currentsize += _TERM_BYTES + len(text)
            if docnum != -1:  # Whoosh's marker for spelling-graph words: not a posting
                postings.append((docnum, weight, value))
                self.currentsize += _POSTING_BYTES + (len(value) if value else 0)
        if self.currentsize > self.limit:
            self.save()

    def add_field(self, fieldname: str, docnum: int, items: Iterable[Any], boost: float) -> int:
        """``add`` for each posting of one document's field, as the field's
        ``index`` gives them (term, frequency, weight, value), each weight
        times ``boost`` as Whoosh's writer weighs it; gives the field's length
        (the frequencies' sum). The document's postings in one loop, not a
        call each (see GroupedSegmentWriter)."""
        if fieldname in self.spelling or docnum == -1:
            length = 0
            for text, freq, weight, value in items:
                length += freq
                self.add((fieldname, text, docnum, weight * boost, value))
            return length
        terms = self.terms
        get = terms.get
        length = 0
        size = 0
        for text, freq, weight, value in items:
            length += freq
            key = (fieldname, text)
            postings = get(key)
            if postings is None:
                postings = terms[key] = []
                size += _TERM_BYTES + len(text)
            postings.append((docnum, weight * boost, value))
            size += _POSTING_BYTES + (len(value) if value else 0)
        if size:
            self.fieldnames.add(fieldname)
            self.currentsize += size
            if self.currentsize > self.limit:
                self.save()
        return length

    def add_spelling(self, fieldname: str, words: Iterable[str]) -> None:
        """``add`` for a document's words of a spelling field."""
        terms = self.terms
        get = terms.get
        size = 0
        added = False
        for word in words:
            added = True
            key = (fieldname, word.encode("utf-8"))
            count = get(key)
            if count is None:
                terms[key] = 1
                size += _TERM_BYTES + len(key[1])
            else:
                terms[key] = count + 1
        if added:
            self.fieldnames.add(fieldname)
            self.currentsize += size
            if self.currentsize > self.limit:
                self.save()

    def _sorted(self) -> Iterator[Group]:
        terms = self.terms
        for key in sorted(terms):
            yield key[0], key[1], terms[key]

    def save(self) -> None:
        if self.terms:
            path, f = self._new_run()
            self._write_run(f, self._sorted())
            self.runs.append(path)
            self.terms = {}
        self.currentsize = 0

    def _write_run(self, f: Any, groups: Iterable[Group]) -> None:
        chunk: list[Group] = []
        size = 0
        for group in groups:
            chunk.append(group)
            postings = group[2]
            size += 1 if isinstance(postings, int) else len(postings)
            if size >= RUN_CHUNK:
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                chunk, size = [], 0
        if chunk:
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Group]:
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)

    def iter_postings(self) -> GroupedPostings:
        if not self.runs:
            groups: Iterable[Group] = self._sorted()
        else:
            self.save()
            runs, self.runs = self.runs, []
            while len(runs) > MERGE_FAN_IN:
                runs = [
                    self._merge_runs(runs[i : i + MERGE_FAN_IN])
                    for i in range(0, len(runs), MERGE_FAN_IN)
                ]
            groups = _merged([self._read_run(path) for path in runs])
        return GroupedPostings(groups, self.spelling)

    def _merge_runs(self, paths: list[str]) -> str:
        """One run on disk holding ``paths``' groups merged (they are removed)."""
        if len(paths) == 1:
            return paths[0]
        path, f = self._new_run()
        self._write_run(f, _merged([self._read_run(p) for p in paths]))
        return path


def _merged(runs: list[Iterator[Group]]) -> Iterator[Group]:
    """The runs' groups in term order, a term's postings from the runs in the
    order they were written (the earlier documents first); heapq.merge keeps
    equal keys in the order of its inputs."""
    merged = heapq.merge(*runs, key=lambda g: (g[0], g[1]))
    last: Group | None = None
    for group in merged:
        if last is not None and last[0] == group[0] and last[1] == group[1]:
            if isinstance(last[2], int):
                last = (last[0], last[1], last[2] + group[2])
            else:
                last[2].extend(group[2])
            continue
        if last is not None:
            yield last
        last = group
    if last is not None:
        yield last


class GroupedSegmentWriter(SegmentWriter):
    """Whoosh's SegmentWriter adding a document's postings to its
    GroupedPostingPool a field at a time (``add_field``) rather than a
    posting at a time: the same postings, weights, lengths, stored values and
    columns as SegmentWriter.add_document, whose steps this follows. Only for
    schemas without term vectors, whose spelling words go to spelling fields
    (see grouped_pool)."""

    pool: GroupedPostingPool

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        pool = self.pool
        docboost = self._doc_boost(fields)
        fieldnames = sorted([name for name in fields if not name.startswith("_")])
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    counted = pool.add_field(fieldname, docnum, field.index(value), boost)
                    if field.scorable:
                        length = counted
                if field.separate_spelling():
                    spellfield = field.spelling_fieldname(fieldname)
                    pool.add_spelling(spellfield, field.spellable_words(value))
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(
                    fieldname, field, customval if field.stored else None, length
                )
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1


def grouped_pool(writer: Any) -> Any:
    """``writer`` (a SegmentWriter, nothing added yet) with its postings
    pooled by term (see GroupedPostingPool), added a field at a time when its
    schema allows (see GroupedSegmentWriter)."""
    pool: Any = getattr(writer, "pool", None)
    if type(pool) is PostingPool and not pool.current and not pool.runs:
        pool.__class__ = GroupedPostingPool
        pool.start(writer.schema)
        fields = list(writer.schema.items())
        if type(writer) is SegmentWriter and all(
            not field.vector
            and (not field.separate_spelling() or field.spelling_fieldname(name) in pool.spelling)
            for name, field in fields
        ):
            writer.__class__ = GroupedSegmentWriter
    return writer
