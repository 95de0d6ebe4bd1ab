"""Bytes to text: UTF-8 first (a few stray bytes repaired, with a warning),
then the declared encoding, then Windows-1252 or Latin-1 when that reads as
Western text, then detection (charset_normalizer) for the rest."""

from __future__ import annotations

import codecs
import re
import zlib

from hollywood_ai.index.errors import HollywoodError

# A well-formed UTF-8 sequence of two to four bytes.
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_ASCII = bytes(range(128))
# Non-letters above ASCII that Western text uses (quotes, dashes, symbols).
_WESTERN_MARKS = set("\u00a0¡¢£¤¥¦§¨©ª«¬\xad®¯°±²³´µ¶·¸¹º»¼½¾¿×÷‚„…†‡‰‹›‘’“”•–—˜™€")
_C1 = re.compile("[\x80-\x9f]")
_STRAY = "hollywood-ai-stray-bytes"


def _stray_bytes(exc: UnicodeError) -> tuple[str, int]:
    """A byte that is not UTF-8, read as the Windows-1252 character it most
    likely was (or U+FFFD where that code page has none)."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error(_STRAY, _stray_bytes)


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        # UTF-16 text has NULs too; let the decoder try it.
        return not (sample.startswith((b"\xff\xfe", b"\xfe\xff")))
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and controls / len(sample) > 0.05


def gunzip(data: bytes, name: str, max_bytes: int) -> bytes:
    """Gzip (or zlib) data decompressed, never past ``max_bytes``: a small
    file that would grow past the cap (a gzip bomb) is refused unread."""
    inflater = zlib.decompressobj(wbits=47)  # 32 + 15: a gzip or a zlib header
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        raise HollywoodError(f"{name} is compressed but damaged; it cannot be read") from None
    if len(out) > max_bytes:
        raise HollywoodError(
            f"{name} is larger than {max_bytes // 2**20} MB when decompressed, "
            "too large for an article"
        )
    if not inflater.eof:
        raise HollywoodError(f"{name} is compressed but cut short; it cannot be read")
    return out


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a document; raise a HollywoodError naming it when it is not text."""
    return decode_text(data, name)[0]


def decode_text(data: bytes, name: str, declared: str | None = None) -> tuple[str, list[str]]:
    """A document's text and the repairs made on the way (one sentence each,
    about "it": the caller names the document).

    ``declared`` is the encoding the document's source names (an HTTP header,
    a <meta charset>): tried after UTF-8, which a declaration often gets wrong."""
    if not data.strip():
        raise HollywoodError(f"{name} is empty; there is nothing to add")
    wide = bool(declared) and str(declared).lower().replace("-", "").startswith(("utf16", "utf32"))
    if wide and b"\x00" not in data[:8192] and _is_utf8(data):
        # UTF-16 and UTF-32 markup has NULs; UTF-8 text without them is declared wrongly.
        declared = None
    elif wide and declared:
        try:  # has NULs, so it would look binary
            return data.decode(declared), []
        except (LookupError, UnicodeDecodeError):
            pass
    if looks_binary(data):
        raise HollywoodError(f"{name} is a binary file, not text; add .md, .txt or .html files")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-32" if data.startswith(b"\xff\xfe\x00\x00") else "utf-16"
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            raise _unrecognised(name) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few bytes that are not (a file pieced together from two
    # sources, a truncated character): keep the UTF-8, repair the strays.
    sequences = _UTF8_MULTI.findall(data)
    good = len(sequences)
    stray = len(data.translate(None, _ASCII)) - sum(len(s) for s in sequences)
    if good and stray <= good:
        text = data.decode("utf-8", errors=_STRAY)
        which = "byte, which was" if stray == 1 else "bytes, which were"
        return text, [
            f"it is UTF-8 except for {stray} {which} read as Windows-1252; "
            "check the text for a wrong letter"
        ]
    if declared:
        try:
            return data.decode(declared), []
        except (LookupError, UnicodeDecodeError):
            pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _western(text):
            return text, []
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _unrecognised(name)
    return str(best), []


def _unrecognised(name: str) -> HollywoodError:
    return HollywoodError(
        f"{name} is not in any text encoding that could be recognised; save it as UTF-8 and try again"
    )


def _western(text: str) -> bool:
    """Does a single-byte decoding read as Western European text? Its letters
    are mostly ASCII (French, German, Spanish, Portuguese: a few in ten at
    most are accented), its other characters above ASCII are quotes, dashes
    and symbols, and never sit inside a word (Polish or Czech bytes read as
    Windows-1252 give "by³o", "Za¿ó"), and there is no C1 control."""
    if _C1.search(text):
        return False
    letters = accented = 0
    for i, ch in enumerate(text):
        if ch.isalpha():
            letters += 1
            if ord(ch) > 127:
                accented += 1
        elif ord(ch) > 127:
            if ch not in _WESTERN_MARKS:
                return False
            inside = 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()
            if inside and ch not in "’'·‘":
                return False
    return letters > 0 and accented <= 0.3 * letters


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)


def decode_document(data: bytes, name: str, charset: str | None = None) -> tuple[str, list[str]]:
    """What `add` reads a document with (and the benchmark, so that both see
    the same text): ``charset`` is the one the server sent, if any, else a
    web page's own <meta charset> is the declared encoding."""
    declared = charset
    if not declared:
        found = _META_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii") if found else None
    return decode_text(data, name, declared)
