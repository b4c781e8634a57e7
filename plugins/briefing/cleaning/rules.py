"""Known page chrome, recognised line by line: each pattern names the reason a line is dropped.

Phrases cover English first, then German, French and Spanish, the languages pastes arrive in.
Patterns are anchored to the whole line (or its start) so that article sentences that merely
mention "newsletter" or "cookies" are not taken for chrome.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from re import _constants as sre  # the patterns' parse trees: first_class
from re import _parser as sre_parse
from typing import NamedTuple

_I = re.I | re.U

SOCIAL = frozenset(
    "facebook twitter x linkedin reddit pinterest whatsapp telegram email e-mail mail print "
    "flipboard pocket mix tumblr xing instagram youtube rss messenger sms copy link copied "
    "share tweet teilen drucken drucken google+ vk weibo line viber snapchat tiktok threads "
    "bluesky mastodon url urlcopied! comments kommentare partager imprimer compartir"
    " e".split()  # "e" of "E-Mail", which the word pattern splits at the hyphen
)

# (reason, pattern) in order of precedence; first match wins.
_RULES: tuple[tuple[str, str], ...] = (
    ("separator", r"[\W_]*"),
    (
        "advertisement",
        r"(advertisement|advertising|advertisements?|anzeige|werbung|reklama"
        r"|publicit[ée]|publicidad|sponsored( content| links?)?|paid content|promoted( content)?"
        r"|ad|ads|\[?ins::ins\]?|story continues below( advertisement)?"
        r"|continue reading( the main story| below)?|article continues (below|after .{0,30})"
        r"|skip (this )?ad|supported by|ad feedback|report this ad|partner content)[\s:.]*",
    ),
    (
        "share labels",
        r"((share|sharing|teilen|partager|compartir)"
        r"(\s*(this|on|via|auf|all|close|article|story|post|:|\|).{0,60})?"
        r"|sharing is caring!?|\d+\s*(shares?|likes?)|show more sharing options"
        r"|copy link.*|url zum kopieren.*|link kopieren|share (this|the) (article|story|post).*"
        r"|(click|tap) to (share|email|print).*|send to a friend|email this( article)?"
        r"|follow (us|me)( on .{0,40})?|folgen sie uns.{0,40}|folge uns.{0,40})",
    ),
    (
        "navigation",
        r"(skip to (main )?(content|navigation)|zum inhalt springen|toggle navigation"
        r"|(main )?menu|menü|navigation|home( ?page)?|startseite|search( for)?|suche|sections"
        r"|back to (top|gallery)|zurück( zur (startseite|übersicht))?|go to home page.*"
        r"|next( article| post| story)?|previous( article| post| story)?|weiter|close|schließen"
        r"|more|mehr|load more|show more|view all|see all.{0,30}|alle anzeigen|you are (at|here):?"
        r"|sie sind hier:?|site index|open|print edition|today'?s paper|english edition"
        r"|image \d+ of \d+|\d+\s*/\s*\d+|\d+ of \d+|caption|expand|play video|watch video"
        r"|video|audio|listen( to (this|the) (article|story))?.{0,20}|\d+:\d\d|\d+)[\s:.»›>]*",
    ),
    (
        "login",
        r"(log ?in|log ?out|sign ?in|sign ?out|sign ?up|register|create (an )?account"
        r"|my account|account settings.*|manage my account|anmelden|abmelden|registrieren"
        r"|einloggen|mein konto|se connecter|iniciar sesi[óo]n|subscribe( now)?|abonnieren"
        r"|abo|subscribe ?sign ?in|to read the full story|already (a subscriber|have an account).*"
        r"|become a member.*|(jetzt |kostenlos )?registrieren( und weiterlesen)?)[\s:.]*",
    ),
    (
        "comment widget",
        r"((\d+\s*)?(comments?|kommentare?|responses?|replies|antworten"
        r"|commentaires?|comentarios?)( \(\d+\))?|reply|leave a (reply|comment).*"
        r"|post a comment|add (a|your) comment|join the (conversation|discussion).*"
        r"|(view|show|hide|load|read) (\d+ )?(more )?comments.*|comments are closed.*"
        r"|be the first to comment.*|you must be logged in.*|your email address will not be"
        r" published.*|required fields are marked.*|notify me of .*|save my name, email.*"
        r"|schreibe einen kommentar.*|kommentar (schreiben|verfassen|abgeben).*"
        r"|hinterlasse (einen kommentar|eine antwort).*|deine e-mail-adresse wird nicht.*"
        r"|ihre e-mail-adresse wird nicht.*|diese website verwendet akismet.*"
        r"|this site uses akismet.*|comment policy.*|we welcome (your )?comments.*"
        r"|cancel reply|antworten abbrechen|laisser un commentaire.*|dejar un comentario.*"
        r"|conversation|community guidelines.*|report (comment|abuse))",
    ),
    ("newsletter", r".{0,40}\bnewsletters?\b.{0,60}"),
    (
        "newsletter",
        r"(sign up (for|to) .{0,120}"
        r"|subscribe to (our|the) .{0,120}|enter your e-?mail.{0,80}|your e-?mail( address)?"
        r"|e-?mail address|thanks? (you )?for (signing up|subscribing).{0,80}"
        r"|get the latest .{0,100}|keep an eye on your inbox.{0,60}|by (signing up|subscribing)"
        r".{0,200}|i agree .{0,200}|please check the opt-in.{0,120}"
        r"|gib deine e-mail-adresse ein.*|bleiben sie auf dem laufenden.{0,60}"
        r"|jetzt (abonnieren|anmelden).{0,60}|inscrivez-vous.{0,80}|suscr[íi]bete.{0,80})",
    ),
    (
        "cookie notice",
        r"(.{0,120}\b(we|this (web)?site|our (web)?site|diese (web)?seite|wir"
        r"|nous|utilizamos)\b.{0,40}\bcookies?\b.{0,300}|.{0,80}\b(accept|akzeptieren|consent"
        r"|zustimmen|manage|verwalten)\b.{0,30}\bcookies?\b.{0,200}"
        r"|cookies?( settings| einstellungen| policy| richtlinie| preferences)?.{0,40}"
        r"|(accept|decline|reject|akzeptieren|ablehnen|alle akzeptieren|accept all|got it|ok"
        r"|i agree|einverstanden|verstanden)[\s!.]*)",
    ),
    (
        "footer",
        r"((©|\(c\)|copyright\b).{0,200}|privacy( policy| notice| settings)?"
        r"|terms( of (use|service|sale))?( and conditions)?|terms & conditions|cookie policy"
        r"|impressum|datenschutz(erklärung|hinweise)?|kontakt:?|contact( us)?|about( us)?"
        r"|advertise( with us)?|careers|jobs|sitemap|site map|agb|nutzungsbedingungen"
        r"|mentions légales|aviso legal|rechtliches|help|faq|feedback|accessibility"
        r"|your california privacy rights|do not sell my .{0,40}|interest based ads"
        r"|ad ?choices|powered by .{0,60}|(proudly )?powered by wordpress.*|theme by .{0,60}"
        r"|return to top|back to top|logo.{0,40}|corrections|rss feeds?)[\s.:]*",
    ),
    ("footer", r".{0,100}all rights reserved.{0,60}[\s.:]*"),
    ("footer", r".{0,60}alle rechte vorbehalten.{0,40}[\s.:]*"),
    (
        "author bio",
        r"(about the author|über (den|die) autor(in)?|über mich|about me"
        r"|(?-i:[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){1,3})( \([^)]{1,40}\))? (is|was) (a|an|the|our)"
        r" ([\w&-]+ ){0,5}(reporter|writer|editor|journalist|correspondent|contributor|columnist"
        r"|native|author|freelancer?|blogger|curator|producer|host|intern|analyst)\b.{0,400})",
    ),
    (
        "affiliate note",
        r"(if you (buy|purchase|click) .{0,200}|.{0,120}\b(may|might|could)"
        r" (earn|get|receive|collect) (a )?(small )?(commission|compensation"
        r"|share of (the )?sales?).{0,200}|.{0,120}\baffiliate[- ]?(links?|advertising|programm?)"
        r"\b.{0,300}|.{0,80}\b(erhält|erhalten|bekommt|bekommen)\b.{0,60}\bprovision\b.{0,200})",
    ),
    (
        "comment widget",
        r"(as you comment.*|when (submitting|posting) (content|comments?).*"
        r"|please (be respectful|abide|keep (it|comments)).*|.{0,60}\b(comment|community)"
        r" (policy|guidelines|standards)\b.*|es gibt noch keine kommentare.*"
        r"|(sei|seien sie) der erste.{0,60}|no comments( yet)?.{0,40})",
    ),
    (
        "newsletter",
        r"(no spam.{0,200}|.{0,80}unsubscribe at any time.{0,200}|sign up\b.{0,200}"
        r"|subscribe (to|for|now)\b.{0,200}|.{0,60}\bdelivered (to|through) your"
        r" (inbox|letterbox|door).{0,100}|get .{0,60} in your inbox.{0,60})",
    ),
    (
        "share labels",
        r"(like this (story|article|post)\?.{0,80}|follow .{0,60} on (facebook"
        r"|twitter|instagram|linkedin|social media).{0,60}|(have|got) a (news )?tip\?.{0,200}"
        r"|teile diesen (beitrag|artikel).{0,40}|gefällt mir.{0,30}|pinnen|udostępnij"
        r"|(möchten sie|willst du) (den|diesen) (artikel|beitrag) teilen\?)",
    ),
    (
        "navigation",
        r"(this (slideshow|video|content|page) requires javascript.*|(please )?enable"
        r" javascript.*|opens in (a )?new (window|tab)|zurück zur liste|zur übersicht"
        r"|« ?previous .{0,80}|dowiedz się więcej"
        r"|więcej( informacji)?:?|informate más|ver más|leia mais|mehr erfahren|learn more)",
    ),
    ("navigation", r".{0,80}next (post|article|story) ?»"),
    (
        "share labels",
        r"((artikel|beitrag|seite|rezept|story|article|recipe|page) (teilen|drucken"
        r"|merken|speichern|share|print|save|pin)|print (this )?(article|recipe|page)"
        r"|(zobacz|czytaj) (też|także|również|więcej).{0,80}|udostępnij.{0,40}"
        r"|vous aimerez aussi|tous nos derniers .{0,40}|à lire également.{0,80})[\s:.]*",
    ),
    (
        "also read",
        r"((lea (también|más|además)|lee también|lea|czytaj (też|także|również|więcej)"
        r"|zobacz (też|także|również)|leia também|leggi anche|also on [\w.]+)\s*:\s*.*"
        # with the headline they link to; bare, these labels head a list of related stories
        r"|((te|le) puede interesar|mire)\s*:\s*\S.*"
        r"|schon gelesen\?.*|also on [\w.]+ .{0,200})",
    ),
    (
        "footer",
        r"(our (standards|ethics|policies|principles)\b.{0,80}|editorial (standards|policy)"
        r".{0,60}|dieser eintrag wurde .{0,40}veröffentlicht.*|this entry was posted in.*"
        r"|filed under.*|war (der|dieser) (artikel|beitrag) (nützlich|hilfreich)\?.{0,40}"
        r"|was this (article|page|post) (useful|helpful)\?.{0,40}|unterstützen sie uns.{0,60}"
        r"|support (us|our journalism|independent journalism).{0,80}"
        r"|zapraszamy.{0,80}|materiał chroniony prawem.*)",
    ),
    (
        "related stories",
        r"((more|most|top|popular|trending|related|latest|recommended|featured"
        r"|recent|further|also on|more from|next up|up next|what to read|you may|you might"
        r"|don'?t miss|weitere|mehr|neueste|beliebteste|meistgelesene|aktuelle)\b[^.!?]{0,50}"
        r"\b(stories|articles|posts|videos|reads|news|headlines|reading|on [\w.]+|beiträge"
        r"|artikel|nachrichten|meldungen|themen|videos)[\s:.]*"
        r"|popular on .{1,30}|more .{1,25} stories|\w+ on [\w.]+ ?:)",
    ),
    (
        "related stories",
        r"(related( stories| articles| posts| news| coverage| content"
        r"| topics| links| reading)?|more (from|on|in|stories|news|articles|like this)\b.{0,40}"
        r"|most (popular|read|viewed|shared|commented).{0,30}|trending( now| stories)?:?"
        r"|recommended( for you| stories| articles)?|you (may|might) (also )?(like|enjoy).{0,30}"
        r"|top stories|latest( news| stories| articles| posts)?|editor'?s picks"
        r"|what to read next|read next|next up.{0,40}|up next:?|popular( now| posts| stories)?"
        r"|in case you missed it|don'?t miss|more stories|recent posts"
        r"|das könnte (dich|sie) auch interessieren|weitere (artikel|beiträge|themen|nachrichten)"
        r"|ähnliche (beiträge|artikel|themen)|verwandte (artikel|beiträge|themen)"
        r"|meistgelesen(e)?( artikel)?|beliebte (beiträge|artikel)|neueste (beiträge|artikel)"
        r"|letzte (news|beiträge|artikel)|aktuelle (news|nachrichten|beiträge)|mehr zum thema"
        r"|auch interessant|top-?themen|artículos relacionados|noticias relacionadas"
        r"|articles? (liés|similaires|recommandés)|sur le même sujet|à lire aussi"
        r"|dans la même rubrique|pour approfondir|otras noticias|(notas|artículos) relacionad[oa]s"
        r"|(también )?(te|le) puede interesar|(vea|mira|mirá|ver) también.{0,80}|más sobre .{1,40}"
        r"|lesen sie auch|zum weiterlesen|(die )?meistgelesenen( artikel| beiträge)?"
        r"|weitere beiträge (zu|zum|von) .{1,60}|mehr zu(m)? .{1,40}|aktuelle (stories|meldungen))"
        r"[\s:.…]*",  # a label may trail off: "You may also like …"
    ),
    (
        "also read",
        r"(also read|read also|read more|see also|related|more|watch|listen|lesen sie"
        r"( auch| mehr)?|lies auch|auch lesenswert|mehr dazu|weiterlesen|(à )?lire aussi|à lire"
        r"|voir aussi|lee también|leer más|click here|hier klicken|klicken sie hier)"
        r"\s*[:>»|\-–—]\s*.*"
        # after "Recommended:" a headline: capitalised, no full stop ("Recommended: bring
        # water" is the story's advice)
        r"|recommended( reading)?\s*[:>»|]\s*(?-i:[A-Z0-9\"“‘'«„]).*[^.]"
        r"|(read more|weiterlesen|mehr lesen|lire la suite|leer más"
        r"|continue reading|read the full (story|article)|click here.{0,100})[\s.…»›>]*",
    ),
    (
        "tags",
        r"(tags?|topics?|filed under|schlagw(ö|oe)rter|schlagworte|stichw(ö|oe)rter"
        r"|kategorien?|categories|themen|mots-clés|etiquetas|related tags)(\s*:.{0,200})?",
    ),
    (
        "photo credit",
        r"(fot\.\s*\S.{0,150}|[^|/]{3,40} [|/] (agencia|agencja|agence|agentur|agency)\b.{0,30}"
        r"|(photo|photos|image|images|picture|foto|fotos|bild|bilder|credit"
        r"|image credit|photo credit|photograph|quelle|source|grafik|illustration|video)"
        r"\s*(:|©|by\b).{0,150}|(photos?|images?|pictures?|video)\s+courtesy( of)?\b[^.!?]{1,80}\.?"
        # bare, a credit names its giver in capitalised words: "Courtesy of Jane Doe"
        r"|courtesy( of)?\s+(?-i:(the\s+)?[A-Z0-9][\w.&'’-]*(\s+(of|the|and|&|[A-Z][\w.&'’-]*))*)"
        # a name of two words or more alone in brackets under a picture: "(Harbour Museum)";
        # one word is as often the story's own mark ("(END)", "(Updated)"), and the line above
        # it is no caption
        r"|\((?-i:[A-Z][\w.&'’-]*(\s+(of|the|and|&|[A-Z][\w.&'’-]*)){1,4})\)"
        r"|.{0,60}(getty images|shutterstock|istock(photo)?|afp|reuters"
        r"|associated press|ap photo|dpa|epa|picture alliance|imago)[\s.)\]]*"
        r"|\(?(ap|afp|reuters|getty|epa|dpa)( photo)?/.{0,80}|credit\s*\.{2,}.{0,100})",
    ),
    (
        "photo caption",
        r"(above|pictured|top|main image|in pictures|in the photo|photo|abbildung( \d+)?"
        r"|bildunterschrift)\s*:.{0,400}|vergrößern\s.{0,400}",
    ),
    (
        "reading time",
        r"(\d+\s*(min|mins|minutes?|minuten)\.?( read| lesezeit)?"
        r"|(lesezeit|reading time|read time)\s*:?\s*\d+.{0,20}|\d+ min(ute)? read)",
    ),
    (
        "share labels",
        r"((teilen|sharen|share) (sie )?(dies|this|mit|with)( mit)?|be sociable,? share!?"
        r"|(diese[nrs]?|this) (artikel|beitrag|seite|geschichte|story|article|post) (teilen|share))"
        r"[\s:.!]*",
    ),
    (
        "related stories",
        r"((lesen sie|lies) auch( die folgenden beiträge| diese[ns]? .{1,30})?"
        r"|weitere beiträge (aus|zu|zum|von) .{1,60}|beliebte beiträge.{0,40}"
        r"|(das|dieses) thema könnte (dich|sie) auch interessieren|relevantes aus .{1,40}"
        r"|lust auf mehr\?|want more\?|(sie wollen|du willst) mehr( von uns)?\?"
        r"|mehr .{1,30} auf [\w.-]+)[\s:.]*"
        r"|(veja também|puedes ver|ver también|vea también|mira también)\s*:.*",
    ),
    (
        "comment widget",
        r"(\d+ (antworten|responses?|kommentare?|comments?|replies) (zu|to|on|for|auf|zum) .{0,160}"
        r"|keine kommentare.{0,80}|.{0,60}\bcomments? (are|is|will be|may be) (moderated|reviewed"
        r"|republished).{0,300}|we ask that comments.{0,300}|(sie müssen|du musst) (sich|dich)"
        r" (einloggen|anmelden).{0,160}|para comentar.{0,200}|was denkst du\?"
        r"|ihre meinung zu diesem thema.{0,40}"
        r"|verraten sie (uns )?gerne in den kommentaren.{0,80})",
    ),
    (
        "login",
        r"(.{0,40}\b(to (view|read|continue) the full (story|article)|instant access to"
        r"|immediate (online )?access to|wählen sie ihren zugang).{0,200}"
        r"|hier kostenlos anmelden.{0,40}|(send me|receive) (an )?e-?mail.{0,60}"
        r"|um neue beiträge per e-?mail.{0,200}|never miss .{0,100})",
    ),
    (
        "footer",
        r"(.{0,40}\b(jede (kleine )?spende|unterstützen sie (diese|unsere|uns)"
        r"|unterstütze [\w-]+|ihr beitrag hilft).{0,200}|advertising disclos(ure|ed).{0,300}"
        r"|texte auf dieser (web)?seite stehen unter.{0,200}"
        r"|dieser (text|artikel|beitrag) wurde .{0,40}veröffentlicht.{0,80})",
    ),
    (
        "footer",
        r"(((dieser|der) (artikel|beitrag) gefällt (ihnen|dir)|gefällt (ihnen|dir) (dieser|der"
        r"|unser|unsere) .{1,40}|sie lesen gern .{1,40}|hat (dir|ihnen) (der|dieser) (artikel"
        r"|beitrag) gefallen|(did you )?(like|enjoy|enjoyed) (this|our) (article|story|post"
        r"|journalism)|(do you )?(like|love|value) (our|this) (site|journalism|work|magazine))\?"
        r".{0,300})",
    ),
    (
        "author bio",
        r"((?-i:[A-Z][\w.'’-]+( [A-Z][\w.'’-]+){0,3}) (is|ist) (the |a |an )?(co-?founder"
        r"|founder|head of|[\w-]+-?(experte|expertin)|redakteur(in)?|autor(in)?)\b.{0,400}"
        r"|schreibt seit \d{4} für.{0,100})",
    ),
)

# A rule whose line may start with anything (".{0,100}all rights reserved") is tried on every
# line, and costs a try at every place the words could start: such an alternative is a rule of
# its own (a line matches the rule or its twin beside it, of the same reason, as it matched the
# two joined), gated by its words (or mark).


class Gate(NamedTuple):
    """A gate for a pattern whose alternatives either hold one of `words` anywhere, open the
    line with one of `starts`, or end it with one of `ends` (but for spaces, full stops and
    closing brackets): one startswith or endswith test takes the place of a substring test for
    each word of the anchored alternatives (a word gate is tried on nearly every line)."""

    words: tuple[str, ...]
    starts: tuple[str, ...]
    ends: tuple[str, ...] = ()


# What may follow a name in `ends`: whitespace (as \s: str.isspace, every such character is
# below U+3001), full stops and closing brackets
_AFTER_END = ".)]" + "".join(c for c in map(chr, range(0x3001)) if c.isspace())


# Cheap gates in the order of _RULES, so that a line meets only the patterns it could match:
# an int is the longest line a pattern can match, a tuple holds words one of which it needs,
# a Gate holds such words, the starts of its alternatives anchored at the line's start and the
# names they end with, None is no gate: where the pattern fails as fast by itself (anchored at
# the line's start, a few alternatives), a gate only adds the cost of its search (timed on the
# bench paste). tests/test_cleaning_gates.py checks that no gate keeps a line from its rule.
_GATES: tuple[int | tuple[str, ...] | Gate | None, ...] = (
    None,  # separator
    90,  # advertisement
    110,  # share labels
    70,  # navigation
    80,  # login
    None,  # comment widget
    ("newsletter",),
    None,  # newsletter
    Gate(
        ("cookie",),
        (
            "accept",
            "decline",
            "reject",
            "akzeptieren",
            "ablehnen",
            "alle akzeptieren",
            "got it",
            "ok",
            "i agree",
            "einverstanden",
            "verstanden",
        ),
    ),
    None,  # footer
    ("all rights reserved",),
    ("alle rechte vorbehalten",),
    Gate((" is ", " was "), ("about", "über")),
    Gate(("commission", "compensation", "share of", "affiliate", "provision"), ("if you ",)),
    # This gate and the two comment-widget and login ones below miss some of their patterns'
    # anchored alternatives ("Please keep it civil", "Ihre Meinung zu diesem Thema",
    # "Send me email"): such lines are not chrome by these rules, as they never were.
    ("comment", "community", "kommentar", "erste", "no comment"),
    Gate(("unsubscribe", "delivered"), ("no spam", "sign up", "subscribe ", "get ")),
    None,  # share prompts
    None,  # navigation prompts
    ("»",),
    None,  # share and print labels
    None,  # also read in other languages
    None,  # footer notes
    110,  # related stories, by the shape of their headers
    110,  # related stories, by name
    None,  # also read
    240,  # tags
    Gate(
        ("agen",),  # an agency after '|' or '/': "agencia", "agentur"...
        (
            "fot.",
            "photo",
            "image",
            "picture",
            "foto",
            "bild",
            "credit",
            "quelle",
            "source",
            "grafik",
            "illustration",
            "video",
            "courtesy",
            "(",
            "ap",  # "AP/Jane Doe"
            "afp",
            "reuters",
            "getty",
            "epa",
            "dpa",
        ),
        (  # a credit's giver ending the line
            "getty images",
            "shutterstock",
            "istock",
            "istockphoto",
            "afp",
            "reuters",
            "associated press",
            "ap photo",
            "dpa",
            "epa",
            "picture alliance",
            "imago",
        ),
    ),
    None,  # photo caption
    60,  # reading time
    70,  # share prompts
    120,  # related headings
    ("antwort", "respons", "komment", "comment", "repl", "einloggen", "anmelden", "denkst"),
    ("full", "access", "zugang", "anmelden", "mail ", "never miss"),
    Gate(
        ("spende", "unterstütz", "beitrag hilft"),
        ("advertising disclos", "texte auf dieser", "dieser "),
    ),
    Gate(
        (),
        (
            "dieser ",
            "der ",
            "gefällt ",
            "sie lesen gern ",
            "hat ",
            "did you ",
            "like ",
            "enjoy",
            "do you ",
            "love ",
            "value ",
        ),
    ),
    None,  # author bio: anchored on a capitalised name, it fails at once on most lines
)


NO_LIMIT = 1 << 30


# (reason, pattern, longest line it can match, Gate it needs, or None)
CHROME = tuple(
    (
        reason,
        re.compile(rf"(?:{pattern})\Z", _I),
        gate if isinstance(gate, int) else NO_LIMIT,
        gate if isinstance(gate, Gate) else Gate(gate, ()) if isinstance(gate, tuple) else None,
    )
    for (reason, pattern), gate in zip(_RULES, _GATES, strict=True)
)

# Words glued together where a page's menu items lost their spaces ("FacebookTwitterEmail").
GLUED = re.compile(r"[a-z]{2}[A-Z][a-z]")

# Lines ending with a photo credit ("...Credit...Doug Mills/The New York Times",
# "(AP Photo/Jane Doe)", "(Photo: X)"): a caption carrying its credit.
CAPTION_TAIL = re.compile(
    r"(credit\s*(\.{2,}|:|…).{0,80}|\((ap|afp|reuters|epa|getty)?\s*(photo|photos|foto|image|bild)"
    r"\s*(:|/|by)[^)]{0,80}\)|\((getty images|reuters|afp|dpa|ap)[^)]{0,40}\)"
    r"|(foto|photo|bild)\s*:\s*\S.{0,60}|/\s*(getty images|afp|reuters|ap|dpa|epa)"
    r"|\([^()]{0,60}(/|©)[^()]{0,60}\)|©[^.!?©]{1,70}|\((symbolbild|symbolfoto|archivbild|archivfoto)\)"
    r"|\(?(bildquelle|quelle|kuva|photograph|fotos?|bild|credits?|images?)\s*:[^.!?:]{1,60}\)?)"
    r"\s*\.?\Z",
    _I,
)

# Lines that end like a teaser: a cut sentence trailing off into an ellipsis.
TEASER_TAIL = re.compile(
    r"(\.\.\.|…|\[…\]|\[\.\.\.\])\s*(read more|weiterlesen|more)?\s*[»›>]?\Z", _I
)


# A character class as regex source, for each category a pattern may start with.
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def first_class(pattern: re.Pattern) -> re.Pattern | None:
    """A class of every character a match of `pattern` can start with, matched ignoring case
    (a superset of what the pattern's own flags allow), or None when any character may."""
    parts, nullable = _first(sre_parse.parse(pattern.pattern, pattern.flags))
    if parts is None or nullable:
        return None
    return re.compile("[" + "".join(parts) + "]", pattern.flags | re.I)


def _first(seq) -> tuple[list[str] | None, bool]:
    """(class parts, or None for any character; whether the sequence can match nothing)."""
    parts: list[str] = []
    for op, av in seq:
        got, nullable = _first_of(op, av)
        if got is None:
            return None, False
        parts += got
        if not nullable:
            return parts, False
    return parts, True


def _first_of(op, av) -> tuple[list[str] | None, bool]:
    """_first of one item of a parse tree; anything not known here may start with anything."""
    if op is sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre.IN:
        return _class_parts(av), False
    if op is sre.BRANCH:
        found = [_first(seq) for seq in av[1]]
        if any(parts is None for parts, _ in found):
            return None, False
        return [p for parts, _ in found for p in parts], any(n for _, n in found)
    if op is sre.SUBPATTERN:
        return _first(av[-1])
    if op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
        parts, nullable = _first(av[2])
        return parts, nullable or av[0] == 0
    if op is sre.AT:
        return [], True  # an anchor or word boundary takes no character
    return None, False


def _class_parts(items) -> list[str] | None:
    parts = []
    for op, av in items:
        if op is sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return None  # a negated class and the like
    return parts


def rules_by_first_char(rules: tuple) -> dict[str, tuple]:
    """For each ASCII character, the rules a line starting with it can match, in order. A line
    meets nearly every pattern and most fail at its first character: a dict lookup skips a
    third of them. The class is tested with the regex engine itself, so its rules of case (an
    ASCII letter matching 'K', 'ſ' or 'ı') are its own; other first characters meet every rule."""
    classes = [first_class(pattern) for _, pattern, _, _ in rules]
    return {
        char: tuple(rule for rule, c in zip(rules, classes, strict=True) if not c or c.match(char))
        for char in map(chr, range(128))
    }


CHROME_BY_FIRST = rules_by_first_char(CHROME)

# The lengths past which rules drop out (their `longest`), shortest first
LIMITS = tuple(sorted({longest for _, _, longest, _ in CHROME}))


def by_length(rules: tuple) -> tuple[tuple, ...]:
    """For each of LIMITS, the rules that a line longer than the limit before it can match,
    in order: a line meets only those, with no test of its length per rule."""
    return tuple(tuple(rule for rule in rules if rule[2] >= limit) for limit in LIMITS)


_BY_LENGTH = by_length(CHROME)
_BY_FIRST_AND_LENGTH = {char: by_length(rules) for char, rules in CHROME_BY_FIRST.items()}


def on_lower(pattern: re.Pattern) -> re.Pattern | None:
    """`pattern` without ignoring case, to match the lower-cased line instead of the line, or
    None when it could then match other lines. Ignoring case, the engine folds each character
    it compares, and a branch starting with a folded letter is entered to be tried rather than
    skipped: a rule costs about twice as much. The same lines match when every letter the
    pattern names is its own lower case and no part of it turns ignoring case off (lines with
    'ſ' or 'ı', which ignoring case reads as 's' and 'i', never meet these: chrome_reason)."""
    if _lower_cased(sre_parse.parse(pattern.pattern, pattern.flags)):
        return re.compile(pattern.pattern, pattern.flags & ~re.I)
    return None


def _lower_cased(seq) -> bool:
    """True when a parse tree names only characters that are their own lower case (anything
    not known here counts as not)."""
    for op, av in seq:
        if op is sre.LITERAL or op is sre.NOT_LITERAL:
            ok = _own_lower(av, av)
        elif op is sre.IN:
            ok = all(_own_lower(*_bounds(o, a)) for o, a in av)
        elif op is sre.BRANCH:
            ok = all(_lower_cased(branch) for branch in av[1])
        elif op is sre.SUBPATTERN:
            ok = not (av[1] or av[2]) and _lower_cased(av[3])  # no (?-i:...) and the like
        elif op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
            ok = _lower_cased(av[2])
        else:
            ok = op is sre.ANY or op is sre.AT
        if not ok:
            return False
    return True


def _bounds(op, av) -> tuple[int, int]:
    """The code points a class item names, as a range (none for a category or a negation)."""
    if op is sre.LITERAL:
        return av, av
    if op is sre.RANGE:
        return av
    return (0, -1) if op is sre.CATEGORY or op is sre.NEGATE else (0, 0x10FFFF)


def _own_lower(first: int, last: int) -> bool:
    return all(chr(c).lower() == chr(c) for c in range(first, last + 1))


# (reason, pattern, whether it matches the lower-cased line, Gate or None) for each rule
FAST = {
    id(rule): (rule[0], low or rule[1], low is not None, rule[3])
    for rule, low in ((rule, on_lower(rule[1])) for rule in CHROME)
}


class Tier(NamedTuple):
    """The rules a line meets by its first character and length. Nine lines in ten pass none
    of their gates: one test of the gates' words, starts and ends together (`gates`) leaves
    those lines the rules with no gate (`plain`) instead of a test of each gate in turn."""

    rules: tuple  # FAST rules, in order
    plain: tuple  # (reason, pattern, lowered) of the rules with no gate, in order
    gates: Gate  # what any of the rules' gates holds


def tier(rules: tuple) -> Tier:
    gates = [FAST[id(rule)][3] for rule in rules if rule[3] is not None]
    return Tier(
        tuple(FAST[id(rule)] for rule in rules),
        tuple(FAST[id(rule)][:3] for rule in rules if rule[3] is None),
        union(gates),
    )


def union(gates: list[Gate]) -> Gate:
    """The gate that a line opening any of `gates` opens (a word holding another one is left
    out: the line holds the other one too)."""
    words, starts, ends = (
        tuple(dict.fromkeys(x for gate in gates for x in gate[i])) for i in range(3)
    )
    words = tuple(w for w in words if not any(other in w for other in words if other != w))
    return Gate(words, starts, ends)


def tiers_once(default: tuple, by_first: dict) -> tuple[tuple, dict]:
    """The tiers of `default` and of each first character's groups of rules. Most characters
    meet the same rules (1,032 groups, 122 of them different): each different group is made
    once, which takes a tenth of the time, paid at the start of every build."""
    made: dict[tuple, Tier] = {}  # by the ids of the rules: hashing the rules is dearer

    def one(rules: tuple) -> Tier:
        key = tuple(map(id, rules))
        if key not in made:
            made[key] = tier(rules)
        return made[key]

    def tiers(groups: tuple) -> tuple[Tier, ...]:
        return tuple(map(one, groups))

    return tiers(default), {char: tiers(groups) for char, groups in by_first.items()}


_TIERS, _TIERS_BY_FIRST = tiers_once(_BY_LENGTH, _BY_FIRST_AND_LENGTH)


def chrome_reason(text: str, low: str) -> str:
    """The reason a line is known page chrome, or "" when it is not (`low`: the text in lower
    case)."""
    if folded(low):
        return folded_reason(text)
    rules, plain, gates = _TIERS_BY_FIRST.get(text[:1], _TIERS)[bisect_left(LIMITS, len(text))]
    if opens(gates, low):
        return gated_reason(rules, text, low)
    for reason, pattern, lowered in plain:
        if pattern.match(low if lowered else text):
            return reason
    return ""


def opens(gate: Gate, low: str) -> bool:
    """True when the lower-cased line holds one of the gate's words or opens or ends as it
    says. One substring test per word: a regex of the words, tried at every position of the
    line, costs several times more (most lines hold none of them)."""
    words, starts, ends = gate
    if low.startswith(starts) or (ends and low.rstrip(_AFTER_END).endswith(ends)):
        return True
    for word in words:
        if word in low:
            return True
    return False


def gated_reason(rules: tuple, text: str, low: str) -> str:
    """chrome_reason trying each rule whose gate the line opens, in order."""
    for reason, pattern, lowered, gate in rules:
        if (gate is None or opens(gate, low)) and pattern.match(low if lowered else text):
            return reason
    return ""


def folded(low: str) -> bool:
    """True when the lower-cased line holds 'ſ' or 'ı', which lower() keeps and a pattern
    ignoring case reads as 's' and 'i'."""
    return not low.isascii() and ("ſ" in low or "ı" in low)


def folded_reason(text: str) -> str:
    """chrome_reason of a line holding 'ſ' or 'ı', which lower() keeps and ignoring case reads
    as 's' and 'i': no word gate can tell whether it holds its words ("ſubscribe"), and the
    lower-cased line does not match as the line does, so it meets every pattern as it is."""
    tiers = _BY_FIRST_AND_LENGTH.get(text[:1], _BY_LENGTH)
    for reason, pattern, _, _ in tiers[bisect_left(LIMITS, len(text))]:
        if pattern.match(text):
            return reason
    return ""


def social_only(words: list[str]) -> bool:
    """True for lines made only of share-button labels ("Facebook Twitter LinkedIn"); `words`
    in lower case."""
    return bool(words) and SOCIAL.issuperset(words)
