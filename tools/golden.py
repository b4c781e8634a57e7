"""Regenerate tests/golden/cleaning/<case>.md from <case>.txt with the current cleaner.

Usage: python tools/golden.py [CASE ...]   (review the diff before committing the new .md files)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from briefing.cleaning import clean  # noqa: E402
from briefing.text import read_text  # noqa: E402

GOLDEN = ROOT / "tests" / "golden" / "cleaning"


def body_of(case: Path) -> str:
    text, _ = read_text(case.read_bytes())
    return clean(text).body + "\n"


def main(argv: list[str]) -> int:
    cases = [GOLDEN / f"{name}.txt" for name in argv] or sorted(GOLDEN.glob("*.txt"))
    for case in cases:
        case.with_suffix(".md").write_text(body_of(case), encoding="utf-8")
        print(f"wrote {case.with_suffix('.md').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
