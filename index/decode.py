"""Bytes to text: UTF-8 first, then a detected encoding (Windows-1252, Latin-1...)."""

from __future__ import annotations

from hollywood_ai.index.errors import HollywoodError


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        # UTF-16 text has NULs too; let the decoder try it.
        return not (sample.startswith((b"\xff\xfe", b"\xfe\xff")))
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and controls / len(sample) > 0.05


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a document; raise a HollywoodError naming it when it is not text."""
    if not data.strip():
        raise HollywoodError(f"{name} is empty; there is nothing to add")
    if looks_binary(data):
        raise HollywoodError(f"{name} is a binary file, not text; add .md, .txt or .html files")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise HollywoodError(
            f"{name} is not in any text encoding that could be recognised; save it as UTF-8 and try again"
        )
    return str(best)
