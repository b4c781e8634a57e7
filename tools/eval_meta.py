"""Score the metadata extractor: title, author and date on the dev pastes (with the dev data's
own scorer), and people, organizations, places and events on our labelled sample digest.
Each dev set's title and date scores are followed by their ceiling: how many gold values the
pastes print at all (tools/meta_ceiling.py), the best accuracy any extractor of the paste could
reach, next to ours.

    python tools/eval_meta.py --devdata ../shared/devdata [--content content] [--misses FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from briefing.metadata import load_knowledge  # noqa: E402
from briefing.pipeline import process_bytes  # noqa: E402
from briefing.settings import Options  # noqa: E402
from briefing.text import read_text  # noqa: E402
from meta_ceiling import (  # noqa: E402
    date_reach,
    load_scorer,
    printed_line,
    title_candidates,
    title_reach,
)

DEV_SETS = (
    ("news-aeb-dev", "title,author,date"),
    ("dates", "date"),
    ("web-segments", "title,author,date"),
)
ENTITY_FIELDS = ("people", "organizations", "places")


def predict(paste: Path, options: Options, knowledge) -> dict:
    """Title, author and a stated or inferred date (never the file's date: that is no answer)."""
    record = process_bytes(str(paste), paste.read_bytes(), options, "", knowledge)
    meta = record.meta
    stated = meta.source_of("date") in ("header", "text", "inferred")
    return {"title": meta.title, "author": meta.author, "date": meta.date if stated else ""}


def score_dev_set(
    devdata: Path, name: str, fields: str, dump: Path | None = None, misses: Path | None = None
) -> str:
    folder = devdata / name
    options = Options(content_dir=str(folder))  # no topic file or registry there: none needed
    knowledge = load_knowledge(options)
    predictions = {}
    with tempfile.TemporaryDirectory() as out:
        for paste in sorted((folder / "pastes").glob("*.txt")):
            prediction = predict(paste, options, knowledge)
            predictions[paste.stem] = prediction
            Path(out, paste.stem + ".json").write_text(json.dumps(prediction), encoding="utf-8")
            if dump is not None:
                _dump(dump, name, paste.stem, folder / "gold" / paste.name, prediction)
        command = [
            sys.executable,
            str(devdata / "score_meta.py"),
            str(folder / "gold"),
            out,
            "--fields",
            fields,
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    ceiling = ceiling_report(devdata, name, fields.split(","), predictions, misses)
    return result.stdout + result.stderr + ceiling


def ceiling_report(
    devdata: Path, name: str, fields: list[str], predictions: dict, misses: Path | None
) -> str:
    """Per field: how many gold values the pastes print at all (the best accuracy any extractor
    of the paste could reach) next to ours; the reachable ones we miss go to `misses`."""
    scorer = load_scorer(devdata)
    folder = devdata / name
    tally = {f: Counter() for f in fields if f in ("title", "date")}
    rows = []
    for stem, prediction in predictions.items():
        gold = json.loads((folder / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        text, _ = read_text((folder / "pastes" / f"{stem}.txt").read_bytes())
        candidates = title_candidates(text) if gold.get("title") and "title" in tally else {}
        for field, counts in tally.items():
            wanted, got = gold.get(field), prediction.get(field) or ""
            if wanted in (None, "", []):
                continue
            counts["gold"] += 1
            exact, lenient = scorer.compare(field, wanted, got)
            if field == "title":
                reach = title_reach(scorer, wanted, candidates)
                marks = {"exact": (reach.exact, exact), "lenient": (reach.lenient, lenient)}
                for kind, (printed, hit) in marks.items():
                    counts[f"{kind} reachable"] += bool(printed)
                    counts[f"{kind} ours"] += hit
                    counts[f"{kind} missed"] += bool(printed) and not hit
                    counts[f"{kind} beyond"] += hit and not printed
                missed = [
                    (kind, printed) for kind, (printed, hit) in marks.items() if printed and not hit
                ]
                if missed:  # one row a title, for the stricter kind it misses
                    kind, printed = missed[0]
                    how = candidates[printed]
                    rows.append((name, stem, "title", kind, how, wanted, got, printed))
            else:
                reach = date_reach(scorer, wanted, text)
                counts["reachable"] += reach.printed
                counts["utc"] += reach.utc and not reach.printed
                counts["yearless"] += reach.yearless and not reach.utc
                counts["evening"] += reach.evening and not (reach.utc or reach.yearless)
                counts["none printed"] += not (reach.any_printed or reach.utc or reach.yearless)
                counts["ours"] += exact
                counts["given"] += bool(got)
                counts["missed"] += reach.printed and not exact
                counts["beyond"] += exact and not reach.printed
                if reach.printed and not exact:
                    line = printed_line(scorer, wanted, text)
                    rows.append((name, stem, "date", "printed", "", wanted, got, line))
    if misses is not None:
        with misses.open("a", encoding="utf-8") as out:
            for row in rows:
                out.write("\t".join(str(v).replace("\t", " ") for v in row) + "\n")
    return "".join(_ceiling_lines(field, counts) for field, counts in tally.items())


def _ceiling_lines(field: str, c: Counter) -> str:
    n = c["gold"] or 1
    if field == "title":
        return "".join(
            f"ceiling  title {kind:7s} printed {c[kind + ' reachable']:4d}/{c['gold']:<4d} "
            f"(oracle {c[kind + ' reachable'] / n:.3f})  ours {c[kind + ' ours'] / n:.3f}  "
            f"printed but missed {c[kind + ' missed']:3d}  hit though not printed "
            f"{c[kind + ' beyond']:3d}\n"
            for kind in ("exact", "lenient")
        )
    other = c["gold"] - sum(
        c[k] for k in ("reachable", "utc", "evening", "yearless", "none printed")
    )
    return (
        f"ceiling  date          printed {c['reachable']:4d}/{c['gold']:<4d} "
        f"(oracle {c['reachable'] / n:.3f})  ours {c['ours'] / n:.3f}  "
        f"printed but missed {c['missed']:3d}  hit though not printed {c['beyond']:3d}\n"
        f"         date not printed: UTC day of a printed zoned time {c['utc']:3d}, day after "
        f"an evening time without zone {c['evening']:3d}, printed without its year "
        f"{c['yearless']:3d}, no full date printed {c['none printed']:3d}, other days printed "
        f"{other:3d}\n"
    )


def _dump(dump: Path, name: str, stem: str, gold_file: Path, prediction: dict) -> None:
    """One line per field of one page: gold and predicted title, author and date, to study
    misses."""
    gold = json.loads(gold_file.with_suffix(".json").read_text(encoding="utf-8"))
    with dump.open("a", encoding="utf-8") as out:
        for field in ("title", "author", "date"):
            row = (name, stem[:12], field, gold.get(field) or "", prediction.get(field) or "")
            out.write("\t".join(str(v).replace("\t", " ") for v in row) + "\n")


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def event_matches(gold: dict, predicted) -> bool:
    """Same day, and most of the gold clause's words are in the predicted clause."""
    if gold["date"] != predicted.date:
        return False
    wanted = _words(gold["text"])
    return bool(wanted) and len(wanted & _words(predicted.text)) >= 0.6 * len(wanted)


def _count_events(gold: list[dict], predicted: tuple) -> tuple[int, int, int]:
    left = list(predicted)
    hits = 0
    for item in gold:
        match = next((p for p in left if event_matches(item, p)), None)
        if match is not None:
            left.remove(match)
            hits += 1
    return hits, len(predicted), len(gold)


def fixture_scores(content: Path, gold_dir: Path) -> dict[str, tuple[float, float, float]]:
    """(precision, recall, F1) per field over every labelled article of the sample digest."""
    options = Options(content_dir=str(content))
    knowledge = load_knowledge(options)
    counts = {f: [0, 0, 0] for f in (*ENTITY_FIELDS, "events")}
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        path = content / gold["file"]
        meta = process_bytes(str(path), path.read_bytes(), options, "", knowledge).meta
        for field in ENTITY_FIELDS:
            want, got = set(gold.get(field) or ()), set(getattr(meta, field))
            for i, n in enumerate((len(want & got), len(got), len(want))):
                counts[field][i] += n
        for i, n in enumerate(_count_events(gold.get("events") or [], meta.events)):
            counts["events"][i] += n
    scores = {}
    for field, (hits, predicted, wanted) in counts.items():
        p = hits / predicted if predicted else 0.0
        r = hits / wanted if wanted else 0.0
        scores[field] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--devdata", default="../shared/devdata")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--gold", default=str(ROOT / "tests/fixtures/meta_gold"))
    parser.add_argument("--dump", help="write per-page gold and predicted title/author/date (TSV)")
    parser.add_argument(
        "--misses", help="write the gold values the pastes print that we miss (TSV)"
    )
    parser.add_argument("--only", help="score only this dev set (e.g. news-aeb-dev)")
    args = parser.parse_args(argv)
    dump = Path(args.dump) if args.dump else None
    if dump is not None:
        dump.write_text("set\tid\tfield\tgold\tpredicted\n", encoding="utf-8")
    misses = Path(args.misses) if args.misses else None
    if misses is not None:
        misses.write_text("set\tid\tfield\tmatch\tprinted as\tgold\tours\tprinted\n", "utf-8")
    devdata = Path(args.devdata)
    if (devdata / "score_meta.py").exists():
        for name, fields in DEV_SETS:
            if (devdata / name / "pastes").is_dir() and args.only in (None, name):
                print(f"== metadata on {name}")
                print(score_dev_set(devdata, name, fields, dump, misses), end="")
    else:
        print(f"eval_meta: no dev data at {devdata}: dev-set scores skipped")
    gold = Path(args.gold)
    if gold.is_dir():
        print("== entities and events on the sample digest (tests/fixtures/meta_gold)")
        for field, (p, r, f1) in fixture_scores(Path(args.content), gold).items():
            print(f"{field:14s} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
