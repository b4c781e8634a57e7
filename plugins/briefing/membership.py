"""Pelican glue: Pelican's category and author pages pick each one's articles from all dates with
`article in articles`, a list scan per article (quadratic: 3 s at 10,000 articles in one
category, even with those pages switched off). The lists are given a set to look in; their
items and order stay as they are."""

from __future__ import annotations


class Members(list):
    """A list of content objects whose `in` is a set lookup. Pelican's contents have no __eq__,
    so `in` on a list is identity, which is what the set of ids answers."""

    def __init__(self, items=()) -> None:
        super().__init__(items)
        self._ids = {id(item) for item in self}

    def __contains__(self, item) -> bool:
        return id(item) in self._ids


def on_article_generator_finalized(generator) -> None:
    """article_generator_finalized receiver: the lists are complete; nothing appends to them
    later (a list that changed would be left as it is)."""
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):
            pairs[:] = [(key, Members(items)) for key, items in pairs]
