"""Where one build spends its time, per phase: wall and CPU seconds (CPU bends less than wall
on a shared machine). Usage, after a first build of the same content into the same output:

    .venv/bin/python bench/phases.py --content DIR --output DIR [--settings pelican.conf.py]

`--fixed-code-version` keeps the caches warm while the plugin is being edited (profiling only:
the cache keys then ignore code changes, so the pages may be stale).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (module, attribute path, label): the methods timed, outermost first.
PHASES = (
    ("pelican", "Pelican.run", "whole Pelican run"),
    ("briefing.readahead", "jobs_for", "hash the raw files"),
    ("briefing.snapshot", "install", "fetch Article snapshots"),
    ("briefing.snapshot", "Shelf.get", "load Article snapshots"),
    ("pelican.generators", "ArticlesGenerator.generate_context", "articles: context"),
    ("briefing.dedupe", "on_pretaxonomy", "duplicates and slugs"),
    ("briefing.pages", "BriefingPagesGenerator.generate_context", "grouping (site data)"),
    ("pelican.generators", "ArticlesGenerator.generate_output", "articles: pages"),
    ("briefing.pages", "BriefingPagesGenerator.generate_output", "topic/entity/timeline pages"),
    ("briefing.writer", "IncrementalWriter.page_key", "page keys"),
    ("briefing.writer", "IncrementalWriter._reuse", "link unchanged pages"),
    ("pelican.writers", "Writer.write_file", "render and write"),
    ("briefing.feeds", "write_feeds", "feeds"),
    ("briefing.report", "build_report", "build report"),
    ("briefing.search", "Indexing.finish", "search index (what is left at the end)"),
)


def timed(owner, name: str, label: str, totals: dict) -> None:
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent = totals.setdefault(label, [0.0, 0.0, 0])
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu
            spent[2] += 1

    setattr(owner, name, wrapper)


def install(totals: dict) -> None:
    import importlib

    for module, path, label in PHASES:
        owner = importlib.import_module(module)
        *parents, name = path.split(".")
        for part in parents:
            owner = getattr(owner, part)
        timed(owner, name, label, totals)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--settings", default=str(ROOT / "pelican.conf.py"))
    ap.add_argument("--content", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--fixed-code-version", action="store_true")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "plugins"))
    os.environ.setdefault("BRIEFING_SITEURL", "http://127.0.0.1:8000")
    from briefing import cache
    from briefing.build import build

    if args.fixed_code_version:
        cache.code_version = lambda root=None: "fixed-for-profiling"
    totals: dict = {}
    install(totals)
    wall, cpu = time.perf_counter(), time.process_time()
    build(args.settings, args.content, args.output, {})
    print(f"build: wall {time.perf_counter() - wall:.2f} s, CPU {time.process_time() - cpu:.2f} s")
    for label, (w, c, n) in sorted(totals.items(), key=lambda kv: -kv[1][1]):
        print(f"  {label:<30} wall {w:7.2f}  CPU {c:7.2f}  calls {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
