"""Score the cleaner's bodies on the dev data with the dev data's own scorers.

Usage: python tools/eval_body.py --devdata ../shared/devdata [--keep DIR] [--per-doc FILE]
Runs clean() over news-aeb-dev and web-segments pastes, writes the bodies to a temporary folder
(or DIR) and prints what score_body.py (English ids) and score_segments.py say.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from briefing.cleaning import clean  # noqa: E402
from briefing.text import read_text  # noqa: E402


def write_bodies(pastes: Path, out: Path) -> int:
    """Clean every paste into out/<id>.txt; returns how many files were written."""
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for paste in sorted(pastes.glob("*.txt")):
        text, _ = read_text(paste.read_bytes())
        (out / paste.name).write_text(clean(text).body + "\n", encoding="utf-8")
        count += 1
    return count


def run_scorer(args: list[str]) -> str:
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return f"scorer failed: {done.stderr.strip()}"
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devdata", default=str(ROOT.parent / "shared" / "devdata"))
    ap.add_argument("--keep", help="write predictions here instead of a temporary folder")
    ap.add_argument("--per-doc", help="news-aeb-dev per-document scores to this TSV file")
    args = ap.parse_args(argv)
    dev = Path(args.devdata)
    if not (dev / "news-aeb-dev").is_dir():
        print(f"eval_body: no dev data at {dev}: skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        news, segs = base / "news-aeb-dev", base / "web-segments"
        write_bodies(dev / "news-aeb-dev" / "pastes", news)
        extra = ["--per-doc", args.per_doc] if args.per_doc else []
        print("== body: news-aeb-dev, English pages (score_body.py) ==")
        english = run_scorer(
            [
                str(dev / "score_body.py"),
                str(dev / "news-aeb-dev" / "gold"),
                str(news),
                "--ids",
                str(dev / "news-aeb-dev" / "english_ids.txt"),
                *extra,
            ]
        )
        print(english)
        print("== body: news-aeb-dev, all pages (recall check) ==")
        print(
            run_scorer([str(dev / "score_body.py"), str(dev / "news-aeb-dev" / "gold"), str(news)])
        )
        if (dev / "web-segments").is_dir():
            write_bodies(dev / "web-segments" / "pastes", segs)
            print("== body: web-segments (score_segments.py) ==")
            segments = run_scorer(
                [str(dev / "score_segments.py"), str(dev / "web-segments" / "gold"), str(segs)]
            )
            print(segments)
            print(summary(english, segments))
    return 0


def summary(english: str, segments: str) -> str:
    """One line against the targets: body F1 and recall on English news, F1 on segments."""
    shingles = re.search(r"4-gram.*?recall ([\d.]+).*?F1 ([\d.]+)", english)
    seg = re.search(r"F1 ([\d.]+)", segments)
    if not shingles or not seg:
        return "== summary: a scorer's output could not be read =="
    return (
        f"== summary: news-aeb-dev English F1 {shingles.group(2)} (target 0.93), "
        f"recall {shingles.group(1)} (target 0.95); web-segments F1 {seg.group(1)} "
        f"(target 0.90) =="
    )


if __name__ == "__main__":
    sys.exit(main())
