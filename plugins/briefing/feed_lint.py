"""Our RSS 2.0 lint: the rules a feed reader relies on, each problem as one readable line.

Checks: well-formed XML, required channel and item elements, absolute links, an atom:link
rel="self" equal to the feed's own URL, unique GUIDs that are not permalinks, RFC 822 dates,
items newest first. Run: python -m briefing.feed_lint FILE [FEED_URL].
"""

from __future__ import annotations

import re
import sys
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
CHANNEL_REQUIRED = ("title", "link", "description")
ITEM_REQUIRED = ("title", "link", "guid", "pubDate", "description")
# RFC 822 section 5 (with RSS's four-digit years): [day ","] date time zone
_RFC822 = re.compile(
    r"^(?:(?P<wday>Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?"
    r"\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}(?::\d{2})? "
    r"(?:UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z]|[+-]\d{4})$"
)


def is_absolute_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def rfc822_problem(text: str) -> str:
    """'' when `text` is an RFC 822 date whose weekday (if given) is right, else why not."""
    match = _RFC822.match(text or "")
    if not match:
        return f"not an RFC 822 date: {text!r}"
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return f"not a real date: {text!r}"
    if match["wday"] and when.strftime("%a") != match["wday"]:
        return f"weekday does not match the date: {text!r}"
    return ""


def lint_rss(data: bytes, feed_url: str | None = None) -> list[str]:
    """Every problem found in an RSS document; an empty list means it passes."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as err:
        return [f"not well-formed XML: {err}"]
    if root.tag != "rss" or root.get("version") != "2.0":
        return [f"root is <{root.tag}> version {root.get('version')!r}, not <rss version='2.0'>"]
    channels = root.findall("channel")
    if len(channels) != 1:
        return [f"{len(channels)} <channel> elements, RSS needs exactly one"]
    channel = channels[0]
    problems = channel_problems(channel, feed_url)
    items = channel.findall("item")
    for n, item in enumerate(items, 1):
        problems += [f"item {n}: {p}" for p in item_problems(item)]
    problems += guid_problems(items) + order_problems(items)
    return problems


def _text(parent: etree._Element, tag: str) -> str | None:
    node = parent.find(tag)
    return None if node is None else (node.text or "")


def channel_problems(channel: etree._Element, feed_url: str | None) -> list[str]:
    problems = [f"channel: no <{tag}>" for tag in CHANNEL_REQUIRED if not _text(channel, tag)]
    link = _text(channel, "link")
    if link and not is_absolute_url(link):
        problems.append(f"channel: <link> is not an absolute URL: {link!r}")
    problems += self_link_problems(channel, feed_url)
    for tag in ("lastBuildDate", "pubDate"):
        value = _text(channel, tag)
        if value is not None and (why := rfc822_problem(value)):
            problems.append(f"channel: <{tag}> {why}")
    if not _text(channel, "language"):
        problems.append("channel: no <language>")
    return problems


def self_link_problems(channel: etree._Element, feed_url: str | None) -> list[str]:
    selves = [ln for ln in channel.findall(f"{{{ATOM}}}link") if ln.get("rel") == "self"]
    if len(selves) != 1:
        return [f"channel: {len(selves)} atom:link rel='self', needs exactly one"]
    href = selves[0].get("href", "")
    if not is_absolute_url(href):
        return [f"channel: atom:link rel='self' is not absolute: {href!r}"]
    if feed_url is not None and href != feed_url:
        return [f"channel: atom:link rel='self' is {href!r}, the feed is at {feed_url!r}"]
    if href == _text(channel, "link"):
        return ["channel: <link> is the feed itself, not the site"]
    return []


def item_problems(item: etree._Element) -> list[str]:
    problems = [f"no <{tag}>" for tag in ITEM_REQUIRED if not _text(item, tag)]
    link = _text(item, "link")
    if link and not is_absolute_url(link):
        problems.append(f"<link> is not an absolute URL: {link!r}")
    guid = item.find("guid")
    if guid is not None and guid.get("isPermaLink") != "false":
        problems.append('<guid> lacks isPermaLink="false" (it is an id, not a URL)')
    pub = _text(item, "pubDate")
    if pub and (why := rfc822_problem(pub)):
        problems.append(f"<pubDate> {why}")
    return problems


def guid_problems(items: list[etree._Element]) -> list[str]:
    seen: dict[str, int] = {}
    problems = []
    for n, item in enumerate(items, 1):
        guid = (_text(item, "guid") or "").strip()
        if guid and guid in seen:
            problems.append(f"item {n}: guid {guid!r} repeats item {seen[guid]}")
        seen.setdefault(guid, n)
    return problems


def order_problems(items: list[etree._Element]) -> list[str]:
    dates: list[datetime] = []
    for item in items:
        try:
            when = parsedate_to_datetime(_text(item, "pubDate") or "")
        except (TypeError, ValueError):
            return []  # already reported as a bad date
        dates.append(when if when.tzinfo else when.replace(tzinfo=UTC))
    return [
        f"item {n + 2} is newer than item {n + 1}: items must be newest first"
        for n in range(len(dates) - 1)
        if dates[n + 1] > dates[n]
    ]


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m briefing.feed_lint FILE [FEED_URL]", file=sys.stderr)
        return 2
    with open(argv[0], "rb") as fh:
        problems = lint_rss(fh.read(), argv[1] if len(argv) > 1 else None)
    for problem in problems:
        print(f"{argv[0]}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
