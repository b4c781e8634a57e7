"""Topics of an article from the topic file's rules; an editor's `Topics:` line overrides."""

from __future__ import annotations

from collections import Counter

from .knowledge import Knowledge, fold


def match_topics(text: str, knowledge: Knowledge) -> tuple[str, ...]:
    """Slugs of every topic whose phrases occur at least `min_hits` times and none of whose
    `exclude` phrases occur, in the topic file's order."""
    if knowledge.topic_phrases is None:
        return ()
    seen: Counter[str] = Counter()
    for phrase, count in Counter(knowledge.topic_phrases.findall(text)).items():
        seen[fold(phrase)] += count  # each spelling folded once, however often it comes
    slugs = []
    for topic in knowledge.topics:
        if not topic.phrases or any(seen[p] for p in topic.exclude):
            continue
        if sum(seen[p] for p in topic.phrases) >= max(1, topic.min_hits):
            slugs.append(topic.slug)
    return tuple(slugs)


def header_topics(value: str, knowledge: Knowledge) -> tuple[tuple[str, ...], list[str]]:
    """Slugs from a `Topics:` header (slugs or topic names, comma-separated) and warnings for
    the ones the topic file does not define."""
    by_name = {t.name.casefold(): t.slug for t in knowledge.topics}
    known = {t.slug for t in knowledge.topics}
    slugs, warnings = [], []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        slug = part if part in known else by_name.get(part.casefold(), part)
        if slug not in known and knowledge.topics:
            warnings.append(f"topic {part!r} in the Topics: line is not in the topic file")
        if slug not in slugs:
            slugs.append(slug)
    return tuple(slugs), warnings
