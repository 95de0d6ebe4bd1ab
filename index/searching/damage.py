"""What Whoosh raises when the files it reads are damaged (truncated, zeroed,
overwritten, removed by another process's rebuild), told apart from the
errors of a bug, which must surface instead of being read as damage and
answered with a silent rebuild.

The kinds were found by damaging every file of a small index in turn
(emptied, cut, one byte short, bytes flipped, zeroed, random) and opening,
listing and searching it: reading raises these, from the file layer, the
pickled table of contents and schema, the hash tables and the columns.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from pathlib import Path

import whoosh
from hollywood_ai.index.errors import HollywoodError
from whoosh.filedb.filestore import StorageError
from whoosh.filedb.filetables import FileFormatError
from whoosh.index import IndexError as WhooshIndexError


class DamagedIndex(HollywoodError):
    """The live generation cannot be opened (or CURRENT names none): damage,
    said as a sentence for a caller that cannot rebuild the index."""


DAMAGE: tuple[type[BaseException], ...] = (
    DamagedIndex,
    OSError,  # a file missing, cut short, or gone with a pruned generation
    EOFError,
    ValueError,  # bad array codes, undecodable names (UnicodeError)
    LookupError,  # tables missing their keys, offsets past the end
    OverflowError,
    MemoryError,  # a damaged length asking for gigabytes
    ImportError,  # a damaged pickle naming a module
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    WhooshIndexError,  # no table of contents, or one of another version
    FileFormatError,
    StorageError,
)
#: Raised by Whoosh's own reading code (or the pickle it calls), these mean
#: a damaged file too ("ord() expected a character" at a file's end, an
#: attribute a damaged pickle names); raised in ours, a bug.
_DAMAGE_INSIDE_WHOOSH = (TypeError, AttributeError)
_WHOOSH = str(Path(whoosh.__file__).parent)
_PICKLE = str(Path(pickle.__file__))


def is_damage(exc: BaseException) -> bool:
    """Whether ``exc``, raised while opening or reading the index, comes of
    damaged files rather than of a bug."""
    if isinstance(exc, DAMAGE):
        return True
    if isinstance(exc, _DAMAGE_INSIDE_WHOOSH):
        return _raised_in(exc, (_WHOOSH, _PICKLE))
    if type(exc) is Exception:
        # Whoosh's postings reader raises a bare Exception on a block it
        # cannot read ("Block tag error").
        return _raised_in(exc, (_WHOOSH,))
    return False


def _raised_in(exc: BaseException, places: tuple[str, ...]) -> bool:
    """Whether the innermost frame of the traceback runs a file of ``places``."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_filename.startswith(places)
