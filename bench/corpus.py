"""Deterministic synthetic corpora for the benchmark: raw messy pastes and the same articles as
clean Markdown (for plain Pelican) and Hugo content.

Every word is generated here from syllables (seeded), so the corpus is ours and reproducible.
The raw pastes have the shapes of the sample digest: site chrome, a headline, a byline with a
date, a dateline, captions, "Also read" links, an advertisement marker, share labels, a comment
widget and teasers of other posts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SYLLABLES = (
    "ka ro mi ten sal vor da lin qu esh ar bo ne ti ul ma ser gan fi lo rak han pe zu dor "
    "mel tu is ob ra ven chi al pri sto nu gel fa wen"
).split()
CITIES = ("Kabul", "Islamabad", "Doha", "Tashkent", "Moscow", "Beijing", "Tehran", "Delhi")
OUTLETS = ("The Daily Ledger", "Frontier Post Online", "Regional Wire", "Capital Observer")
CHROME = ("Skip to main content", "Home | World | Region | Opinion | Business | Sport", "Search")
COMMENTS = (
    "Comments",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Post Comment",
)
TOPIC_COUNT = 8


@dataclass(frozen=True)
class Article:
    """One generated article: what a clean copy and a raw paste are made from."""

    slug: str
    title: str
    author: str
    outlet: str
    city: str
    day: date
    paragraphs: tuple[str, ...]
    teasers: tuple[str, ...]
    caption: str


@dataclass(frozen=True)
class World:
    """The fixed vocabulary of a corpus: words, topic phrases, people."""

    words: tuple[str, ...]
    topics: tuple[tuple[str, str, tuple[str, ...]], ...]  # slug, name, phrases
    people: tuple[tuple[str, tuple[str, ...]], ...]  # canonical name, aliases


def make_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3))))


def make_world(seed: int) -> World:
    rng = random.Random(seed)
    words = tuple(sorted({make_word(rng) for _ in range(3000)}))
    topics = []
    for i in range(TOPIC_COUNT):
        name = f"{make_word(rng).title()} {rng.choice(('accord', 'talks', 'summit', 'process'))}"
        phrases = (name, f"{make_word(rng).title()} {make_word(rng).title()} envoy")
        topics.append((f"topic-{i}-{name.split()[0].lower()}", name, phrases))
    people = []
    for _ in range(40):
        first, last = make_word(rng).title(), make_word(rng).title()
        people.append((f"{first} {last}", (last, f"Minister {last}")))
    return World(words, tuple(topics), tuple(people))


def sentence(rng: random.Random, world: World, extra: str = "") -> str:
    words = [rng.choice(world.words) for _ in range(rng.randint(8, 22))]
    if extra:
        words.insert(rng.randint(1, len(words) - 1), extra)
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(world.people)[0])
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_article(index: int, world: World, seed: int, words: int = 600) -> Article:
    rng = random.Random(seed * 1_000_003 + index)
    topic = world.topics[rng.randrange(len(world.topics))]
    mentions = [topic[2][k % 2] for k in range(rng.randint(2, 4))]
    paragraphs: list[str] = []
    count = 0
    while count < words:
        extra = mentions.pop() if mentions and rng.random() < 0.5 else ""
        size = rng.randint(2, 4)
        para = " ".join(sentence(rng, world, extra if k == 0 else "") for k in range(size))
        paragraphs.append(para)
        count += len(para.split())
    if mentions:
        paragraphs[-1] += " " + " ".join(sentence(rng, world, m) for m in mentions)
    title = " ".join(rng.choice(world.words) for _ in range(rng.randint(5, 9)))
    title = f"{topic[1]}: {title[0].upper()}{title[1:]}"
    first, last = make_word(rng).title(), make_word(rng).title()
    return Article(
        slug=f"a{index:05d}-{title.split(':')[1].split()[0].lower()}",
        title=title,
        author=f"{first} {last}",
        outlet=rng.choice(OUTLETS),
        city=rng.choice(CITIES),
        day=date(2015, 1, 1) + timedelta(days=rng.randrange(3650)),
        paragraphs=tuple(paragraphs),
        teasers=tuple(sentence(rng, world)[:-1] for _ in range(3)),
        caption=sentence(rng, world),
    )


def raw_paste(article: Article, rng: random.Random, headers: bool = False) -> str:
    """The article as an editor's browser would paste it: wrapped in the page around it.
    With `headers`, the editor also typed Title: and Date: lines on top."""
    stamp = article.day.strftime("%B %-d, %Y")
    parts = [f"Title: {article.title}\nDate: {article.day.isoformat()}"] if headers else []
    parts += list(CHROME) + [f"World > Region > {article.title}", article.title, ""]
    parts.append(f"By {article.author} | {article.outlet} | Published {stamp}")
    first = f"{article.city.upper()}: {article.paragraphs[0]}"
    body = [first, *article.paragraphs[1:]]
    for i, para in enumerate(body):
        parts.append(para)
        if i == 1:
            parts += [article.caption, f"Photo: {article.outlet}"]
        if i == 2:
            parts.append(f"Also read: {article.teasers[0]}")
        if i == len(body) // 2:
            parts.append("Advertisement")
    parts += ["Share this:", "Facebook", "Twitter", "WhatsApp", *COMMENTS, "Related posts"]
    parts += [f"{t}\n{stamp}" for t in article.teasers]
    parts.append(f"© {article.day.year} {article.outlet}. All rights reserved.")
    text = "\n\n".join(parts) + "\n"
    return text.replace("\n", "\r\n") if rng.random() < 0.1 else text


def clean_markdown(article: Article) -> str:
    """The same article as clean Markdown with Pelican metadata."""
    head = (
        f"Title: {article.title}\nDate: {article.day.isoformat()}\nAuthor: {article.author}\n"
        f"Slug: {article.slug}\n\n"
    )
    return head + f"{article.city.upper()}: " + "\n\n".join(article.paragraphs) + "\n"


def hugo_markdown(article: Article) -> str:
    title = article.title.replace('"', "'")
    head = f'---\ntitle: "{title}"\ndate: {article.day.isoformat()}\n'
    head += f'slug: "{article.slug}"\n---\n\n'
    return head + f"{article.city.upper()}: " + "\n\n".join(article.paragraphs) + "\n"


def topics_toml(world: World) -> str:
    out = []
    for slug, name, phrases in world.topics:
        quoted = ", ".join(f'"{p}"' for p in phrases)
        out.append(
            f'[[topic]]\nslug = "{slug}"\nname = "{name}"\n'
            f'description = "Generated topic {name}."\nany = [{quoted}]\nmin_hits = 2\n'
        )
    return "\n".join(out)


def entities_toml(world: World) -> str:
    out = []
    for name, aliases in world.people:
        quoted = ", ".join(f'"{a}"' for a in aliases)
        out.append(f'[[person]]\nname = "{name}"\naliases = [{quoted}]\n')
    for city in CITIES:
        out.append(f'[[place]]\nname = "{city}"\naliases = []\n')
    return "\n".join(out)


def write_corpus(root: Path, size: int, seed: int = 1, headers: bool = False) -> dict[str, Path]:
    """Write `size` articles as raw pastes, clean Markdown and Hugo content under `root`."""
    world = make_world(seed)
    raw, md, hugo = root / "raw", root / "md", root / "hugo" / "content" / "posts"
    for folder in (raw, md, hugo):
        folder.mkdir(parents=True, exist_ok=True)
    (raw / "topics.toml").write_text(topics_toml(world), encoding="utf-8")
    (raw / "entities.toml").write_text(entities_toml(world), encoding="utf-8")
    for i in range(size):
        article = make_article(i, world, seed)
        rng = random.Random(seed + i)
        (raw / f"{article.slug}.txt").write_text(raw_paste(article, rng, headers), encoding="utf-8")
        (md / f"{article.slug}.md").write_text(clean_markdown(article), encoding="utf-8")
        (hugo / f"{article.slug}.md").write_text(hugo_markdown(article), encoding="utf-8")
    return {"raw": raw, "md": md, "hugo": root / "hugo"}


def one_raw_article(words: int, seed: int = 7, index: int = 0) -> str:
    """A single raw paste with a body of about `words` words (for per-article timings)."""
    world = make_world(seed)
    article = make_article(index, world, seed, words=words)
    return raw_paste(article, random.Random(seed))
