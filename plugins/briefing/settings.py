"""Every BRIEFING_* setting in one table: name, default, and a help line (documented in README)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("BRIEFING_TOPICS_FILE", "topics.toml", "Topic file, relative to the content folder."),
    ("BRIEFING_REGISTRY_FILE", "entities.toml", "Entity registry, relative to the content folder."),
    ("BRIEFING_DEFAULT_SOURCE", "", "Outlet used when a paste names none."),
    ("BRIEFING_FEED_ITEMS", 50, "Number of items in each feed."),
    ("BRIEFING_PER_PAGE", 20, "Latest articles on a topic or entity page (all: by year)."),
    ("BRIEFING_ENTITY_MIN_MENTIONS", 2, "Articles that must mention an entity for its page."),
    ("BRIEFING_STRICT", False, "Fail the build on any warning (for CI of editors)."),
    ("BRIEFING_CACHE_DIR", ".briefing-cache", "Where cleaning and metadata results are cached."),
    ("BRIEFING_SEARCH", True, "Build the Pagefind search index."),
    ("BRIEFING_SEARCH_SHARD_PAGES", 400, "Most article pages per search shard, on average."),
    ("BRIEFING_WORDS_PER_MINUTE", 230, "Reading speed used for reading time."),
    ("BRIEFING_JOBS", 0, "Processes that clean and extract uncached files (0: one per core)."),
)


# The log record attribute of a warning that follows from the content or the settings alone
# (a slug clash, a broken topic entry): the next build of the same inputs says it again, so the
# build is kept for them (build.py's stamp); any other warning (a cache or index that failed)
# makes the next build run in full.
FROM_INPUTS = "briefing_from_inputs"


def from_inputs() -> dict[str, bool]:
    """`extra=` for logger.warning: the warning follows from the build's inputs alone."""
    return {FROM_INPUTS: True}


def defaults() -> dict[str, Any]:
    return {name: value for name, value, _ in SETTINGS}


def get(settings: Mapping[str, Any], name: str) -> Any:
    """A setting's value from Pelican's settings, else its default."""
    return settings.get(name, defaults()[name])


@dataclass(frozen=True)
class Options:
    """The settings that shape reading and metadata; part of the cache key."""

    content_dir: str = "content"
    topics_file: str = "topics.toml"
    registry_file: str = "entities.toml"
    default_source: str = ""
    words_per_minute: int = 230

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Options:
        return cls(
            content_dir=str(settings.get("PATH", "content")),
            topics_file=get(settings, "BRIEFING_TOPICS_FILE"),
            registry_file=get(settings, "BRIEFING_REGISTRY_FILE"),
            default_source=get(settings, "BRIEFING_DEFAULT_SOURCE"),
            words_per_minute=int(get(settings, "BRIEFING_WORDS_PER_MINUTE")),
        )
