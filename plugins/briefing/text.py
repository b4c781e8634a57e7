"""Decoding and unicode repair: bytes from any editor's paste in, one clean str out."""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE, LIGATURES

# Zero-width and bidi-control characters that copy-paste drags along; they break word matching.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f]")
# C0/C1 controls, lone surrogates and the two non-characters that XML forbids; tab and newline
# stay. ZWJ/ZWNJ are removed above, which is safe for the Latin-script pages of the digest.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_C0 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# The three above in one pass over the text: each character is dropped or becomes a space on
# its own, and a space is none of them, so one pass does what the three would in turn.
_STRAY = re.compile("|".join(p.pattern for p in (_INVISIBLE, _CONTROLS, _ODD_SPACES)))

# Leading bytes of common non-text files that editors drop in with a .txt name by mistake.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive or Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel document"),
    (b"{\\rtf", "an RTF document"),
)
# Bytes that plain text in any 8-bit encoding or UTF-8 never holds in bulk.
_NON_TEXT = frozenset(range(0, 9)) | frozenset(range(14, 27)) | frozenset(range(28, 32))
_NON_TEXT_BYTES = bytes(sorted(_NON_TEXT))
_CP1252_UNDEFINED = b"\x81\x8d\x8f\x90\x9d"
_SAMPLE = 200_000


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). BOMs win; then strict UTF-8; then legacy encodings."""
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
    name = legacy_encoding(data[:_SAMPLE])
    if name == "cp1252":
        # The five bytes cp1252 leaves undefined are C1 controls in Latin-1: noise either way.
        return data.translate(None, _CP1252_UNDEFINED).decode(name, errors="replace"), name
    return data.decode(name, errors="replace"), name


def legacy_encoding(sample: bytes) -> str:
    """The encoding of text that is not UTF-8.

    The detector guesses badly on short Western texts ("café" comes out as UTF-16), so text that
    is mostly ASCII letters with a few high bytes is read as Windows-1252, of which Latin-1 is the
    printable subset; only text with many high bytes (Arabic, Cyrillic, UTF-16 without NULs) is
    left to the detector. Text without spaces goes to the detector too.
    """
    high = sum(1 for b in sample if b >= 0x80)
    letters = sum(1 for b in sample if 0x41 <= (b | 0x20) <= 0x7A)
    odd = _count_non_text(sample)
    # Western prose has spaces; UTF-16 of Chinese, which also looks like letters, has almost none.
    spaced = len(sample) < 16 or sample.count(b" ") + sample.count(b"\n") > len(sample) * 0.03
    if odd == 0 and high < letters and spaced:
        return "cp1252"
    best = from_bytes(sample).best()
    if best is None or best.encoding in ("ascii", "latin_1", "iso8859_1"):
        return "cp1252"
    return best.encoding


def binary_kind(data: bytes) -> str:
    """What the file seems to be when it is not text (for the editor's message), else ""."""
    head = data[:4096]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if not head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ""
    if _utf16_without_bom(head):
        return ""
    # A stray NUL or two is damage to strip; many control bytes mean it is not text at all.
    return "a binary file" if _count_non_text(head) > len(head) * 0.05 else ""


def _count_non_text(data: bytes) -> int:
    """How many bytes of `data` are in _NON_TEXT (deleting them is one C loop, not a Python one
    per byte)."""
    return len(data) - len(data.translate(None, _NON_TEXT_BYTES))


def looks_binary(data: bytes) -> bool:
    """True for files that are not text at all (images, archives renamed .txt)."""
    return bool(binary_kind(data))


def _utf16_without_bom(head: bytes) -> str:
    """The UTF-16 codec when every other byte is NUL (UTF-16 of Latin text), else ""."""
    if len(head) < 4:
        return ""
    if head[1::2].count(0) > len(head) * 0.4:
        return "utf-16-le"
    if head[0::2].count(0) > len(head) * 0.4:
        return "utf-16-be"
    return ""


def decode_utf16_nobom(data: bytes) -> str | None:
    name = _utf16_without_bom(data[:4096])
    return data.decode(name, errors="replace") if name else None


def normalise(text: str) -> str:
    """Repair mojibake, unify line ends and spaces, drop invisible and control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # C1 controls stay for ftfy, which turns mojibake such as "â\x80\x99" back into "’".
    text = _C0.sub("", text)
    text = repair(text)
    text = _STRAY.sub(_stray, text)
    return unicodedata.normalize("NFC", text)


def _stray(found: re.Match) -> str:
    return " " if _ODD_SPACES.match(found.group()) else ""


def fixer_config() -> ftfy.TextFixerConfig:
    """What ftfy may change: mojibake, entities, controls; not the quotes, and not the width of
    characters, since a full-width comma or colon is the right punctuation of Chinese and
    Japanese text, not a broken ASCII one."""
    return ftfy.TextFixerConfig(
        normalization="NFC", uncurl_quotes=False, fix_character_width=False, explain=False
    )


# What one of ftfy's fixers other than mojibake and entities acts on: C1 controls, ligatures,
# line and paragraph separators, CR, surrogates, terminal escapes, the controls it removes.
_FTFY_ACTS_ON = re.compile(
    "[\x80-\x9f\u2028\u2029\r\x1b\ud800-\udfff"
    + re.escape("".join(chr(c) for c in sorted({*LIGATURES, *CONTROL_CHARS})))
    + "]"
)


_NON_ASCII = re.compile("[^\x00-\x7f]+")
_MOJIBAKE_REACH = 8
# What the skip of non-ASCII lines knows of ftfy (its fixers, its mojibake test, the reach of
# that test's patterns) was read in this release; another one judges every such line itself.
_FTFY_KNOWN = "6.3.1"


def repair(text: str) -> str:
    """ftfy's repair, line by line as ftfy does it, skipping the lines it cannot change.

    ftfy returns a line as it is, after some 60 microseconds of checks (more for a long one),
    when the line looks like no mojibake (its own test, is_bad), holds no entity and no
    character one of its other fixers acts on, and is in NFC already. Most lines of a paste are
    such lines: plain ASCII, and prose with curly quotes, dashes or accents. A "<" switches
    entity unescaping off for the rest of the text (ftfy's rule for text that looks like
    HTML), so those lines still go through ftfy."""
    config = fixer_config()
    out = []
    for line in text.split("\n"):
        if "<" not in line and _kept_by_ftfy(line, config):
            out.append(line)
            continue
        if "<" in line and config.unescape_html == "auto":
            config = config._replace(unescape_html=False)
        out.append(ftfy.fix_text(line, config))
    return "\n".join(out)


def _kept_by_ftfy(line: str, config: ftfy.TextFixerConfig) -> bool:
    ascii_line = line.isascii()
    if ascii_line and "&" not in line:
        return True  # the usual line: checked once
    if "&" in line and HTML_ENTITY_RE.search(line):
        return False
    if _FTFY_ACTS_ON.search(line):
        return False
    if ascii_line:
        return True
    if ftfy.__version__ != _FTFY_KNOWN:
        return False
    # ftfy cuts a longer line into pieces, which it judges one by one
    short = len(line) < config.max_decode_length
    return short and not looks_bad(line) and unicodedata.is_normalized("NFC", line)


def looks_bad(line: str) -> bool:
    """ftfy's is_bad (does the line look like mojibake?), looking only around the characters
    that are not ASCII. Each pattern of the pinned release's test matches at most 7 characters,
    one of them at least not ASCII (its character classes hold none), so a match lies within
    `_MOJIBAKE_REACH` of such a run; the search over the whole line is most of ftfy's cost
    on a line of prose."""
    for run in _NON_ASCII.finditer(line):
        start, end = run.span()
        if BADNESS_RE.search(line, max(0, start - _MOJIBAKE_REACH), end + _MOJIBAKE_REACH):
            return True
    return False


def lower(text: str) -> str:
    """str.lower, but the Turkish capital dotted I ("\u0130") becomes a plain "i": str.lower
    makes it "i" and a combining dot, two code points, and \\w patterns then cut the word in two
    ("\u0130stanbul" read as "i" and "stanbul")."""
    return text.replace("\u0130", "I").lower()


def casefold(text: str) -> str:
    """str.casefold with the same care for the dotted capital I as lower()."""
    return text.replace("\u0130", "I").casefold()


def read_text(data: bytes) -> tuple[str, str]:
    """Bytes to normalised text, with the encoding that was used."""
    utf16 = decode_utf16_nobom(data)
    if utf16 is not None:
        return normalise(utf16), "utf-16"
    text, name = decode(data)
    return normalise(text), name
