"""Deterministic synthetic corpora for the benchmark: raw messy pastes and the same articles as
clean Markdown (for plain Pelican) and Hugo content.

Every word is generated here from syllables (seeded), so the corpus is ours and reproducible.
The raw pastes have the shapes of the sample digest and of real pastes: each outlet has its own
chrome (menus, breadcrumbs, cookie notes, byline and dateline forms, photo credits, share labels,
newsletter boxes, comment widgets, related teasers, footers), and the story text holds what
real stories hold: straight or curly quotes, paragraphs that open with a quote or a number,
figures, company names with '&', the odd subheading, a short bullet list, a paragraph that the
page's layout split in two.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

SYLLABLES = (
    "ka ro mi ten sal vor da lin qu esh ar bo ne ti ul ma ser gan fi lo rak han pe zu dor "
    "mel tu is ob ra ven chi al pri sto nu gel fa wen"
).split()
CITIES = ("Kabul", "Islamabad", "Doha", "Tashkent", "Moscow", "Beijing", "Tehran", "Delhi")
TOPIC_COUNT = 8
SAYS = ("said", "told reporters", "said on Monday", "wrote in a statement", "added")
UNITS = ("percent", "million", "people", "days", "kilometres", "tonnes", "delegates")


@dataclass(frozen=True)
class Outlet:
    """How one publisher's page wraps a story: the parts an editor's paste drags along. The
    formats take {outlet}, {author}, {date}, {time}, {city}, {CITY}, {short} and {year}."""

    name: str
    header: tuple[str, ...]  # lines above the headline
    byline: tuple[str, ...]  # lines between the headline and the story
    date: str  # strftime format of {date}
    dateline: str  # what opens the first paragraph
    quotes: str  # the opening and closing quote marks it prints
    bullet: str
    credit: str  # under a photo caption
    inline: tuple[str, ...]  # labels inside the story, before a teaser ("" for none)
    share: tuple[str, ...]
    after: tuple[str, ...]  # lines after the story: sign-off, newsletter box, comments
    related: str
    footer: tuple[str, ...]
    teasers: int = 3  # under `related`
    most_read: str = ""  # the label of a numbered box of headlines
    latest: str = ""  # the label of a box of the newest headlines, not numbered
    comments: int = 0  # readers' comments shown
    sections: tuple[str, ...] = ()  # its menu


MENU, PIPE_MENU = "\x00menu", "\x00pipe"  # the outlet's sections, one a line or in one line
SECTIONS = (
    "Home World Region Politics Business Economy Markets Sport Opinion Culture Science Health "
    "Technology Education Travel Lifestyle Video Podcasts Weather Local Analysis Latest"
).split()
KINDS = ("Times", "Post", "Herald", "Wire", "Courier", "Observer", "Ledger", "Tribune", "Daily")
OUTLET_COUNT = 24  # a digest's sources: each style below is worn by several, with their names
STYLES = (
    Outlet(
        name="",
        header=(
            "Skip to main content",
            "{outlet}",
            MENU,
            "Login",
            "Subscribe",
        ),
        byline=("By {author} | {outlet} | Published {date}",),
        date="%B %-d, %Y",
        dateline="{CITY}: ",
        quotes="\u201c\u201d",
        bullet="\u2022",
        credit="Photo: {outlet}",
        inline=("Also read: ",),
        share=("Share this:", "Facebook", "Twitter", "WhatsApp"),
        after=(
            "Comments",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Post Comment",
        ),
        related="Related posts",
        footer=(
            "About Us",
            "Contact Us",
            "Advertise With Us",
            "Privacy Policy",
            "Terms and Conditions",
            "\u00a9 {year} {outlet}. All rights reserved.",
        ),
        teasers=4,
        comments=2,
        latest="Latest News",
    ),
    Outlet(
        name="",
        header=(
            "{outlet}",
            PIPE_MENU,
            "Cookies help this site remember your settings. Read our cookie policy to learn "
            "more. Accept",
        ),
        byline=("{date}, {time}",),
        date="%b %-d, %Y",
        dateline="{CITY}, {short} ({outlet}) - ",
        quotes='""',
        bullet="-",
        credit="({outlet})",
        inline=("",),
        share=("Share", "Facebook Twitter LinkedIn Email"),
        after=("Reporting by {author}; editing by the regional desk", "Our Standards"),
        related="Related Coverage",
        footer=("Market figures are shown with a short delay.", "\u00a9 {year} {outlet}"),
        teasers=5,
        most_read="Most Read",
    ),
    Outlet(
        name="",
        header=(
            "Skip to content",
            "{outlet}",
            PIPE_MENU,
            "Home > Region > {city}",
        ),
        byline=("By {author}", "{date}"),
        date="%d %B %Y",
        dateline="",
        quotes="\u201c\u201d",
        bullet="\u2022",
        credit="Photo: File",
        inline=("RELATED: ", ""),
        share=("Share on Facebook", "Share on Twitter", "Copy link"),
        after=(
            "{author} reports on {city} and the region for the {outlet}.",
            "Sign up for our newsletter",
            "The week's most read stories, every Friday in your inbox.",
            "Email address",
            "Sign up",
            "Comments ({comments})",
        ),
        related="More from {outlet}",
        footer=("About us | Contact | Privacy Policy | Terms of Use", "\u00a9 {year} {outlet}"),
        comments=3,
        latest="Editor's Picks",
    ),
    Outlet(
        name="",
        header=("Menu", "Search", "{outlet}", MENU, "E-Paper", "Sign in"),
        byline=("{author}", "Updated {date} {time}", "5 min read"),
        date="%d %b %Y",
        dateline="{CITY} \u2013 ",
        quotes="\u2018\u2019",
        bullet="\u2022",
        credit="Photo courtesy {outlet}",
        inline=("Read more: ", "Also read: "),
        share=("Share", "Tweet", "Email", "Print"),
        after=(
            "Download the {outlet} app for the latest news",
            "Have your say",
            "Comments are closed.",
        ),
        related="You may also like",
        footer=("Copyright {year} {outlet}",),
        teasers=6,
        most_read="Trending",
    ),
    Outlet(
        name="",
        header=("{outlet}", "Sections", MENU, "Today's Paper", "Subscribe now", "Log in"),
        byline=("{author}, Staff Reporter", "Published: {date} | Updated: {time}"),
        date="%A, %B %-d, %Y",
        dateline="{city}: ",
        quotes='""',
        bullet="*",
        credit="Credit: {outlet} archive",
        inline=("Recommended: ", ""),
        share=("Share this article", "Facebook", "X", "Email", "Copy link"),
        after=(
            "Get the morning briefing",
            "Every weekday, the news you need before nine.",
            "Sign up",
        ),
        related="Read next",
        footer=("{outlet} \u00a9 {year}", "Contact us", "Advertise", "Careers", "Help"),
        teasers=4,
        most_read="Most Popular",
    ),
    Outlet(
        name="",
        header=("Skip to main content", "{outlet}", MENU, "Newsletters"),
        byline=("Posted on {date} by {author}",),
        date="%Y-%m-%d",
        dateline="{CITY}: ",
        quotes="\u201c\u201d",
        bullet="\u25aa",
        credit="Image: {outlet}",
        inline=("See also: ",),
        share=("Spread the word", "Facebook", "Twitter", "Telegram"),
        after=("Tags: {city}, region, diplomacy", "Leave a comment", "Cancel reply"),
        related="Related Articles",
        footer=("Proudly serving readers since 1998", "\u00a9 {year} {outlet}"),
        teasers=5,
        comments=2,
        latest="Recent Posts",
    ),
)


@dataclass(frozen=True)
class Article:
    """One generated article: what a clean copy and a raw paste are made from. `blocks` are its
    text as Markdown: paragraphs, '## ' subheadings and '- ' or '1. ' lists."""

    slug: str
    title: str
    author: str
    outlet: Outlet
    city: str
    day: date
    blocks: tuple[str, ...]
    teasers: tuple[str, ...]
    caption: str
    split: int  # the paragraph the page's layout split in two (-1: none)
    most_read: tuple[str, ...] = ()  # headlines of other stories
    comments: tuple[tuple[str, str], ...] = ()  # readers' names and words


@dataclass(frozen=True)
class World:
    """The fixed vocabulary of a corpus: words, topic phrases, people, companies, outlets."""

    words: tuple[str, ...]
    topics: tuple[tuple[str, str, tuple[str, ...]], ...]  # slug, name, phrases
    people: tuple[tuple[str, tuple[str, ...]], ...]  # canonical name, aliases
    firms: tuple[str, ...]  # 'Word & Word' names
    outlets: tuple[Outlet, ...]


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
    firms = tuple(f"{make_word(rng).title()} & {make_word(rng).title()}" for _ in range(12))
    outlets = tuple(
        replace(
            STYLES[i % len(STYLES)],
            name=f"{make_word(rng).title()} {rng.choice(KINDS)}",
            sections=tuple(rng.sample(SECTIONS, rng.randint(4, 8))),
        )
        for i in range(OUTLET_COUNT)
    )
    return World(words, tuple(topics), tuple(people), firms, outlets)


def figure(rng: random.Random) -> str:
    """A number as stories print them: 14, 8,600, 2.5 percent, $3 million."""
    kind = rng.randrange(4)
    if kind == 0:
        return str(rng.randint(2, 99))
    if kind == 1:
        return f"{rng.randint(1, 99) * 100:,}"
    if kind == 2:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)} percent"
    return f"${rng.randint(2, 900)} million"


def phrase(rng: random.Random, world: World, low: int = 8, high: int = 22) -> list[str]:
    words = [rng.choice(world.words) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.3:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(world.people)[0])
    if rng.random() < 0.25:
        words.insert(rng.randint(1, len(words) - 1), figure(rng))
    if rng.random() < 0.04:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(world.firms))
    return words


def sentence(rng: random.Random, world: World, extra: str = "") -> str:
    words = phrase(rng, world)
    if extra:
        words.insert(rng.randint(1, len(words) - 1), extra)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def quoted(rng: random.Random, world: World, marks: str) -> str:
    """A quotation and who said it, as a sentence."""
    said = " ".join(phrase(rng, world, 5, 14))
    who = rng.choice(world.people)[1][rng.randrange(2)]
    return f"{marks[0]}{said[0].upper()}{said[1:]},{marks[1]} {who} {rng.choice(SAYS)}."


def paragraph(rng: random.Random, world: World, marks: str, extra: str) -> str:
    sentences = [sentence(rng, world, extra if k == 0 else "") for k in range(rng.randint(2, 4))]
    roll = rng.random()
    if roll < 0.14:
        sentences.insert(0, quoted(rng, world, marks))  # opens with a quotation
    elif roll < 0.3:
        sentences.insert(rng.randint(1, len(sentences)), quoted(rng, world, marks))
    elif roll < 0.34:
        head = f"{rng.randint(2, 90) * 100:,} {' '.join(phrase(rng, world, 6, 14))}."
        sentences.insert(0, head)  # opens with a number
    return " ".join(sentences)


def subheading(rng: random.Random, world: World) -> str:
    return " ".join(rng.choice(world.words) for _ in range(rng.randint(2, 6))).title()


def item_list(rng: random.Random, world: World) -> str:
    """A short list, bulleted or (two times in five) numbered."""
    items = [" ".join(phrase(rng, world, 4, 10)) for _ in range(rng.randint(3, 5))]
    numbered = rng.random() < 0.4
    marks = [f"{k}." if numbered else "-" for k in range(1, len(items) + 1)]
    return "\n".join(
        f"{mark} {item[0].upper()}{item[1:]}" for mark, item in zip(marks, items, strict=True)
    )


def make_article(index: int, world: World, seed: int, words: int = 600) -> Article:
    rng = random.Random(seed * 1_000_003 + index)
    topic = world.topics[rng.randrange(len(world.topics))]
    outlet = rng.choice(world.outlets)
    mentions = [topic[2][k % 2] for k in range(rng.randint(2, 4))]
    blocks: list[str] = []
    count = 0
    while count < words:
        extra = mentions.pop() if mentions and rng.random() < 0.5 else ""
        para = paragraph(rng, world, outlet.quotes, extra)
        blocks.append(para)
        count += len(para.split())
    if mentions:
        blocks[-1] += " " + " ".join(sentence(rng, world, m) for m in mentions)
    if rng.random() < 0.3:  # the odd subheading, never over the first two paragraphs
        for at in sorted(rng.sample(range(2, len(blocks) - 1), rng.randint(1, 2)), reverse=True):
            blocks.insert(at, "## " + subheading(rng, world))
    if rng.random() < 0.15:
        at = rng.randint(2, len(blocks) - 1)
        if not blocks[at - 1].startswith("## "):
            blocks[at - 1] = blocks[at - 1][:-1] + ":"
            blocks.insert(at, item_list(rng, world))
    plain = [i for i, b in enumerate(blocks) if i > 2 and b[:1].isalpha() and len(b) > 200]
    split = rng.choice(plain) if plain and rng.random() < 0.1 else -1
    title = " ".join(rng.choice(world.words) for _ in range(rng.randint(5, 9)))
    title = f"{topic[1]}: {title[0].upper()}{title[1:]}"
    first, last = make_word(rng).title(), make_word(rng).title()
    return Article(
        slug=f"a{index:05d}-{title.split(':')[1].split()[0].lower()}",
        title=title,
        author=f"{first} {last}",
        outlet=outlet,
        city=rng.choice(CITIES),
        day=date(2015, 1, 1) + timedelta(days=rng.randrange(3650)),
        blocks=tuple(blocks),
        teasers=tuple(sentence(rng, world)[:-1] for _ in range(6)),
        caption=sentence(rng, world),
        split=split,
        most_read=tuple(sentence(rng, world)[:-1] for _ in range(rng.randint(5, 8))),
        comments=tuple((make_word(rng).title(), sentence(rng, world)) for _ in range(3)),
    )


def raw_block(block: str, outlet: Outlet, split: bool) -> str:
    """A Markdown block as the page shows it once pasted."""
    if block.startswith("## "):
        return block[3:]
    if block.startswith("- "):
        return "\n".join(f"{outlet.bullet} {item[2:]}" for item in block.split("\n"))
    if block.startswith("1. "):
        return block
    if split:  # the layout cut the paragraph (a pull quote, an image) mid-sentence
        words = block.split(" ")
        return " ".join(words[: len(words) // 2]) + "\n\n" + " ".join(words[len(words) // 2 :])
    return block


def fields_of(article: Article, outlet: Outlet) -> dict:
    return {
        "outlet": outlet.name,
        "author": article.author,
        "date": article.day.strftime(outlet.date),
        "time": f"{1 + article.day.toordinal() % 12}:{article.day.toordinal() % 60:02d} pm",
        "city": article.city,
        "CITY": article.city.upper(),
        "short": article.day.strftime("%b %-d"),
        "year": article.day.year,
        "comments": article.day.toordinal() % 40,
    }


def dateline(article: Article) -> str:
    return article.outlet.dateline.format(**fields_of(article, article.outlet))


def chrome_lines(line: str, outlet: Outlet, fields: dict) -> list[str]:
    if line == MENU:
        return list(outlet.sections)
    if line == PIPE_MENU:
        return [" | ".join(outlet.sections)]
    return [line.format(**fields)]


def raw_paste(article: Article, rng: random.Random, headers: bool = False) -> str:
    """The article as an editor's browser would paste it: wrapped in its outlet's page.
    With `headers`, the editor also typed Title: and Date: lines on top."""
    outlet = article.outlet
    fields = fields_of(article, outlet)
    parts = [f"Title: {article.title}\nDate: {article.day.isoformat()}"] if headers else []
    parts += [part for line in outlet.header for part in chrome_lines(line, outlet, fields)]
    parts += [article.title, ""] + [line.format(**fields) for line in outlet.byline]
    first = dateline(article) + article.blocks[0]
    body = [first, *article.blocks[1:]]
    caption_at, advert_at = 1 + len(body) // 6, len(body) // 2
    label = outlet.inline[article.day.toordinal() % len(outlet.inline)]
    for i, block in enumerate(body):
        parts.append(raw_block(block, outlet, i == article.split))
        if i == caption_at:
            parts += [article.caption, outlet.credit.format(**fields)]
        if i == 2 and label:
            parts.append(f"{label}{article.teasers[0]}")
        if i == advert_at:
            parts.append("Advertisement")
    parts += [line.format(**fields) for line in outlet.share + outlet.after]
    stamp = fields["date"]
    for name, words in article.comments[: outlet.comments]:
        parts.append(f"{name}\n{stamp} at {fields['time']}\n{words}\nReply")
    parts.append(outlet.related.format(**fields))
    teasers = article.teasers[: outlet.teasers]
    parts += [f"{t}\n{stamp}" if i % 2 else f"{t}..." for i, t in enumerate(teasers)]
    if outlet.most_read:
        parts.append(outlet.most_read)
        parts += [f"{k}\n{t}" for k, t in enumerate(article.most_read, 1)]
    if outlet.latest:
        parts.append(outlet.latest)
        parts.append("\n".join(article.most_read))
    parts += [line.format(**fields) for line in outlet.footer]
    text = "\n\n".join(parts) + "\n"
    return text.replace("\n", "\r\n") if rng.random() < 0.1 else text


def story(article: Article) -> str:
    """The article's text as Markdown, its dateline first (as the paste has it)."""
    return dateline(article) + "\n\n".join(article.blocks) + "\n"


def clean_markdown(article: Article) -> str:
    """The same article as clean Markdown with Pelican metadata."""
    head = (
        f"Title: {article.title}\nDate: {article.day.isoformat()}\nAuthor: {article.author}\n"
        f"Slug: {article.slug}\n\n"
    )
    return head + story(article)


def hugo_markdown(article: Article) -> str:
    title = article.title.replace('"', "'")
    head = f'---\ntitle: "{title}"\ndate: {article.day.isoformat()}\n'
    head += f'slug: "{article.slug}"\n---\n\n'
    return head + story(article)


def topics_toml(world: World) -> str:
    out = []
    for slug, name, phrases in world.topics:
        quoted_phrases = ", ".join(f'"{p}"' for p in phrases)
        out.append(
            f'[[topic]]\nslug = "{slug}"\nname = "{name}"\n'
            f'description = "Generated topic {name}."\nany = [{quoted_phrases}]\nmin_hits = 2\n'
        )
    return "\n".join(out)


def entities_toml(world: World) -> str:
    out = []
    for name, aliases in world.people:
        quoted_aliases = ", ".join(f'"{a}"' for a in aliases)
        out.append(f'[[person]]\nname = "{name}"\naliases = [{quoted_aliases}]\n')
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
