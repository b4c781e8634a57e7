"""The build report: every file under content/ and what became of it, with the reason.

Written as output/build-report.json (sorted, no timestamps: the same content gives the same
bytes) inside the build's temporary folder, so it is swapped in with the site it describes.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import logging
import os
from pathlib import Path

from pelican.contents import Article

from . import readahead
from .cache import write_atomic
from .paths import relative
from .settings import get

logger = logging.getLogger(__name__)

REPORT_NAME = "build-report.json"
OUTCOMES = ("published", "merged", "skipped", "failed", "draft", "config", "ignored")
# Outcomes that an editor should look at; with BRIEFING_STRICT they fail the build.
PROBLEMS = ("merged", "skipped", "failed")


def content_files(content_dir: str) -> list[str]:
    """Every file under the content folder, as sorted relative POSIX paths. As os.walk would
    list them (symbolic links to folders are not followed; unreadable folders are skipped), but
    from the folder entries' types: no stat of each of ten thousand files."""
    found: list[str] = []
    _scan(content_dir, "", found)
    return sorted(found)


def _scan(folder: str, prefix: str, found: list[str]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_file():
                found.append(prefix + entry.name)
            elif entry.is_dir() and not entry.is_symlink():
                _scan(entry.path, f"{prefix}{entry.name}/", found)
        except OSError:
            continue


def published_entries(generators, content_dir: str, has_topics: bool = True) -> dict[str, dict]:
    """Entries for the articles and pages that were published, drafts, and merged duplicates.
    `has_topics`: the digest has a topic file, so an article in no topic is worth a warning."""
    entries: dict[str, dict] = {}
    for gen in generators:
        for kind, outcome in (
            ("articles", "published"),
            ("pages", "published"),
            ("drafts", "draft"),
            ("hidden_articles", "draft"),
            ("hidden_pages", "draft"),
            ("draft_pages", "draft"),
        ):
            for item in getattr(gen, kind, None) or ():
                rel = relative(item.source_path, content_dir).replace(os.sep, "/")
                entries[rel] = _item_entry(item, outcome, has_topics)
                for dup in getattr(item, "merged_from", ()):
                    reason = f"same article as {rel}; merged into it"
                    if dup in getattr(item, "merged_differs", ()):
                        reason += " (same opening but not the same text: keep the right file)"
                    entries[dup] = {"outcome": "merged", "into": rel, "reason": reason}
    return entries


NO_TOPIC = "matches no topic: add a Topics: line, or a rule to the topic file"


def article_warnings(record, has_topics: bool = True) -> list[str]:
    """The metadata's warnings, plus the one the report owns: an article in no topic."""
    warnings = list(record.meta.warnings)
    if has_topics and record.status == "published" and not record.meta.topics:
        warnings.append(NO_TOPIC)
    return warnings


def _item_entry(item, outcome: str, has_topics: bool = True) -> dict:
    record = getattr(item, "briefing", None)
    entry = {
        "outcome": outcome,
        "url": item.url,
        "title": record.meta.title if record else str(item.title),
    }
    if outcome == "draft":
        entry["reason"] = f"status is {item.status}: not listed on the site"
    entry["warnings"] = article_warnings(record, has_topics) if record else []
    entry["candidates"] = list(record.meta.candidates) if record else []
    return entry


def other_entry(rel: str, settings, readable: dict, records: readahead.Entries) -> dict:
    """Entry for a file that no generator published: config, skipped, failed or ignored."""
    name = rel.rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if rel in (get(settings, "BRIEFING_TOPICS_FILE"), get(settings, "BRIEFING_REGISTRY_FILE")):
        return {"outcome": "config", "reason": "read by the plugin (topics or entity registry)"}
    if name.startswith(".") or any(fnmatch.fnmatch(name, p) for p in settings["IGNORE_FILES"]):
        return {"outcome": "ignored", "reason": "hidden or editor's temporary file"}
    if ext in ("txt", "html", "htm"):
        return _record_entry(os.path.join(settings["PATH"], rel), records)
    if ext in readable:
        return {"outcome": "failed", "reason": readable[ext](rel)}
    what = f"'.{ext}' files" if ext else "files without an extension"
    return {
        "outcome": "ignored",
        "warning": True,
        "reason": f"no reader for {what}: save the article as .txt to publish it",
    }


def pelican_failure(generator, rel: str) -> str:
    """Why Pelican's own reader did not publish a file (its log says it once, the report keeps
    it): read it again and name the error or the missing field."""
    try:
        item = generator.readers.read_file(
            base_path=generator.path, path=rel, content_class=Article, context=generator.context
        )
    except Exception as err:
        return f"could not be read: {type(err).__name__}: {err}"
    for name in ("title", "date"):
        if not getattr(item, name, None):
            return f"no {name}: add a '{name.title()}:' line at the top"
    return "read, but not published; see the build log"


def _record_entry(path: str, records: readahead.Entries) -> dict:
    try:
        record = records.entry(path)[0]
    except Exception as err:  # the reader already logged it; the report must still be written
        return {"outcome": "failed", "reason": f"the plugin failed on it: {err}"}
    if record.status == "skipped":
        return {"outcome": "skipped", "reason": record.reason}
    return {"outcome": "failed", "reason": "read, but not published; see the log"}


def build_report(generators, settings) -> dict:
    content_dir = settings["PATH"]
    readable: dict = {}  # extension -> why a file of it was not published
    for gen in generators:
        readers = getattr(gen, "readers", None)
        for ext in getattr(readers, "extensions", ()) or ():
            readable.setdefault(ext, functools.partial(pelican_failure, gen))
    has_topics = Path(content_dir, get(settings, "BRIEFING_TOPICS_FILE")).is_file()
    done = published_entries(generators, content_dir, has_topics)
    files = []
    # the records of the files no generator published, for their reasons: one cache context,
    # connection and registry load for the whole report
    records = readahead.Entries(settings)
    try:
        for rel in content_files(content_dir):
            entry = done.get(rel) or other_entry(rel, settings, readable, records)
            files.append({"path": rel, **entry})
    finally:
        records.close()
    return {"files": files, "totals": totals(files)}


def totals(files: list[dict]) -> dict:
    counts = {name: 0 for name in OUTCOMES}
    for entry in files:
        counts[entry["outcome"]] += 1
    article_warnings = sum(len(e.get("warnings", ())) for e in files)
    problems = sum(1 for e in files if e["outcome"] in PROBLEMS or e.get("warning"))
    return {
        "files": len(files),
        **counts,
        "warnings": article_warnings + problems,
        "candidates": sum(len(e.get("candidates", ())) for e in files),
    }


def write_report(report: dict, output_dir: str) -> Path:
    path = Path(output_dir, REPORT_NAME)
    write_atomic(path, (pretty_json(report) + "\n").encode("utf-8"))
    return path


_TEXT = json.JSONEncoder(ensure_ascii=False).encode  # a string: one C call


def pretty_json(value, indent: str = "") -> str:
    """json.dumps(value, ensure_ascii=False, indent=2), for the report's dicts, lists, strings,
    numbers, booleans and None. The json module writes with indentation in Python, a piece at a
    time: three times slower on the report of ten thousand files."""
    if isinstance(value, str):
        return _TEXT(value)
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        parts = [f"{inner}{_TEXT(str(k))}: {pretty_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(parts) + f"\n{indent}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        parts = [inner + pretty_json(v, inner) for v in value]
        return "[\n" + ",\n".join(parts) + f"\n{indent}]"
    return json.dumps(value)


def on_generators_finalized(generators) -> None:
    """all_generators_finalized receiver: write the report into the (temporary) output."""
    settings = generators[0].settings
    write_report(build_report(generators, settings), settings["OUTPUT_PATH"])


def summary_lines(report: dict) -> list[str]:
    """The end of the build log: totals, then every file or article an editor should look at."""
    t = report["totals"]
    lines = [
        f"Build report: {t['files']} files: {t['published']} published, {t['merged']} merged, "
        f"{t['skipped']} skipped, {t['failed']} failed, {t['draft']} drafts, {t['config']} "
        f"config, {t['ignored']} ignored; {t['warnings']} warnings, {t['candidates']} "
        "registry candidates"
    ]
    for e in report["files"]:
        if e["outcome"] in PROBLEMS or e.get("warning"):
            lines.append(f"  {e['outcome']:>9}  {e['path']}: {e['reason']}")
        for warning in e.get("warnings", ()):
            lines.append(f"  {'warning':>9}  {e['path']}: {warning}")
    return lines
