"""What the extractors know beyond the article: the topic rules and the entity registry from
content/, compiled once per build into one frozen Knowledge handed to every extract() call."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..settings import Options
from ..text import casefold

KINDS = ("person", "organization", "place")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    phrases: tuple[str, ...]  # the `any` phrases, case-folded, spaces collapsed
    min_hits: int
    exclude: tuple[str, ...]


@dataclass(frozen=True)
class Entity:
    kind: str  # "person", "organization" or "place"
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    """Topic rules, the registry with its compiled alias patterns, and the settings defaults."""

    topics: tuple[Topic, ...] = ()
    topic_phrases: re.Pattern | None = None  # every topic's phrases at once: one pass per text
    entities: tuple[Entity, ...] = ()
    exact_aliases: re.Pattern | None = None  # aliases in capitals: matched only as written
    folded_aliases: re.Pattern | None = None  # other aliases: matched in any case
    # alias (as key) -> entity; a plain dict so Knowledge pickles to worker processes. Never
    # mutated after build_knowledge().
    alias_index: Mapping[str, Entity] = field(default_factory=dict)
    default_source: str = ""
    words_per_minute: int = 230
    problems: tuple[str, ...] = ()  # what was wrong with the topic or registry file


def _trie_regex(trie: dict, ignore_case: bool = False) -> str:
    """A regex for the strings of a character trie: shared prefixes are tried once, which keeps
    a pattern of hundreds of aliases fast (Python's re tries alternatives one by one)."""
    branches, optional = [], False
    forks = sum(1 for char in trie if char) > 1
    for char, child in sorted(trie.items()):
        if char == "":
            optional = True
            continue
        head = _head(char, ignore_case and forks)
        branches.append(head + _trie_regex(child, ignore_case) if child else head)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        body = "(?:" + body + ")?"
    return body


# What re matches to an ASCII letter ignoring case besides its two cases (a test checks it)
ODD_CASES = (("i", "\u0130\u0131"), ("k", "\u212a"), ("s", "\u017f"))


def _head(char: str, as_class: bool) -> str:
    """A branch's first character. `as_class` (a pattern ignoring case, where branches fork):
    an ASCII letter as the class of what re matches to it, matched with case. re tests such a
    class before it tries a branch, which it cannot do for a letter compared ignoring case:
    10% less for a registry's aliases."""
    if char == " ":
        return r"\s+"
    if as_class and char.isascii() and char.isalpha():
        low = char.lower()
        odd = next((cases for letter, cases in ODD_CASES if letter == low), "")
        return f"(?-i:[{low}{low.upper()}{odd}])"
    return re.escape(char)


def word_alternation(words: Iterable[str]) -> str:
    """A regex for any of `words` as a trie (see _trie_regex), the longest first; a space in a
    word matches any run of spaces."""
    return _trie_regex(_trie(words))


def _trie(words: Iterable[str]) -> dict:
    """{character: subtrie}, where the key "" marks the end of a word."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def phrase_pattern(phrases: list[str] | tuple[str, ...], flags: int = re.I) -> re.Pattern | None:
    """One regex for whole-word occurrences of any phrase (the longest wins at a position)."""
    joined = {" ".join(p.split()) for p in phrases if p and p.strip()}
    trie = _trie(casefold(phrase) if flags & re.I else phrase for phrase in joined)
    if not trie:
        return None
    # Greedy trie branches prefer longer phrases; the lookahead backs off to a shorter one when
    # the longer is not followed by a word boundary. The two tests before the trie fail fast
    # where no phrase starts: first no word character before (most positions are inside a word),
    # then a phrase's first character (most letters, in the usual lists: 13% slower the other way).
    first = "".join(sorted(r"\s" if char == " " else re.escape(char) for char in trie))
    # Under re.ASCII, ignoring case joins only the ASCII pairs: the classes of all the letters
    # that fold together would then take more than the plain trie does.
    body = _trie_regex(trie, bool(flags & re.I) and not flags & re.A)
    return re.compile(rf"(?<![\w])(?=[{first}])(?:{body})(?![\w])", flags)


def fold(phrase: str) -> str:
    """A phrase as topic matching compares it: case-folded, runs of spaces as one."""
    return " ".join(casefold(phrase).split())


def alias_key(alias: str, exact: bool) -> str:
    text = _SPACES.sub(" ", alias.strip())
    return text if exact else casefold(text)


def is_exact(alias: str) -> bool:
    """Aliases written in capitals (COAS, US, U.S.) mean the entity only when so written."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _read_toml(path: Path, problems: list[str]) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as err:
        problems.append(f"{path}: cannot read it, ignored: {err}")
        return {}


def load_topics(data: dict, where: str, problems: list[str]) -> tuple[Topic, ...]:
    topics = []
    for number, item in enumerate(data.get("topic", []), start=1):
        if not isinstance(item, dict) or not item.get("slug"):
            problems.append(f"{where}: topic #{number} has no slug, ignored")
            continue
        topics.append(
            Topic(
                slug=str(item["slug"]),
                name=str(item.get("name", item["slug"])),
                phrases=tuple(fold(str(p)) for p in item.get("any", []) if str(p).strip()),
                min_hits=int(item.get("min_hits", 2)),
                exclude=tuple(fold(str(p)) for p in item.get("exclude", []) if str(p).strip()),
            )
        )
    return tuple(topics)


def load_entities(data: dict, where: str, problems: list[str]) -> tuple[Entity, ...]:
    entities = []
    for kind in KINDS:
        for number, item in enumerate(data.get(kind, []), start=1):
            if not isinstance(item, dict) or not item.get("name"):
                problems.append(f"{where}: {kind} #{number} has no name, ignored")
                continue
            aliases = tuple(str(a) for a in item.get("aliases", []) if str(a).strip())
            entities.append(Entity(kind, str(item["name"]), aliases))
    return tuple(entities)


def _alias_index(entities: tuple[Entity, ...], where: str, problems: list[str]) -> dict:
    index: dict[str, Entity] = {}
    for entity in entities:
        for alias in (entity.name, *entity.aliases):
            key = alias_key(alias, is_exact(alias))
            other = index.get(key)
            if other is not None and other.name != entity.name:
                problems.append(
                    f"{where}: alias {alias!r} of {entity.name} already means "
                    f"{other.name}; kept for {other.name}"
                )
                continue
            index[key] = entity
    return index


def build_knowledge(
    topics_data: dict,
    entities_data: dict,
    options: Options,
    where: tuple[str, str] = ("topics", "registry"),
) -> Knowledge:
    """Knowledge from parsed TOML data (usable in tests without files)."""
    problems: list[str] = []
    topics = load_topics(topics_data, where[0], problems)
    entities = load_entities(entities_data, where[1], problems)
    index = _alias_index(entities, where[1], problems)
    exact = [a for a in index if is_exact(a)]
    folded = [a for a in index if not is_exact(a)]
    return Knowledge(
        topics=topics,
        topic_phrases=phrase_pattern([p for t in topics for p in (*t.phrases, *t.exclude)]),
        entities=entities,
        exact_aliases=phrase_pattern(exact, 0),
        folded_aliases=phrase_pattern(folded, re.I),
        alias_index=index,
        default_source=options.default_source,
        words_per_minute=options.words_per_minute,
        problems=tuple(problems),
    )


def load_knowledge(options: Options) -> Knowledge:
    """Read the topic file and the registry named in the settings (missing files: no rules)."""
    problems: list[str] = []
    topics_path = Path(options.content_dir, options.topics_file)
    registry_path = Path(options.content_dir, options.registry_file)
    topics_data = _read_toml(topics_path, problems)
    entities_data = _read_toml(registry_path, problems)
    knowledge = build_knowledge(
        topics_data, entities_data, options, (str(topics_path), str(registry_path))
    )
    if problems:
        knowledge = replace(knowledge, problems=tuple(problems) + knowledge.problems)
    return knowledge
