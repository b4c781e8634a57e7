"""The hostile corpus: tests/fixtures/hostile/ (small, written by hand) plus the cases that are
binary, huge or in legacy encodings, generated here so no big or odd file is committed."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
HUGE_MB = 50


def article(title: str, day: int, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f"Title: {title}\nDate: 2020-06-{day:02d}\n\n{body}\n"


def paragraph(topic: str) -> str:
    return (
        f"ISLAMABAD: Officials said on Monday that the talks on {topic} had made progress and "
        "that both delegations would meet again in Doha before the end of the month."
    )


def encoded_files() -> dict[str, bytes]:
    """Good articles in every encoding and line ending an editor's tools produce."""
    cp1252 = article(
        "Army chief’s “peace” remarks — a reading",
        1,
        paragraph("prisoners"),
        "Pakistan’s army chief said the “peace” process needed patience — and time.",
    )
    latin1 = article(
        "Café talks in Zürich",
        2,
        paragraph("the café meeting"),
        "The naïve résumé of the envoy’s visit was corrected.".replace("’", "'"),
    )
    utf16 = article(
        "Envoy’s visit in UTF-16",
        3,
        paragraph("refugees"),
        "The second paragraph of the UTF-16 article closes it.",
    )
    return {
        "enc-utf8-bom.txt": b"\xef\xbb\xbf"
        + article(
            "BOM article", 4, paragraph("trade"), "Closing words of the BOM article."
        ).encode(),
        "enc-utf16-le-bom.txt": utf16.encode("utf-16"),
        "enc-utf16-be-nobom.txt": utf16.replace("UTF-16", "UTF-16BE").encode("utf-16-be"),
        "enc-cp1252.txt": cp1252.encode("cp1252"),
        "enc-latin1.txt": latin1.encode("latin-1"),
        "enc-mojibake.txt": article(
            "Mojibake article", 5, paragraph("transit"), "PakistanÃ¢â‚¬â„¢s foreign office said so."
        ).encode(),
        "ctl-nul.txt": article(
            "Control characters",
            6,
            paragraph("water\x00 rights"),
            "A bell\x07 and an escape\x1b and a form feed\x0c end.",
        ).encode(),
        "ctl-zero-width.txt": article(
            "Zero width", 7, paragraph("Khal\u200bil\u200dzad\u2060"), "Closing\ufeff words."
        ).encode(),
        "eol-crlf.txt": article("Windows line ends", 8, paragraph("CRLF"), "Second paragraph.")
        .replace("\n", "\r\n")
        .encode(),
        "eol-cr.txt": article("Old Mac line ends", 9, paragraph("CR"), "Second paragraph.")
        .replace("\n", "\r")
        .encode(),
    }


def broken_files() -> dict[str, bytes]:
    rng = random.Random(7)
    sentence = "The envoy met the army chief in Rawalpindi on Monday to discuss the talks in Doha. "
    line = "ISLAMABAD: " + sentence * (1_000_000 // len(sentence))
    return {
        "binary-png.txt": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(3000)),
        "binary-random.txt": bytes(rng.randrange(256) for _ in range(5000)),
        "long-line.txt": article("A line of a million characters", 10, line).encode(),
        "notes.docx": b"PK\x03\x04" + bytes(200),
        ".DS_Store": b"\x00\x00\x00\x01Bud1" + bytes(100),
    }


def write_huge(path: Path, megabytes: int = HUGE_MB) -> None:
    """A paste of `megabytes` MB of text, written in 1 MB chunks."""
    chunk = (paragraph("a very long paste") + "\n\n").encode()
    block = chunk * (2**20 // len(chunk) + 1)
    with open(path, "wb") as fh:
        for _ in range(megabytes):
            fh.write(block[: 2**20])


def make_corpus(target: Path) -> Path:
    """The whole hostile corpus in `target` (created), ready to build."""
    shutil.copytree(HOSTILE, target)
    for name, data in {**encoded_files(), **broken_files()}.items():
        (target / name).write_bytes(data)
    write_huge(target / "huge-paste.txt")
    return target
