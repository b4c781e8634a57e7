"""Pure: raw pasted text -> CleanedArticle (body as Markdown, removed blocks with reasons).

Placeholder rules; the full cleaner replaces this module.
"""

from __future__ import annotations

import re

from .model import CleanedArticle, Removed

_CHROME = re.compile(r"^(skip to (main )?content|menu|home|search|share|advertisement)$", re.I)


def clean(text: str) -> CleanedArticle:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    kept: list[str] = []
    removed: list[Removed] = []
    for block in blocks:
        if _CHROME.match(block):
            removed.append(Removed(block, "navigation"))
        else:
            kept.append(" ".join(line.strip() for line in block.split("\n")))
    title = ""
    if kept and len(kept[0]) < 150 and not kept[0].endswith("."):
        title = kept.pop(0)
    return CleanedArticle(body="\n\n".join(kept), removed=tuple(removed), title=title)
