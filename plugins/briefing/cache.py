"""Content-hash cache of ArticleRecords. The key includes the code, the settings and the files
that shape the result, so it is never stale; a corrupt entry is ignored and rebuilt."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from .model import ArticleRecord, Event, Metadata, Removed
from .settings import Options


def code_version() -> str:
    """Hash of the plugin's own source: any code change invalidates every entry."""
    digest = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def context_key(options: Options) -> str:
    """Code version + options + the topic and registry files' bytes."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(json.dumps(asdict(options), sort_keys=True).encode())
    for name in (options.topics_file, options.registry_file):
        try:
            digest.update(Path(options.content_dir, name).read_bytes())
        except OSError:
            digest.update(b"-")
    return digest.hexdigest()[:16]


def entry_key(context: str, data_hash: str, path: str, fallback_date: str) -> str:
    # The path and file date matter only for skipped files and fallback dates; keep them in.
    return hashlib.sha256(f"{context}|{data_hash}|{path}|{fallback_date}".encode()).hexdigest()


def load(cache_dir: str, key: str) -> ArticleRecord | None:
    try:
        with open(Path(cache_dir, key[:2], key + ".json"), encoding="utf-8") as fh:
            return record_from_json(json.load(fh))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def store(cache_dir: str, key: str, record: ArticleRecord) -> None:
    folder = Path(cache_dir, key[:2])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(record), fh, ensure_ascii=False)
        os.replace(tmp, folder / (key + ".json"))
    except OSError:
        pass  # a cache that cannot be written only costs time


def record_from_json(data: dict) -> ArticleRecord:
    meta = dict(data["meta"])
    meta["events"] = tuple(Event(**e) for e in meta.get("events", ()))
    for name in ("people", "organizations", "places", "topics", "candidates", "warnings"):
        meta[name] = tuple(meta.get(name, ()))
    return ArticleRecord(
        path=data["path"],
        status=data["status"],
        reason=data["reason"],
        meta=Metadata(**meta),
        body=data["body"],
        removed=tuple(Removed(**r) for r in data["removed"]),
        content_hash=data["content_hash"],
    )
