"""Incremental writing: a page whose inputs did not change since the last build is neither
rendered nor written again; the file of the previous output is hard-linked instead. This covers
article pages and every page a generator writes unpaginated (topics, entities, timeline...).

A page's inputs are hashed: the plugin's code, the settings, every template its template uses,
what the page is given (the article, the entity...), and the context variables those templates
name (found by parsing them, so a theme that starts showing site-wide lists on article pages is
followed, at the price of re-rendering). A page is reused only when that hash matches the
manifest of the previous build AND the previous file is the very one that build wrote (same
inode, size and mtime).
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import pickle
import subprocess
import sys
import tempfile
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from functools import partial
from itertools import repeat
from operator import is_
from pathlib import Path

import jinja2
from jinja2 import meta as jinja_meta
from pelican import signals
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import Writer

from . import cache, snapshot
from .grouping import Item
from .model import ArticleRecord, Metadata
from .settings import get

logger = logging.getLogger(__name__)

# Article attributes that are not what the page shows, or are hashed elsewhere (the relative
# path that dedupe.freeze_urls keeps is the source path's and the settings').
SKIPPED_ATTRIBUTES = {*snapshot.SHARED_ATTRIBUTES, "get_relative_source_path"}
# Settings that name this build's temporary folder and would make every key unique, and the
# code version kept there (hashed on its own).
SKIPPED_SETTINGS = {"OUTPUT_PATH", "BRIEFING_PREVIOUS_OUTPUT", cache.VERSION_KEY}
MAX_DEPTH = 8
BATCH = 500  # pages sent to the linking process at a time
PIPE_BYTES = 1 << 20  # Linux's default most for an unprivileged process
LINK_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linkpages.py")
PARSES_FILE = "template-parses.json"  # in the cache folder, see Parses
PLAIN = frozenset((str, int, float, bool))  # most values: returned before any other test
_ABSENT = object()
# Frozen per-article values that many pages show: each is serialised once per build.
PER_ARTICLE = frozenset((ArticleRecord, Metadata, Item))
WHOLE = (ArticleRecord, Metadata)  # pickled in one C call, with what they hold


class Unstable(Exception):
    """A value with no stable form: the page is rendered, never reused."""


class Hasher:
    """Stable forms of values: JSON-able, equal across builds iff the values are.

    Our data (dataclasses: records, metadata, groups) is serialised by pickle, which is complete
    and fast; a frozen instance is serialised once per build however many pages show it (a
    topic's group is on each of its pages, an article's record on its page and in lists).
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, list]] = {}  # id -> (instance kept alive, form)
        self._articles: dict[int, tuple] = {}  # see snapshot.ARTICLES
        self._kinds: dict[type, object] = {}  # type -> how its values get their form
        self._layouts: dict[tuple, tuple[str, list[str]]] = {}  # see _layout

    def know(self, forms: dict, articles: dict) -> None:
        """Forms given by whoever made the values (snapshot.py): a record is its cache key, and
        so is each attribute of an article that still holds the value its snapshot made."""
        for key, (value, form) in forms.items():
            self._memo.setdefault(key, (value, form))
        self._articles.update(articles)

    def form(self, value, depth: int = 0):
        if depth > MAX_DEPTH:
            raise Unstable("too deep")
        kind = type(value)
        if kind in PLAIN or value is None:
            return value
        how = self._kinds.get(kind)
        if how is None:
            how = self._kinds[kind] = self._how(kind)
        return how(value, depth)

    def _how(self, kind: type):
        """How values of `kind` get their form: worked out once per type (the tests below only
        depend on the type), not for each of the hundred thousand values a rebuild hashes."""
        if issubclass(kind, bool | int | float | str):
            return _itself
        if issubclass(kind, datetime | date):
            return _isoformat
        if is_dataclass(kind) and not issubclass(kind, type):
            return lambda value, _depth: self._data(value)
        if issubclass(kind, dict):
            return self._dict
        if issubclass(kind, list | tuple):
            return lambda value, depth: [self.form(v, depth + 1) for v in value]
        if issubclass(kind, set | frozenset):
            return lambda value, depth: sorted(json.dumps(self.form(v, depth + 1)) for v in value)
        if issubclass(kind, URLWrapper):  # an article's author(s) and category: _object's form
            return _urlwrapper
        return self._object

    def _dict(self, value: dict, depth: int) -> list:
        return sorted((self._key(k, depth), self.form(v, depth + 1)) for k, v in value.items())

    def _key(self, key, depth: int) -> str:
        """A dict key as text: a string is itself behind a quote (no JSON form of another
        value starts with one), anything else its JSON form."""
        if isinstance(key, str):
            return '"' + key
        return json.dumps(self.form(key, depth + 1))

    def _data(self, value) -> list:
        found = self._memo.get(id(value))
        if found is not None and found[0] is value:
            return found[1]
        try:
            if type(value) is Item:
                # Thousands per list page, so no pickler: its URL and metadata say all (its
                # sort keys are made from them).
                data = _item_bytes(value.url, self.form(value.meta))
            else:
                data = _pickled(value, self)
        except Exception:  # a field pickle cannot carry: walk the fields  # noqa: BLE001
            body = [(f.name, self.form(getattr(value, f.name))) for f in fields(value)]
            return [type(value).__qualname__, body]
        form = [type(value).__qualname__, hashlib.sha256(data).hexdigest()]
        if type(value).__dataclass_params__.frozen:  # a mutable one may change before the next page
            self._memo[id(value)] = (value, form)
        return form

    def _object(self, value, depth: int):
        kind = type(value)
        if callable(value) and hasattr(value, "__qualname__"):
            # Functions and classes: their code is hashed with the plugin or the libraries.
            return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
        if hasattr(value, "source_path") and hasattr(value, "url"):  # another Pelican Content
            return ["content", value.url, str(getattr(value, "title", "")), self.form(value.date)]
        if hasattr(value, "slug") and hasattr(value, "name"):  # Author, Category, Tag
            return ["urlwrapper", kind.__qualname__, str(value.name), str(value.slug)]
        if isinstance(value, bytes):
            return hashlib.sha256(value).hexdigest()
        if hasattr(value, "__dict__"):
            return [kind.__qualname__, self.form(vars(value), depth + 1)]
        text = repr(value)
        if " at 0x" in text:
            raise Unstable(text)
        return [kind.__qualname__, text]

    def article(self, article) -> list:
        attrs = vars(article)
        known = self._articles.get(id(article))
        if known is None or known[0] is not article:
            names = [k for k in sorted(attrs) if k not in SKIPPED_ATTRIBUTES]
            return [type(article).__qualname__, [(k, self.form(attrs[k])) for k in names]]
        _, key, made_names, made_values, dicts = known
        made = f"snapshot:{key}"
        # Usually every attribute the snapshot made still holds its very value: checked in C.
        if not all(map(is_, map(attrs.get, made_names, repeat(_ABSENT)), made_values)):
            same = zip(made_names, made_values, strict=True)
            made_names = tuple(k for k, v in same if attrs.get(k, _ABSENT) is v)
        as_made, rest = self._layout(tuple(attrs), made_names)
        body = []
        for k in rest:
            v = attrs[k]
            if k in dicts and type(v) is dict:
                body.append((k, self._dict_since(v, dicts[k], made)))
            else:
                body.append((k, self.form(v)))
        return [type(article).__qualname__, made, as_made, body]

    def _layout(self, names: tuple, as_made: tuple) -> tuple[str, list[str]]:
        """(digest of the sorted names of the attributes `as_made`, sorted names of the other
        attributes), for an article with attributes `names`: worked out once per build for
        each such pair (the articles of a build share a few), not for each article."""
        found = self._layouts.get((names, as_made))
        if found is None:
            kept = set(as_made)
            names_made = sorted(k for k in names if k in kept and k not in SKIPPED_ATTRIBUTES)
            rest = sorted(k for k in names if k not in kept and k not in SKIPPED_ATTRIBUTES)
            found = self._layouts[(names, as_made)] = (digest(names_made), rest)
        return found

    def _dict_since(self, value: dict, made_with: dict, made: str) -> list:
        """A dict the snapshot made: the items still holding the very value it made them with
        (a value that cannot change in place) are known by the snapshot's key; others, and
        any key added or removed, are written out."""
        if value.keys() != made_with.keys():
            return self.form(value)
        changed = [
            (self._key(k, 0), self.form(v, 1))
            for k, v in value.items()
            if not (made_with[k] is v and isinstance(v, snapshot.IMMUTABLE))
        ]
        return ["dict since", made, sorted(changed)]


class _Pickler(pickle.Pickler):
    """Pickles without its memo: the bytes then depend on the values only, not on which equal
    strings happen to be one object (records made by a worker share some, cached ones do not).
    Per-article values inside (records, metadata, list items) go in as their memoised digest:
    an article is on its page, its topics' pages, its entities' pages and the timelines."""

    def __init__(self, out, root, hasher: Hasher) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True  # our data holds no cycles
        self.root, self.hasher, self.known = root, hasher, hasher._memo

    def persistent_id(self, obj):
        # Called for every object pickled (400,000 times for the site-wide data at 10,000
        # articles): the memo is looked at first, without Hasher.form's type dispatch. (A
        # dispatch_table or reducer_override entry for the per-article types calls Python less
        # often, but the function named in each of their reductions costs more to pickle than
        # a persistent id: people pages' keys 0.25-0.30 -> 0.40-0.43 s CPU at 10,000.)
        if type(obj) not in PER_ARTICLE or obj is self.root:
            return None
        found = self.known.get(id(obj))
        if found is not None and found[0] is obj:
            return found[1][1]
        return self.hasher.form(obj)[1]


def _pickled(value, hasher: Hasher) -> bytes:
    out = io.BytesIO()
    if isinstance(value, WHOLE):  # no per-object hook: it holds nothing another page shows
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
    else:
        pickler = _Pickler(out, value, hasher)
    pickler.dump(value)
    return out.getvalue()


def _item_bytes(url, meta) -> bytes:
    """What an Item's digest is made of. Its metadata's form is nearly always a pair of texts
    without NUL (the snapshot's key, or a digest): then the URL and the pair are joined by NULs
    (a twentieth of the time of their JSON, which was half of hashing the 10,000 items of a
    build), unambiguous read from the right, and never the JSON of another item, which holds
    no raw NUL."""
    if (
        type(url) is str
        and type(meta) is list
        and len(meta) == 2
        and type(meta[0]) is str
        and type(meta[1]) is str
        and "\0" not in meta[0]
        and "\0" not in meta[1]
    ):
        return f"{url}\0{meta[0]}\0{meta[1]}".encode()
    return json.dumps([url, meta]).encode()


def _itself(value, _depth: int):
    return value


def _isoformat(value, _depth: int) -> str:
    return value.isoformat()


def _urlwrapper(value, _depth: int) -> list:
    return ["urlwrapper", type(value).__qualname__, str(value.name), str(value.slug)]


class Linker:
    """Links reused pages into the new output from a second process: making ten thousand
    folders and links is about 2 s of system time at 10,000 articles, which that process spends
    on the other core while this one works out the next pages' keys. (A thread would share
    the GIL, and hand it back and forth at every system call: no faster here.) `wait` ends
    that process; a page added after it starts another."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self.pending: list[bytes] = []
        self.process: subprocess.Popen | None = None
        self.report = None

    def add(self, source, target: str) -> None:
        self.pending += (os.fsencode(source), os.fsencode(target))
        if len(self.pending) >= BATCH * 2:
            self._send()

    def _send(self) -> None:
        if self.process is None:
            self.report = tempfile.TemporaryFile()  # not a pipe: no one reads it until the end
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-S", LINK_SCRIPT, self.root],
                stdin=subprocess.PIPE,
                stdout=self.report,
            )
            _widen(self.process.stdin)
        self.process.stdin.write(b"".join(p + b"\0" for p in self.pending))
        self.pending = []

    def wait(self) -> None:
        """Every page added is in place; raises OSError naming the ones that could not be."""
        if self.pending:
            self._send()
        if self.process is None:
            return
        process, self.process = self.process, None
        process.communicate()
        self.report.seek(0)
        failed = self.report.read().decode(errors="replace").splitlines()
        self.report.close()
        if process.returncode or failed:
            raise OSError(f"unchanged pages not linked ({process.returncode}): {failed[:3]}")


def _widen(pipe) -> None:
    """A pipe of 1 MB instead of 64 KB where the system allows (Linux): the pages' names are
    about 1.8 MB at 10,000 articles, and with the usual size this process waits for the
    linking one at every batch once it falls behind (a slow disk)."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # the usual size: slower, as correct


def digest(value) -> str:
    """sha256 of a form (Hasher.form): its pickle without a memo, so equal values give equal
    bytes whichever objects they share. A third of the time of its JSON (7 against 24 us for an
    article page's 2 KB of names and keys), and as faithful: other values, other bytes."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    try:
        pickler.dump(value)
    except Exception as err:  # a str or int subclass that pickle cannot carry  # noqa: BLE001
        raise Unstable(f"no pickle: {err}") from err
    return hashlib.sha256(out.getvalue()).hexdigest()


def base_key(settings, hasher: Hasher | None = None) -> str:
    """The plugin's code and every setting but those naming this build's folders: what every
    page (and every article snapshot, snapshot.py) depends on. Raises Unstable."""
    kept = {k: v for k, v in settings.items() if k not in SKIPPED_SETTINGS}
    return digest([cache.version_of(settings), (hasher or Hasher()).form(kept)])


class Parses:
    """What parsing a template's source found (the names it reads, the templates it uses),
    kept in the cache folder between builds: parsing the theme's templates was about 0.07 s
    of every rebuild. Known by a digest of the source, Jinja's version and every setting of
    the environment that its lexer or parser depends on; an environment with an extension
    from outside Jinja (its code is not in that digest) is always parsed."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.old = cache.read_json_object(path)
        self.new: dict[str, list] = {}

    def key(self, env, source: str) -> str | None:
        if type(env) is not jinja2.Environment or any(
            not name.startswith("jinja2.") for name in env.extensions
        ):
            return None
        lexer = [getattr(env, a) for a in LEXER_SETTINGS]
        # Jinja leaves the environment's globals out of what a template reads: their names too
        globals_ = sorted(env.globals)
        return digest([jinja2.__version__, lexer, sorted(env.extensions), globals_, source])

    def get(self, key: str | None) -> tuple[set[str], list[str]] | None:
        found = self.old.get(key) if key else None
        if not (isinstance(found, list) and len(found) == 2 and all(map(_strings, found))):
            return None
        self.new[key] = found
        return set(found[0]), list(found[1])

    def put(self, key: str | None, names: set[str], uses: list[str]) -> None:
        if key:
            self.new[key] = [sorted(names), uses]

    def save(self) -> None:
        """Keep the parses this build used; a failure only costs the next build time."""
        if self.path is None or not self.new or self.new == self.old:
            return  # (a build that parsed nothing, the first one, keeps the file as it is)
        try:
            cache.write_json(self.path, self.new)
        except OSError as err:
            logger.debug("could not save %s: %s", self.path, err)


# Jinja's own key for a lexer (jinja2.lexer.get_lexer), which the parse depends on.
LEXER_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
)


def _strings(values) -> bool:
    return isinstance(values, list) and all(isinstance(v, str) for v in values)


def template_inputs(
    template, parsed: dict | None = None, parses: Parses | None = None
) -> tuple[str, set[str]]:
    """(hash of the sources of `template` and of every template it uses, names it reads).
    `parsed` keeps what each template file holds between calls: the base template and the
    macros are used by every page template (parsing one is about 20 ms); `parses` keeps what
    parsing found between builds."""
    env = template.environment
    parses = Parses() if parses is None else parses
    parsed = {} if parsed is None else parsed
    seen: dict[str, str] = {}
    names: set[str] = set()
    todo = [template.name]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in parsed:
            parsed[name] = _parse(env, name, parses)
        seen[name], reads, uses = parsed[name]
        names |= reads
        todo += uses
    return digest(sorted(seen.items())), names


def _parse(env, name: str, parses: Parses) -> tuple[str, set[str], list[str]]:
    """A template's source, the names it reads and the templates it uses."""
    source, _filename, _uptodate = env.loader.get_source(env, name)
    key = parses.key(env, source)
    found = parses.get(key)
    if found is not None:
        return source, *found
    tree = env.parse(source)
    uses = list(jinja_meta.find_referenced_templates(tree))
    if None in uses:
        raise Unstable(f"{name} picks a template at render time")
    names = jinja_meta.find_undeclared_variables(tree)
    parses.put(key, names, uses)
    return source, names, uses


def links_inputs(links, article, hasher: Hasher, seen: dict | None = None) -> list:
    """What an article page reads from pages.Links (`briefing_links`): the pages of its own
    topics and entities, as its docstring promises; so a new entity page elsewhere, or a new
    article, leaves this page alone. `seen` keeps the answers of these very `links` between
    calls ({kind: {name: url}}): the same names are on many articles."""
    meta = getattr(getattr(article, "briefing", None), "meta", None)
    if meta is None:
        raise Unstable("article without a record")
    seen = {} if seen is None else seen
    topics = [[label, hasher.form(links.topic(label))] for label in meta.topics]
    kinds = (("person", meta.people), ("organization", meta.organizations), ("place", meta.places))
    return [topics, [[names, _entity_urls(links, kind, names, seen)] for kind, names in kinds]]


def _entity_urls(links, kind: str, names: tuple, seen: dict) -> list:
    """links.entity_url of each name, the names met before looked up in C."""
    known = seen.setdefault(kind, {})
    urls = list(map(known.get, names, repeat(_ABSENT)))
    if _ABSENT in urls:
        for i, name in enumerate(names):
            if urls[i] is _ABSENT:
                urls[i] = known[name] = links.entity_url(kind, name)
    return urls


def previous_output(output_path: str, settings) -> Path | None:
    """The output this build replaces: named by the build, else found by the temporary folder's
    name (build.py builds `<output>.tmp-*` next to `<output>`)."""
    named = settings.get("BRIEFING_PREVIOUS_OUTPUT")
    if named:
        return Path(named)
    here = Path(output_path).resolve()
    if ".tmp-" in here.name:
        return here.with_name(here.name.split(".tmp-", 1)[0])
    return None


def manifest_file(settings, previous: Path) -> Path:
    return cache.output_file(settings, previous, "pages")


class IncrementalWriter(Writer):
    """Pelican's Writer, which reuses unchanged article pages of the previous output."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.previous = previous_output(output_path, self.settings)
        self.manifest = manifest_file(self.settings, self.previous) if self.previous else None
        self.old = cache.read_json_object(self.manifest)
        self.new: dict[str, list] = {}
        self.reused = 0
        self._base: str | None = None
        self._templates: dict[str, tuple[str, set[str]]] = {}
        self._parsed: dict[str, tuple[str, set[str], list[str]]] = {}
        self._parses = Parses(Path(get(self.settings, "BRIEFING_CACHE_DIR"), PARSES_FILE))
        self._context_parts: dict[str, object] = {}
        self._links: tuple[object, dict] = (None, {})  # pages.Links and what it answered
        self._hasher = Hasher()
        self._knows = False  # the snapshot forms are read from the context by the first page
        # Reused pages are linked by a second process. It is waited for when the articles are
        # written (the search index reads them after that); other generators' pages are then
        # linked by a new one until the end of the build (making their folders is 0.1-0.2 s of
        # system time at 10,000 articles).
        self._linker = Linker(self.output_path)
        self._previous = str(self.previous) if self.previous else ""
        self._output_plain = os.sep == "/" and os.path.abspath(self.output_path) == self.output_path
        # Weak: the receivers go with this writer, so later builds in one process do not call them.
        signals.article_writer_finalized.connect(self.on_articles_written)
        signals.finalized.connect(self.on_finalized)

    def on_articles_written(self, _generator, writer=None) -> None:
        if writer is self:
            self.wait_for_links()

    def wait_for_links(self) -> None:
        """Every page reused so far is in place (Linker.wait may be called again later)."""
        self._linker.wait()

    def on_finalized(self, _pelican) -> None:
        """Every page of the build is written: keep the manifest."""
        self.wait_for_links()
        self.save_manifest()
        self._parses.save()

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        render = partial(
            super().write_file,
            name,
            template,
            context,
            relative_urls,
            paginated,
            template_name,
            override_output,
            url,
            **kwargs,
        )
        # Pelican's own paginated lists (index, archives) and overrides are always rendered.
        if not name or paginated or template_name or override_output or self.previous is None:
            return render()
        if not self._knows:
            self._hasher.know(
                context.get(snapshot.FORMS) or {}, context.get(snapshot.ARTICLES) or {}
            )
            self._knows = True
        key = self.page_key(name, template, context, dict(kwargs, url=url))
        if key is not None and self._reuse(name, key):
            return None
        result = render()
        if key is not None:
            self._remember(name, key)
        return result

    def page_key(self, name: str, template, context: dict, kwargs: dict) -> str | None:
        """The hash of everything the page shows, or None when something has no stable form."""
        article = kwargs.get("article")
        try:
            sources, names = self._template(template)
            parts = [self._base_key(), sources, name]
            parts.append(self._hasher.article(article) if article is not None else None)
            for var, value in sorted(kwargs.items()):
                if var != "article":
                    parts.append([var, self._hasher.form(value)])
            for var in sorted(names - set(kwargs)):
                if var in context and var not in self.settings:
                    parts.append([var, self._context_part(var, context[var], article)])
            return digest(parts)
        except Unstable as why:
            logger.debug("%s: rendered (inputs not hashable: %s)", name, why)
            return None

    def _template(self, template) -> tuple[str, set[str]]:
        if template.name not in self._templates:
            self._templates[template.name] = template_inputs(template, self._parsed, self._parses)
        return self._templates[template.name]

    def _base_key(self) -> str:
        if self._base is None:
            self._base = base_key(self.settings, self._hasher)
        return self._base

    def _context_part(self, var: str, value, article) -> object:
        if article is not None and hasattr(value, "entity_url") and hasattr(value, "topic"):
            if self._links[0] is not value:
                self._links = (value, {})
            return links_inputs(value, article, self._hasher, self._links[1])
        # Site-wide values are the same object for every article page of a build: hash once.
        if var not in self._context_parts:
            self._context_parts[var] = digest(self._hasher.form(value))
        return self._context_parts[var]

    def _reuse(self, name: str, key: str) -> bool:
        entry = self.old.get(name)
        if not entry or entry[0] != key:
            return False
        source = os.path.join(self._previous, name)
        try:
            if cache.file_id(source) != entry[1:]:
                return False
        except OSError:
            return False
        target = self._target(name)
        if target in self._written_files:
            return False  # let Pelican report the clash as usual
        self._linker.add(source, target)
        self._written_files.add(target)
        self.new[name] = entry
        self.reused += 1
        return True

    def _target(self, name: str) -> str:
        """Pelican's sanitised_join(output, name) (the form its clash check knows), without its
        two abspath calls when `name` is already a plain relative path."""
        plain = not name.startswith(("/", "..")) and os.path.normpath(name) == name
        if plain and self._output_plain:
            return self.output_path + "/" + name
        return sanitised_join(self.output_path, name)

    def _remember(self, name: str, key: str) -> None:
        try:
            self.new[name] = [key, *cache.file_id(self._target(name))]
        except OSError:
            return

    def save_manifest(self) -> None:
        """Write what this build wrote, atomically; a failure only costs the next build time."""
        if self.manifest is None:
            return
        try:
            cache.write_json(self.manifest, self.new)
        except OSError as err:
            logger.warning("could not save the page manifest %s: %s", self.manifest, err)
        logger.info(
            "briefing: %d pages reused, %d rendered", self.reused, len(self.new) - self.reused
        )


def get_writer(pelican) -> type:
    """`get_writer` signal: our writer class."""
    return IncrementalWriter
