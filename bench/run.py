"""`make bench`: Briefing against plain Pelican and Hugo on generated corpora.

For each size: our cold build, rebuilds (no change, one added, one edited), plain Pelican on the
same articles as clean Markdown (its `simple` theme), Hugo on the same Markdown (when installed);
plus per-article cost of cleaning and metadata and peak memory. Prints ratios and writes
bench/results/latest.json. Usage: bench/run.py [--sizes 1000 10000] [--runs 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from corpus import make_article, make_world, one_raw_article, raw_paste, write_corpus  # noqa: E402
from measure import median_run, per_call_ms, run_command  # noqa: E402

PY = sys.executable
SEED = 1

PLAIN_PELICAN_CONF = """
AUTHOR = "bench"
SITENAME = "Plain Pelican"
SITEURL = "http://127.0.0.1:8000"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "simple"
ARTICLE_URL = "articles/{{slug}}/"
ARTICLE_SAVE_AS = "articles/{{slug}}/index.html"
DEFAULT_PAGINATION = 20
PATH = {path!r}
"""

HUGO_CONFIG = """baseURL = "http://127.0.0.1:8000/"
title = "Plain Hugo"
[pagination]
pagerSize = 20
[permalinks]
posts = "/articles/:slug/"
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{{ .Title }}</title>"
        "</head><body><header><a href='{{ .Site.BaseURL }}'>{{ .Site.Title }}</a></header>"
        '<main>{{ block "main" . }}{{ end }}</main></body></html>'
    ),
    "_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
        '<time>{{ .Date.Format "2 January 2006" }}</time>{{ .Content }}</article>{{ end }}'
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}'
        '<li><a href="{{ .Permalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>'
        "{{ end }}"
    ),
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3, help="runs per measure (median)")
    ap.add_argument("--work", help="work folder (default: a temporary one, removed after)")
    ap.add_argument("--per-article-repeat", type=int, default=200)
    ap.add_argument(
        "--editor-headers",
        action="store_true",
        help="raw pastes also carry Title:/Date: header lines (as an editor may type)",
    )
    ap.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    return ap.parse_args(argv)


def snapshot_code(work: Path) -> Path:
    """Copy the plugin, theme and settings file: one run measures one version of the code, even
    while the checkout is being edited."""
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in ("plugins", "theme"):
        shutil.copytree(ROOT / name, code / name, ignore=ignore)
    shutil.copy2(ROOT / "pelican.conf.py", code / "pelican.conf.py")
    return code


def our_build(site: Path, raw: Path, runs: list, label: str) -> None:
    code = site.parent / "code"
    cmd = [PY, "-m", "briefing.cli", "build", "--settings", str(code / "pelican.conf.py")]
    cmd += ["--content", str(raw), "--output", str(site / "output")]
    env = dict(os.environ, BRIEFING_SITEURL="http://127.0.0.1:8000")
    env["PYTHONPATH"] = str(code / "plugins")
    run = run_command(cmd, cwd=site, env=env)
    runs.append(run)
    print(f"    {label}: {run.seconds:.2f} s, tree peak {run.tree_peak_mb:.0f} MB", flush=True)


def bench_ours(site: Path, raw: Path, size: int, runs: int, headers: bool) -> dict:
    """Cold builds, then rebuilds with no change / one added / one edited."""
    cold: list = []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        site.mkdir(parents=True)
        our_build(site, raw, cold, "ours cold")
    world = make_world(SEED)
    same, added, edited = [], [], []
    for k in range(runs):
        our_build(site, raw, same, "rebuild, no change")
        article = make_article(size + k, world, SEED)
        new = raw / f"{article.slug}.txt"
        new.write_text(raw_paste(article, random.Random(k), headers), encoding="utf-8")
        our_build(site, raw, added, "rebuild, one added")
        edit_one(raw, k)
        our_build(site, raw, edited, "rebuild, one edited")
    return {
        "cold": median_run(cold),
        "rebuild_no_change": median_run(same),
        "rebuild_one_added": median_run(added),
        "rebuild_one_edited": median_run(edited),
        "pages_written": count_files(site / "output", ".html"),
    }


def edit_one(raw: Path, k: int) -> None:
    """An editor's fix: one more sentence in the middle of an existing article."""
    target = sorted(raw.glob("*.txt"))[k * 7 % 50]
    text = target.read_text(encoding="utf-8")
    mark = text.index("Advertisement")
    extra = f"An editor added this sentence, revision {k}.\n\n"
    target.write_text(text[:mark] + extra + text[mark:], encoding="utf-8")


def bench_pelican(site: Path, md: Path, runs: int) -> dict:
    conf = site / "plain.conf.py"
    site.mkdir(parents=True, exist_ok=True)
    conf.write_text(PLAIN_PELICAN_CONF.format(path=str(md)), encoding="utf-8")
    pelican = str(Path(PY).with_name("pelican"))
    results = []
    for _ in range(runs):
        shutil.rmtree(site / "output", ignore_errors=True)
        cmd = [pelican, "-s", str(conf), "-o", str(site / "output"), "-q"]
        results.append(run_command(cmd, cwd=site))
        print(f"    plain pelican: {results[-1].seconds:.2f} s", flush=True)
    out = median_run(results)
    out["pages_written"] = count_files(site / "output", ".html")
    return out


def bench_hugo(hugo_site: Path, runs: int) -> dict | None:
    hugo = shutil.which("hugo")
    if not hugo:
        print("    hugo: not installed (apt-get install -y hugo), skipped", flush=True)
        return None
    (hugo_site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        path = hugo_site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    results = []
    for _ in range(runs):
        for name in ("public", "resources"):
            shutil.rmtree(hugo_site / name, ignore_errors=True)
        cmd = [hugo, "--quiet", "--source", str(hugo_site), "--destination", "public"]
        results.append(run_command(cmd, cwd=hugo_site))
        print(f"    hugo: {results[-1].seconds:.2f} s", flush=True)
    out = median_run(results)
    out["version"] = version_of([hugo, "version"])
    out["pages_written"] = count_files(hugo_site / "public", ".html")
    return out


def version_of(cmd: list[str]) -> str:
    import subprocess

    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return ""


def count_files(folder: Path, suffix: str) -> int:
    return sum(1 for p in folder.rglob(f"*{suffix}")) if folder.exists() else 0


PASTES_TIMED = 12  # different pastes: one paste's shape (a list, a long chrome) would sway it


def per_article_costs(repeat: int, content: Path) -> dict:
    """Cleaning and metadata per 1,000-word article, in this process, pinned to one core: the
    mean over PASTES_TIMED different pastes of about 1,000 body words, each scaled to exactly
    1,000 words of body, each the median CPU time of its share of `repeat` calls.

    Metadata is timed as the whole pipeline (decode, clean, extract, assemble) minus decoding
    and cleaning, so it holds whatever the pipeline does besides those: an upper bound."""
    from briefing import metadata
    from briefing.settings import Options

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    options = Options(content_dir=str(content))
    # A build loads the topic rules and the registry once, not per article: so does this.
    knowledge = metadata.load_knowledge(options)
    calls = max(1, repeat // PASTES_TIMED)
    rows = [
        paste_costs(one_raw_article(1000, index=i), options, knowledge, calls)
        for i in range(PASTES_TIMED)
    ]
    mean = {key: statistics.mean(row[key] for row in rows) for key in rows[0]}
    return {
        "pastes": PASTES_TIMED,
        "body_words": round(mean["body_words"]),
        "paste_words": round(mean["paste_words"]),
        "decode_ms": round(mean["decode_ms"], 3),
        "cleaning_ms": round(mean["cleaning_ms"], 3),
        "metadata_ms": round(mean["metadata_ms"], 3),
        "pipeline_ms": round(mean["pipeline_ms"], 3),
        "worst_cleaning_ms": round(max(row["cleaning_ms"] for row in rows), 3),
        "worst_metadata_ms": round(max(row["metadata_ms"] for row in rows), 3),
        "repeat": calls * PASTES_TIMED,
    }


def paste_costs(paste: str, options, knowledge, calls: int) -> dict:
    """One paste's costs in ms, scaled to 1,000 words of the body the pipeline keeps."""
    from briefing import cleaning, pipeline, text
    from briefing.headers import split_headers

    data = paste.encode("utf-8")
    # A build gives the file's modification day as the latest possible date: a paste just
    # written is dated today. An older day would turn the stated date down as "in the future"
    # and time the slow search for another.
    file_day = datetime.now(UTC).date().isoformat()

    def decode() -> str:
        return split_headers(text.read_text(data)[0])[1]

    def whole():
        return pipeline.process_bytes("bench.txt", data, options, file_day, knowledge)

    raw = decode()
    decode_ms = per_call_ms(decode, calls)
    clean_ms = per_call_ms(lambda: cleaning.clean(raw), calls)
    total_ms = per_call_ms(whole, calls)
    body_words = len(whole().body.split())
    scale = 1000 / max(1, body_words)
    return {
        "body_words": body_words,
        "paste_words": len(paste.split()),
        "decode_ms": decode_ms * scale,
        "cleaning_ms": clean_ms * scale,
        "metadata_ms": max(0.0, total_ms - decode_ms - clean_ms) * scale,
        "pipeline_ms": total_ms * scale,
    }


def ratios(ours: dict, pelican: dict, hugo: dict | None) -> dict:
    cold = ours["cold"]["seconds"]
    out = {
        "cold_vs_plain_pelican": round(cold / pelican["seconds"], 3),
        "added_vs_our_cold": round(ours["rebuild_one_added"]["seconds"] / cold, 3),
        "edited_vs_our_cold": round(ours["rebuild_one_edited"]["seconds"] / cold, 3),
        "no_change_vs_our_cold": round(ours["rebuild_no_change"]["seconds"] / cold, 3),
    }
    if hugo:
        out["added_vs_hugo_full"] = round(ours["rebuild_one_added"]["seconds"] / hugo["seconds"], 3)
        out["edited_vs_hugo_full"] = round(
            ours["rebuild_one_edited"]["seconds"] / hugo["seconds"], 3
        )
    peak = max(ours[k]["tree_peak_mb"] for k in ("cold", "rebuild_one_added"))
    out["peak_memory_mb"] = peak
    return out


def verdicts(r: dict, per_article: dict) -> list[str]:
    def mark(ok: bool) -> str:
        return "ok  " if ok else "MISS"

    lines = [
        f"{mark(r['cold_vs_plain_pelican'] <= 1.5)} cold build / plain Pelican = "
        f"{r['cold_vs_plain_pelican']:.2f} (target <= 1.5)",
        f"{mark(r['added_vs_our_cold'] <= 0.1)} rebuild one added / our cold = "
        f"{r['added_vs_our_cold']:.3f} (target <= 0.1)",
        f"{mark(r['edited_vs_our_cold'] <= 0.1)} rebuild one edited / our cold = "
        f"{r['edited_vs_our_cold']:.3f} (target <= 0.1)",
    ]
    if "added_vs_hugo_full" in r:
        for key, what in (("added_vs_hugo_full", "added"), ("edited_vs_hugo_full", "edited")):
            lines.append(
                f"{mark(r[key] < 1)} rebuild one {what} / Hugo full build = {r[key]:.2f} "
                "(target < 1)"
            )
    else:
        lines.append("n/a  Hugo not installed: rebuild vs Hugo not measured")
    lines.append(
        f"{mark(r['peak_memory_mb'] < 1536)} peak memory (process tree) = "
        f"{r['peak_memory_mb']:.0f} MB (target < 1536)"
    )
    lines.append(
        f"{mark(per_article['cleaning_ms'] <= 2)} cleaning per 1,000-word article = "
        f"{per_article['cleaning_ms']:.2f} ms (target <= 2)"
    )
    lines.append(
        f"{mark(per_article['metadata_ms'] <= 10)} metadata per 1,000-word article = "
        f"{per_article['metadata_ms']:.2f} ms (target <= 10)"
    )
    return lines


def bench_size(work: Path, size: int, runs: int, headers: bool) -> dict:
    print(f"== {size} articles", flush=True)
    start = time.perf_counter()
    paths = write_corpus(work / f"corpus-{size}", size, seed=SEED, headers=headers)
    print(f"    corpus written in {time.perf_counter() - start:.1f} s", flush=True)
    result = {"size": size, "runs": runs}
    result["plain_pelican"] = bench_pelican(work / f"pelican-{size}", paths["md"], runs)
    result["hugo"] = bench_hugo(paths["hugo"], runs)
    result["ours"] = bench_ours(work / f"ours-{size}", paths["raw"], size, runs, headers)
    result["ratios"] = ratios(result["ours"], result["plain_pelican"], result["hugo"])
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    code = snapshot_code(work)
    sys.path.insert(0, str(code / "plugins"))
    report: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "commit": version_of(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "command": "bench/run.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "sizes": [],
    }
    try:
        topics_only = write_corpus(work / "corpus-0", 0, seed=SEED)["raw"]
        costs = per_article_costs(args.per_article_repeat, topics_only)
        report["per_article"] = costs
        print(
            f"per 1,000-word article (one core, mean over {costs['pastes']} pastes): "
            f"cleaning {costs['cleaning_ms']:.2f} ms, metadata {costs['metadata_ms']:.2f} ms",
            flush=True,
        )
        # The builds run in child processes: give them both cores back.
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, range(os.cpu_count() or 1))
        for size in args.sizes:
            report["sizes"].append(bench_size(work, size, args.runs, args.editor_headers))
            print_summary(report["sizes"][-1], costs)
            write_results(report, Path(args.out))  # a long run that is stopped keeps its sizes
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    write_results(report, Path(args.out))
    print(f"results written to {args.out} (total {report['total_seconds']} s)")
    return 0


def write_results(report: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def print_summary(result: dict, costs: dict) -> None:
    ours, pel, hugo = result["ours"], result["plain_pelican"], result["hugo"]
    print(f"-- {result['size']} articles, medians of {result['runs']} runs (seconds)")
    rows = [
        ("ours, cold build", ours["cold"]),
        ("ours, rebuild no change", ours["rebuild_no_change"]),
        ("ours, rebuild one added", ours["rebuild_one_added"]),
        ("ours, rebuild one edited", ours["rebuild_one_edited"]),
        ("plain Pelican (simple theme)", pel),
    ]
    if hugo:
        rows.append(("Hugo", hugo))
    for label, row in rows:
        print(f"   {label:<30} {row['seconds']:>8.2f}   peak {row['tree_peak_mb']:>6.0f} MB")
    for line in verdicts(result["ratios"], costs):
        print("   " + line)
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
