"""The search index in shards: article pages fall into buckets by a hash of their path, each
bucket is its own Pagefind bundle, and a rebuild re-indexes only the buckets whose pages changed.

Pagefind holds every page of a run in memory (about 0.4 MB per article page, 4 GB for 10,000), so
one run over the whole digest is both slow and large; a bucket of a few hundred pages takes well
under a second. The bucket of a page depends only on its path and on the number of buckets, a
power of two that grows with the digest: a new article changes one bucket, and only crossing a
power of two re-indexes everything. The first bundle sits at `pagefind/` (the primary Pagefind
loads with its runtime), the others at `pagefind/<name>/`, merged by the search page.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .cache import read_json_object, write_json
from .linkpages import link_or_copy

PAGES_PER_SHARD = 400  # the default: ~160 MB and ~0.7 s of Pagefind each
FORMAT = 1  # bump when the layout below changes: every shard is then indexed again
MANIFEST = "shards.json"
STAGED = ".staged.json"  # beside a shard's staging folder: what each staged file was made from
ENTRY = "pagefind-entry.json"
DATA_DIRS = ("index", "fragment", "filter")
RUNTIME = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")


@dataclass
class Shard:
    name: str
    pages: list[str]  # paths relative to the site, sorted
    inputs: str = ""  # hash of the pages' paths and bytes, and of the indexer's version
    path: str = ""  # folder under pagefind/: "" for the primary bundle
    files: int = 0  # its data files: a previous shard missing some is not reused


def shard_count(pages: int, per_shard: int = PAGES_PER_SHARD) -> int:
    """The smallest power of two that keeps shards at about `per_shard` pages or fewer."""
    count = 1
    while count * max(1, per_shard) < pages:
        count *= 2
    return count


def bucket(page: str, count: int) -> int:
    """Stable across builds and machines (not Python's salted hash); halving `count` merges
    buckets pairwise, so the split is predictable."""
    return int.from_bytes(hashlib.sha256(page.encode()).digest()[:8], "big") % count


def plan(pages: list[str], per_shard: int = PAGES_PER_SHARD) -> list[Shard]:
    """The shards of these pages, in name order; the first is the primary bundle."""
    count = shard_count(len(pages), per_shard)
    groups: dict[int, list[str]] = {}
    for page in sorted(pages):
        groups.setdefault(bucket(page, count), []).append(page)
    width = len(str(count - 1))
    shards = [Shard(f"part-{k:0{width}d}-of-{count}", groups[k]) for k in sorted(groups)]
    for shard in shards[1:]:
        shard.path = shard.name
    return shards


def hash_inputs(
    site: Path, shard: Shard, salt: str, known: dict | None = None, previous: Path | None = None
) -> str:
    """The hash of the shard's pages (paths and bytes). `known` ({page: [stamp, digest]}, kept
    between builds) spares reading a page that is still the very file it was (see page_digest).
    `previous`: see locate."""
    digest = hashlib.sha256(f"{FORMAT}\0{salt}\0".encode())
    for page in shard.pages:
        digest.update(page.encode() + b"\0" + page_digest(site, page, known, previous))
    return digest.hexdigest()


def locate(site: Path, page: str, previous: Path | None = None) -> tuple[Path, list[int]]:
    """The file of a page, and its stamp: the site's, or while the writer has yet to link an
    unchanged page into the site, the previous output's file it links (the same file: a hard
    link, and the same stamp)."""
    path = site / page
    try:
        return path, file_stamp(path)
    except FileNotFoundError:
        if previous is None:
            raise
    path = previous / page
    return path, file_stamp(path)


def page_digest(site: Path, page: str, known: dict | None, previous: Path | None = None) -> bytes:
    """sha256 of a page (see locate). A page whose device, inode, size and mtime are those
    recorded is the same file, still holding the bytes it was hashed with (an unchanged page is
    a hard link to the previous output's, which is alive during the build, so its inode cannot
    be a new file's). The stamp is taken before reading: a change while reading leaves a stamp
    that will not match."""
    path, stamp = locate(site, page, previous)
    if known is None:
        return hashlib.sha256(path.read_bytes()).digest()
    found = known.get(page)
    if found and found[0] == stamp:
        return bytes.fromhex(found[1])
    content = hashlib.sha256(path.read_bytes()).digest()
    known[page] = [stamp, content.hex()]
    return content


def file_stamp(path) -> list[int]:
    """What tells a file from any other or from itself changed (see page_digest)."""
    st = os.stat(path)
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]


def save_digests(path: Path, known: dict, pages: list[str]) -> None:
    """Keep the digests of today's pages, atomically; a failure only costs reading next time."""
    kept = {page: known[page] for page in pages if page in known}
    try:
        write_json(path, kept)
    except OSError:
        pass


# ---- the files of a bundle ----------------------------------------------------------------------


def data_files(bundle: Path) -> list[str]:
    """A bundle's own files (entry, metadata, chunks), relative to it: not the runtime, and not
    the other bundles nested under the primary."""
    files = [ENTRY, *(p.name for p in bundle.glob("pagefind.*.pf_meta"))]
    for name in DATA_DIRS:
        try:
            entries = os.scandir(bundle / name)
        except FileNotFoundError:
            continue
        with entries:
            files += sorted(f"{name}/{e.name}" for e in entries if e.is_file())
    return files


def runtime_files(bundle: Path) -> list[str]:
    return sorted(p.name for pattern in RUNTIME for p in bundle.glob(pattern))


def place(source: Path, target: Path, files: list[str], move: bool) -> None:
    """Put `files` of `source` into `target`: moved, or hard-linked (copied where links fail)
    from a previous output, which is never modified."""
    made: set[str] = set()
    for rel in files:
        folder = os.path.dirname(rel)
        if folder not in made:
            os.makedirs(target / folder, exist_ok=True)
            made.add(folder)
        src, dest = os.path.join(source, rel), os.path.join(target, rel)
        if move:
            os.replace(src, dest)
        else:
            link_or_copy(src, dest)


def is_article_page(page: str, folder: str = "articles") -> bool:
    """A path of the form article_pages lists (folder/<slug>/index.html)."""
    parts = page.split("/")
    return len(parts) == 3 and parts[0] == folder and parts[2] == "index.html" and parts[1] != ""


def article_pages(site: Path, folder: str = "articles") -> list[str]:
    """The article pages (site/folder/<slug>/index.html, as Pelican saves them), relative to the
    site, sorted. A listing of one folder: walking 10,000 page folders costs far more."""
    try:
        with os.scandir(site / folder) as entries:
            names = [e.name for e in entries if e.is_dir()]
    except FileNotFoundError:
        return []
    pages = (f"{folder}/{name}/index.html" for name in names)
    return sorted(page for page in pages if os.path.isfile(site / page))


# What Pagefind reads outside data-pagefind-body for a result's automatic title and image.
_META_SOURCE = re.compile(rb"<(?:h1|img)[\s>/]", re.IGNORECASE)


def reduced(html: bytes) -> bytes | None:
    """The page cut down to what Pagefind reads of it: the <html> tag (its lang), the <title>
    and the one data-pagefind-body element, verbatim; Pagefind then makes the same index with
    ~5% less CPU (it parses every byte it is given: the site's head, header and footer too).
    None when the page is not of that simple shape (no body element or two, a nested element
    of the same name, a data-pagefind- attribute outside it, or an <h1> or <img> outside it,
    which Pagefind may take for the result's title or image): the page is then staged whole."""
    mark = html.find(b"data-pagefind-body")
    if mark < 0 or html.find(b"data-pagefind-body", mark + 1) >= 0:
        return None
    start = html.rfind(b"<", 0, mark)
    tag = _TAG.match(html, start)
    if tag is None:
        return None
    name = re.escape(tag.group(1))
    close = re.compile(rb"</" + name + rb"\s*>", re.IGNORECASE).search(html, mark)
    if close is None or re.compile(rb"<" + name + rb"[\s>/]", re.IGNORECASE).search(
        html, start + 1, close.start()
    ):
        return None
    end = close.end()
    outside = (html[:start], html[end:])
    if any(b"data-pagefind-" in part or _META_SOURCE.search(part) for part in outside):
        return None
    root = _HTML.search(html, 0, start)
    title = _TITLE.search(html, 0, start)
    return b"".join(
        (
            b"<!DOCTYPE html>\n",
            root.group(0) if root else b"<html>",
            b'<head><meta charset="utf-8">',
            title.group(0) if title else b"",
            b"</head><body>",
            html[start:end],
            b"</body></html>\n",
        )
    )


_TAG = re.compile(rb"<([A-Za-z][A-Za-z0-9-]*)[\s>]")
_HTML = re.compile(rb"<html\b[^>]*>", re.IGNORECASE)
_TITLE = re.compile(rb"<title\b[^>]*>.*?</title>", re.IGNORECASE | re.DOTALL)


def stage(
    site: Path,
    shard: Shard,
    staging: Path,
    known: dict | None = None,
    previous: Path | None = None,
) -> None:
    """Make `staging` hold exactly this shard's pages at their paths, for Pagefind's --site:
    each cut down (see `reduced`), or a link to the page when it cannot be. `previous`: see
    locate.

    The folder is kept from build to build and only what changed is staged again: on a busy disk,
    creating and deleting a shard's few hundred page folders takes longer than indexing them.
    Beside it, a record of what each staged file was made from (the page's digest) and of the
    file itself (its stamp): a page that is still the file `known` hashed (see page_digest),
    whose staged file is the one recorded for that digest, is not read again. Every file is
    written aside, then renamed into place: a staged file is whole, and a new one never bears
    the stamp of the file it replaces (that one still exists when the new one is made)."""
    record_path = staging.with_name(staging.name + STAGED)
    record = _load_record(record_path)
    made: dict[str, list] = {}
    wanted = set(shard.pages)
    for root, _dirs, files in os.walk(staging, topdown=False):
        rel = os.path.relpath(root, staging).replace(os.sep, "/")
        for name in files:
            if f"{rel}/{name}" not in wanted:
                os.unlink(os.path.join(root, name))
        if root != str(staging) and not os.listdir(root):
            os.rmdir(root)
    for page in shard.pages:
        source, stamp = locate(site, page, previous)
        found, dest = (known or {}).get(page), staging / page
        digest = found[1] if found and found[0] == stamp else None  # hashed just before
        held = _stamp(dest)
        if held is not None and digest is not None and record.get(page) == [digest, held]:
            made[page] = record[page]
            continue
        made[page] = _stage_page(source, dest, digest, held is not None)
    _save_record(record_path, made)


def _stage_page(source: Path, dest: Path, digest: str | None, held: bool) -> list:
    """Stage one page (unless the staged file `held` holds what it should already); its record.
    A file that replaces another is written aside first."""
    content = source.read_bytes()
    digest = digest or hashlib.sha256(content).hexdigest()
    cut = reduced(content)
    if not held:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _put(source, dest, cut)
    elif not (cut is None and _same_file(source, dest) or cut is not None and _holds(dest, cut)):
        aside = dest.with_name(dest.name + ".tmp")  # not .html: never indexed, if left behind
        aside.unlink(missing_ok=True)  # never write through a link to a page of the site
        _put(source, aside, cut)
        os.replace(aside, dest)
    return [digest, file_stamp(dest)]


def _put(source: Path, path: Path, cut: bytes | None) -> None:
    if cut is None:
        link_or_copy(source, path)
    else:
        path.write_bytes(cut)


# What made a staged file: a record made by other code (another `reduced`) is not trusted.
_MAKER = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def _load_record(path: Path) -> dict:
    data = read_json_object(path)
    if data.get("by") != _MAKER:
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


def _save_record(path: Path, made: dict) -> None:
    """Atomically; a failure only costs reading the pages next time."""
    try:
        write_json(path, {"by": _MAKER, "pages": made})
    except OSError:
        pass


def _stamp(path: Path) -> list[int] | None:
    try:
        return file_stamp(path)
    except OSError:
        return None


def _holds(dest: Path, content: bytes) -> bool:
    try:
        return dest.stat().st_size == len(content) and dest.read_bytes() == content
    except OSError:
        return False


def _same_file(source: Path, dest: Path) -> bool:
    """The staged copy is the page itself (a hard link), or a copy with the same bytes."""
    try:
        if os.path.samefile(source, dest):
            return True
        return (
            dest.stat().st_size == source.stat().st_size
            and dest.read_bytes() == source.read_bytes()
        )
    except OSError:
        return False


# ---- the manifest -------------------------------------------------------------------------------


def write_manifest(bundle: Path, shards: list[Shard], version: str) -> None:
    """pagefind/shards.json: what the search page merges, and what the next build may reuse."""
    data = {
        "format": FORMAT,
        "pagefind": version,
        "shards": [
            {
                "name": s.name,
                "path": s.path,
                "pages": len(s.pages),
                "inputs": s.inputs,
                "files": s.files,
            }
            for s in shards
        ],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (bundle / MANIFEST).write_text(text, encoding="utf-8")


def previous_shards(bundle: Path) -> dict[str, Shard]:
    """The shards a previous output holds, by name ({} when it has none or they cannot be read)."""
    try:
        data = json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return {}
        shards = [
            Shard(s["name"], [], s["inputs"], s["path"], int(s["files"])) for s in data["shards"]
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    return {s.name: s for s in shards if (bundle / s.path / ENTRY).is_file()}
