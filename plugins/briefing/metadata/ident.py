"""The stable id of an article: from its own words, so a rename of the file, a fix of its title
or of its date, or a change of the site chrome around it keeps the same id (feeds use it as
GUID)."""

from __future__ import annotations

import hashlib
import re


def stable_id(body: str) -> str:
    """Hash of the first 80 words of the body, case-folded, punctuation and markup ignored."""
    words = re.findall(r"\w+", body.casefold())[:80]
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]
