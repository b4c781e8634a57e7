"""The article's own lines as Markdown: paragraphs (split ones joined again), subheadings, lists,
block quotes; chrome inside the article (ads, captions, "Also read") taken out with a reason."""

from __future__ import annotations

import re

from ..model import Removed
from .blocks import is_caption, is_prose
from .lines import BULLET, Line, continues

# The chrome reasons not trusted on a line that reads like prose: short-label patterns and the
# glued-menu shape give them to a sentence too (one with a few CamelCase brand names). Every
# other reason (a whole-line pattern, a share bar, a bracketed note, a caption's credit) holds.
WEAK = frozenset({"navigation", "reading time"})
# Labels whose next line, when it is a bare headline, is the story they link to.
LINK_LABELS = frozenset({"related stories", "also read"})
KEEP_SHORT = True
LINKED_WORDS = 20  # longest headline a label links to
BOX_LABEL_WORDS = 3  # "Most read", "Trending now": a label over a box, not a heading
# A label that carries its own headline ("See also: <headline>"): the next line is not its link.
CARRIES_LINK = re.compile(r"[:>»|–—]\s*\S+(\s+\S+){2}")
NUMBERED = re.compile(r"(\d{1,3})\. ")  # an item of a numbered list
STAR_BULLET = re.compile(r"[*+] (?=\S)")
MARKDOWN_PREFIX = re.compile(r"\A(#{1,6} |> ?|[-*+] |\d{1,3}\. )")


def drop_reason(lines: list[Line], i: int) -> str:
    """Why a line inside the article span is not article text ("" when it is)."""
    line = lines[i]
    if line.text.startswith("## "):
        return ""
    if line.chrome and (line.chrome not in WEAK or not is_prose(line)):
        return line.chrome
    if line.date and not is_prose(line):
        return "date"
    if line.byline and not is_prose(line):
        return "byline"
    if is_caption(lines, i):
        return "photo caption"
    return linked_headline(lines, i)


def linked_headline(lines: list[Line], i: int) -> str:
    """The label's reason when lines[i] is a headline it links to: the line right under a
    "Related:" label, or any item of a numbered run of headlines under a short "Most read"
    label (a box of other stories; a longer label may head a list of the article's own)."""
    line = lines[i]
    if not i or line.sentence or line.words > LINKED_WORDS:
        return ""
    label, numbered = lines[i - 1], NUMBERED.match(line.text)
    if label.chrome in LINK_LABELS and not CARRIES_LINK.search(label.text):
        if not (numbered and label.words > BOX_LABEL_WORDS):
            return label.chrome  # a longer label over a numbered list: its first item stays too
    if not numbered:
        return ""
    j = i
    while j > 1 and NUMBERED.match(lines[j - 1].text) and not lines[j - 1].sentence:
        j -= 1
    above = lines[j - 1]
    if j < i and above.chrome == "related stories" and above.words <= BOX_LABEL_WORDS:
        return above.chrome
    return ""


def render_line(lines: list[Line], i: int, end: int) -> str:
    """The Markdown for a kept line, or "" when a short line is neither heading nor sentence."""
    line = lines[i]
    text = line.text
    if STAR_BULLET.match(text):
        return "- " + text[2:]  # one bullet mark, so that the items join into one list
    if MARKDOWN_PREFIX.match(text):
        return text
    if line.bullet:
        return "- " + BULLET.sub("", text, count=1)
    if is_prose(line) or line.sentence:
        return text
    if heading_like(lines, i, end):
        return "## " + text
    return text if KEEP_SHORT and not line.repeated else ""


def dropped(line: Line) -> bool:
    """Lines the body never shows, whatever their neighbours: chrome and repeated labels."""
    return bool(line.chrome) or (line.repeated and not is_prose(line))


def heading_like(lines: list[Line], i: int, end: int) -> bool:
    line = lines[i]
    if not 1 <= line.words <= 15 or line.repeated:
        return False
    if line.words == 1 and not line.text.isupper():
        return False
    prev = next((x for x in reversed(lines[max(0, i - 5) : i]) if not dropped(x)), None)
    if prev is not None and not is_prose(prev) and not prev.text.startswith("#"):
        return False  # inside a run of short lines: a list, not a heading
    nxt = next((x for x in lines[i + 1 : end] if not dropped(x)), None)
    return nxt is not None and is_prose(nxt)


def join_blocks(paragraphs: list[str]) -> str:
    """The body: paragraphs apart by a blank line, the items of one list on consecutive lines."""
    out = ""
    for para in paragraphs:
        if out:
            out += "\n" if same_list(out.rsplit("\n", 1)[-1], para) else "\n\n"
        out += para
    return out


def same_list(last: str, para: str) -> bool:
    """True when `para` is the next item of the list `last` ends: a bullet after a bullet, or
    the number after the last one (a list the page printed with blank lines between items)."""
    if para.startswith("- "):
        return last.startswith("- ")
    this, prev = NUMBERED.match(para), NUMBERED.match(last)
    return bool(this and prev) and int(this.group(1)) == int(prev.group(1)) + 1


def join_split(paragraphs: list[str]) -> list[str]:
    out: list[str] = []
    for para in paragraphs:
        if out and continues(out[-1], para):
            out[-1] = f"{out[-1]} {para}"
        else:
            out.append(para)
    return out


def render_body(
    lines: list[Line], begin: int, end: int, taken: frozenset[int] = frozenset()
) -> tuple[list[str], list[tuple[int, Removed]]]:
    """Markdown paragraphs of lines[begin:end] and the lines dropped among them (by index)."""
    paragraphs: list[str] = []
    removed: list[tuple[int, Removed]] = []
    shown: list[int] = []
    seen_prose = False
    for i in range(begin, end):
        if i in taken:
            continue  # headline, deck or byline
        line = lines[i]
        reason = drop_reason(lines, i)
        text = "" if reason else render_line(lines, i, end)
        if text and not seen_prose and not is_prose(line) and not text.startswith("#"):
            reason = "navigation" if not line.sentence else ""
            text = "" if reason else text
        if not text:
            removed.append((i, Removed(line.text, reason or "navigation")))
            continue
        seen_prose = seen_prose or is_prose(line)
        paragraphs.append(text)
        shown.append(i)
    if all(p.startswith("#") for p in paragraphs):  # headings with no text under them
        removed += [(i, Removed(lines[i].text, "navigation")) for i in shown]
        return [], sorted(removed, key=lambda x: x[0])
    return join_split(paragraphs), removed
