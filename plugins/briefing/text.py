"""Decoding and unicode repair: bytes from any editor's paste in, one clean str out."""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes

# Zero-width and bidi-control characters that copy-paste drags along; they break word matching.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
# C0/C1 controls that XML and HTML forbid; tab and newline stay.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). BOMs win; then strict UTF-8; then a detector."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    name = best.encoding if best else "cp1252"
    if name in ("ascii", "latin_1", "iso8859_1"):
        name = "cp1252"  # a superset in the printable range; curly quotes survive
    return data.decode(name, errors="replace"), name


def looks_binary(data: bytes) -> bool:
    """True for files that are not text at all (images, archives renamed .txt)."""
    head = data[:4096]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        # UTF-16 without BOM has NULs in every other byte; real binaries have them scattered.
        evens, odds = head[0::2].count(0), head[1::2].count(0)
        return not (odds > len(head) * 0.4 or evens > len(head) * 0.4)
    return False


def decode_utf16_nobom(data: bytes) -> str | None:
    head = data[:4096]
    if head[1::2].count(0) > len(head) * 0.4:
        return data.decode("utf-16-le", errors="replace")
    if head[0::2].count(0) > len(head) * 0.4:
        return data.decode("utf-16-be", errors="replace")
    return None


def normalise(text: str) -> str:
    """Repair mojibake, unify line ends and spaces, drop invisible and control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def read_text(data: bytes) -> tuple[str, str]:
    """Bytes to normalised text, with the encoding that was used."""
    utf16 = decode_utf16_nobom(data) if b"\x00" in data[:4096] else None
    if utf16 is not None:
        return normalise(utf16), "utf-16"
    text, name = decode(data)
    return normalise(text), name
