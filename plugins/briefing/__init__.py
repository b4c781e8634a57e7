"""Briefing: a Pelican plugin that turns raw pasted articles into a curated digest.

register() wires the pipeline into Pelican, in the order the data flows.
"""

from __future__ import annotations

from pelican import signals

from . import dedupe, guard, markdown_records, membership, readahead, report, writer
from .feeds import on_generators_finalized
from .pages import get_generators, install_template_helpers
from .reader import RawTextReader, SavedPageReader
from .search import on_initialized as start_search


def add_readers(readers) -> None:
    for reader_class in (RawTextReader, SavedPageReader):
        for ext in reader_class.file_extensions:
            readers.reader_classes[ext] = reader_class


def register() -> None:
    signals.readers_init.connect(add_readers)
    signals.article_generator_init.connect(readahead.on_article_generator_init)
    signals.get_writer.connect(writer.get_writer)
    signals.content_object_init.connect(guard.make_safe)
    signals.article_generator_pretaxonomy.connect(readahead.on_articles_read)
    signals.article_generator_pretaxonomy.connect(markdown_records.add_records)
    signals.article_generator_pretaxonomy.connect(dedupe.on_pretaxonomy)
    signals.article_generator_finalized.connect(membership.on_article_generator_finalized)
    signals.all_generators_finalized.connect(report.on_generators_finalized)
    signals.all_generators_finalized.connect(readahead.forget_listings)
    signals.all_generators_finalized.connect(on_generators_finalized)
    signals.generator_init.connect(install_template_helpers)
    signals.get_generators.connect(get_generators)
    signals.initialized.connect(start_search)
