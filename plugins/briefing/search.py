"""The static search index: Pagefind, run over the built article pages at the end of the build.

The binary comes inside the PyPI package `pagefind-bin`; nothing is downloaded at run time. Only
article pages are indexed (their <article data-pagefind-body>), with filters by topic and outlet
set by the theme's data-pagefind-filter attributes. The index is split into shards
(search_shards.py): one Pagefind run per shard, two at a time, and a shard whose pages did not
change is taken from the previous output instead.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .search_shards import (
    PAGES_PER_SHARD,
    Shard,
    article_pages,
    data_files,
    hash_inputs,
    load_digests,
    place,
    plan,
    previous_shards,
    runtime_files,
    save_digests,
    stage,
    write_manifest,
)

logger = logging.getLogger(__name__)

TIMEOUT = 600  # seconds per shard; a shard indexes in about a second
WORKERS = 2  # Pagefind runs on one core for most of a shard; two runs bound memory at ~0.4 GB
WORK = ".pagefind-work"  # inside the site being built, removed when indexing ends


def pagefind_binary() -> Path | None:
    """The Pagefind executable shipped by the `pagefind-bin` wheel, or None if not installed."""
    try:
        import pagefind_bin
    except ImportError:
        return None
    try:
        return Path(pagefind_bin.get_executable())
    except (FileNotFoundError, OSError):
        return None


def pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "unknown"


def build_index(
    site: Path,
    previous: Path | None = None,
    per_shard: int = PAGES_PER_SHARD,
    staging: Path | None = None,
) -> str:
    """Index `site` into `site/pagefind/`, reusing the unchanged shards of `previous` (an older
    output, or None). `staging` keeps each shard's pages between builds (None: a folder of this
    run). Returns '' on success, else what went wrong."""
    binary = pagefind_binary()
    if binary is None:
        return "Pagefind is not installed (pip install 'pagefind[bin]'): search is disabled"
    pages = article_pages(site)
    if not pages:
        return "no article pages to index: search is empty"
    work = site / WORK
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        old = _set_aside(site / "pagefind", work) or (previous and previous / "pagefind")
        shards = plan(pages, per_shard)
        digests = Path(f"{staging}.pages.json") if staging else None
        known = load_digests(digests) if digests else None
        staging = _prune(staging, shards) if staging else work / "staging"
        problem = _index_shards(binary, site, shards, old, work, staging, known)
        if digests and known is not None:
            save_digests(digests, known, pages)
        return problem
    except OSError as err:
        return f"cannot write the search index: {err}"
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _set_aside(bundle: Path, work: Path) -> Path | None:
    """A bundle already in the site (a build in place): moved away, to be reused from."""
    if not bundle.is_dir():
        return None
    os.rename(bundle, work / "old")
    return work / "old"


def _prune(staging: Path, shards: list[Shard]) -> Path:
    """Drop the staging folders of shards that no longer exist (the shard count changed)."""
    names = {shard.name for shard in shards}
    if staging.is_dir():
        for folder in staging.iterdir():
            if folder.name not in names:
                shutil.rmtree(folder, ignore_errors=True)
    return staging


def _index_shards(
    binary: Path,
    site: Path,
    shards: list[Shard],
    old: Path | None,
    work: Path,
    staging: Path,
    page_digests: dict | None = None,
) -> str:
    """`page_digests` ({page: [stamp, digest]}) is filled in as pages are hashed."""
    bundle = site / "pagefind"
    version = pagefind_version()
    known = previous_shards(old) if old else {}
    todo = []
    for shard in shards:
        shard.inputs = hash_inputs(site, shard, version, page_digests)
        if not _reuse(shard, known.get(shard.name), old, bundle):
            todo.append(shard)
    runtime = runtime_files(old) if old and not todo else []
    if not todo and "pagefind.js" not in runtime:
        todo.append(shards[0])  # nothing to index, yet no runtime to take: index one shard
    with ThreadPoolExecutor(WORKERS) as pool:
        problems = list(pool.map(lambda s: _index_one(binary, site, s, work, staging), todo))
    if any(problems):
        return "; ".join(p for p in problems if p)
    for shard in todo:
        built = work / shard.name / "bundle"
        files = data_files(built)
        place(built, bundle / shard.path, files, move=True)
        shard.files = len(files)
    if todo:
        built = work / todo[0].name / "bundle"
        place(built, bundle, runtime_files(built), move=True)
    else:
        place(old, bundle, runtime, move=False)
    write_manifest(bundle, shards, version)
    reused = len(shards) - len(todo)
    logger.info("Briefing search: %d shards, %d indexed, %d reused", len(shards), len(todo), reused)
    return ""


def _reuse(shard: Shard, prior: Shard | None, old: Path | None, bundle: Path) -> bool:
    """Link the previous build's bundle of this shard when its pages are the same and none of
    its files went missing."""
    if old is None or prior is None or prior.inputs != shard.inputs:
        return False
    files = data_files(old / prior.path)
    if len(files) != prior.files:
        return False
    place(old / prior.path, bundle / shard.path, files, move=False)
    shard.files = len(files)
    return True


def _index_one(binary: Path, site: Path, shard: Shard, work: Path, staging: Path) -> str:
    """Run Pagefind over one shard's pages into work/<name>/bundle; '' or what went wrong."""
    staging, built = staging / shard.name, work / shard.name / "bundle"
    try:
        stage(site, shard, staging)
    except OSError as err:
        return f"cannot stage the pages of search shard {shard.name}: {err}"
    cmd = [str(binary), "--site", str(staging), "--output-path", str(built), "--silent"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        return f"Pagefind failed to run: {err}"
    if done.returncode != 0:
        return f"Pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-500:]}"
    try:
        canonical_filters(built)
    except (OSError, ValueError, KeyError, IndexError) as err:
        return f"cannot put the search filters in a stable order: {err}"
    return ""


# ---- stable output ------------------------------------------------------------------------------
# Pagefind writes the values of each filter in hash-map order, which changes from run to run, and
# names files by their content. To keep two builds byte-identical we sort those values and rename
# the filter chunks, the metadata file that lists them and the entry that points at it.

MAGIC = b"pagefind_dcd"


def _head(data: bytes, i: int) -> tuple[int, int, int]:
    major, info = data[i] >> 5, data[i] & 31
    if info < 24:
        return major, info, i + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(data[i + 1 : i + 1 + size], "big"), i + 1 + size


def cbor_decode(data: bytes, i: int = 0):
    """The small CBOR subset Pagefind writes: ints, strings, bytes, arrays, maps, simple values."""
    major, value, i = _head(data, i)
    if major == 0:
        return value, i
    if major == 1:
        return -1 - value, i
    if major in (2, 3):
        raw = data[i : i + value]
        return (raw.decode() if major == 3 else raw), i + value
    if major in (4, 5):
        items = []
        for _ in range(value * (2 if major == 5 else 1)):
            item, i = cbor_decode(data, i)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), i
    if major == 7 and value in (20, 21, 22):
        return {20: False, 21: True, 22: None}[value], i
    raise ValueError(f"unexpected CBOR item (major type {major})")


def _encode_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 256**size:
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large")


def cbor_encode(value) -> bytes:
    if value is None or isinstance(value, bool):
        return bytes([0xF6 if value is None else (0xF5 if value else 0xF4)])
    if isinstance(value, int):
        return _encode_head(0, value) if value >= 0 else _encode_head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode()
        return _encode_head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _encode_head(2, len(value)) + value
    if isinstance(value, list):
        return _encode_head(4, len(value)) + b"".join(cbor_encode(v) for v in value)
    if isinstance(value, dict):
        body = b"".join(cbor_encode(k) + cbor_encode(v) for k, v in value.items())
        return _encode_head(5, len(value)) + body
    raise ValueError(f"cannot encode {type(value).__name__}")


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path.name} is not a Pagefind file")
    value, end = cbor_decode(data, len(MAGIC))
    if end != len(data):
        raise ValueError(f"{path.name} has trailing bytes")
    return value


def _write(path_for, value, digits: int) -> str:
    """Write value as a Pagefind file named by its content; return that name's hash part."""
    data = MAGIC + cbor_encode(value)
    digest = hashlib.sha256(data).hexdigest()[:digits]
    path = path_for(digest)
    path.write_bytes(gzip.compress(data, mtime=0))
    return digest


def canonical_filters(bundle: Path) -> None:
    """Sort every filter's values and rename the files that depend on them."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]  # [[filter name, chunk hash], ...]
        for pair in filters:
            old = bundle / "filter" / f"{pair[1]}.pf_filter"
            chunk = _read(old)
            chunk[1] = sorted(chunk[1], key=lambda v: v[0])
            old.unlink()
            digest = _write(
                lambda d, lang=lang: bundle / "filter" / f"{lang}_{d}.pf_filter", chunk, 7
            )
            pair[1] = f"{lang}_{digest}"
        meta[3] = sorted(filters)
        meta_path.unlink()
        digest = _write(lambda d, lang=lang: bundle / f"pagefind.{lang}_{d}.pf_meta", meta, 10)
        info["hash"] = f"{lang}_{digest}"
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def index_site(pelican) -> None:
    """`finalized` signal: index the output Pelican just wrote, when BRIEFING_SEARCH is on."""
    from .settings import get

    if not get(pelican.settings, "BRIEFING_SEARCH"):
        return
    from .writer import previous_output

    site = Path(pelican.output_path)
    previous = previous_output(str(site), pelican.settings)
    if previous is not None and previous.resolve() == site.resolve():
        previous = None  # built in place: the bundle already in the site is the previous one
    per_shard = int(get(pelican.settings, "BRIEFING_SEARCH_SHARD_PAGES"))
    tag = hashlib.sha256(str((previous or site).resolve()).encode()).hexdigest()[:16]
    staging = Path(get(pelican.settings, "BRIEFING_CACHE_DIR"), f"search-staging-{tag}")
    problem = build_index(site, previous, per_shard, staging)
    if problem:
        logger.warning("Briefing search: %s", problem)
