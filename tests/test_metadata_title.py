"""Headline and author picked among the lines above the story (small pastes written by us)."""

from __future__ import annotations

from briefing.metadata.byline import author_name_line, author_near_lead, clean_author
from briefing.metadata.title import GENERATED_CHARS, best_headline, generated_title

LEAD = (
    "Officials in the capital said on Tuesday that the new road would open next spring, "
    "after two years of delays and a dispute over who would pay for the bridge."
)
HEADLINE = "City road opens after two years of delays"


def _pick(lines: list[str]) -> str:
    lines = [*lines, LEAD]
    return best_headline(tuple(lines), (len(lines) - 1,))


def test_tags_and_photo_source_under_the_headline_are_not_headlines():
    lines = [HEADLINE, "", "By Ana Lopez", "", "roads, bridges, city hall, budget, traffic"]
    assert _pick(lines) == HEADLINE
    lines = [HEADLINE, "", "Nov 19, 2019", "", "Symbolbild Baustelle | Foto: Max Muster"]
    assert _pick(lines) == HEADLINE


def test_a_section_label_over_the_headline_does_not_make_it_a_deck():
    lines = ["in Local News", HEADLINE.lower().capitalize(), "", "By Ana Lopez"]
    assert _pick(lines) == lines[1]


def test_author_with_role_or_outlet_and_wire_with_place():
    lines = (HEADLINE, "Tom Rivers, AP Auto Writer", "Nov 19, 2019", LEAD)
    assert author_name_line(lines, 3, 0) == "Tom Rivers"
    lines = (HEADLINE, "ANA LOPEZ, CITY POST", "18 NOV 2019", LEAD)
    assert author_name_line(lines, 3, 0) == "Ana Lopez"
    lines = (HEADLINE, "Reuters, Washington,", "Nov 20 2019, 10:42am", LEAD)
    assert author_name_line(lines, 3, 0) == "Reuters"
    lines = (HEADLINE, "Marcus De LeonView More Articles", "Nov 20 2019", LEAD)
    assert author_name_line(lines, 3, 0) == "Marcus De Leon"


def test_author_under_an_earlier_copy_of_the_headline():
    lines = (
        HEADLINE,
        "Tom Rivers",
        "Nov 19, 2019",
        "Photo gallery",
        "Image 1 of 9",
        HEADLINE,
        LEAD,
    )
    assert author_name_line(lines, 6, 5) == "Tom Rivers"


def test_breadcrumb_trail_points_at_the_headline_under_it():
    lines = ["Home » News » Local » City road opens", "", "Nov 19, 2019", "", "City road opens"]
    assert _pick(lines) == "City road opens"


def test_a_second_clause_after_a_dash_is_kept_unless_the_page_prints_it_as_its_name():
    lines = ["Road opens after two years of delays – Mayor Is Pleased", "", "By Ana Lopez"]
    assert _pick(lines) == lines[0]
    lines = [
        "City Post",
        "",
        "Road opens after two years of delays – City Post",
        "",
        "By Ana Lopez",
    ]
    assert _pick(lines) == "Road opens after two years of delays"


def test_headline_in_low_quotes_and_a_glued_table_cell():
    lines = ["„Wir sind erleichtert“: Straße nach zwei Jahren eröffnet", "", "19.11.2019"]
    assert _pick(lines) == lines[0]
    lines = ["Menu", "", HEADLINE + " " * 40 + "roads", "", "By Ana Lopez"]
    assert _pick(lines) == HEADLINE


def test_byline_labels_and_glued_by_are_not_part_of_the_name():
    assert clean_author("ByAlex Rivers") == "Alex Rivers"
    assert clean_author("Sara Lind Stand: 12.03.2021") == "Sara Lind"
    assert clean_author("von Ana Lopez Foto: © Agentur") == "Ana Lopez"
    assert clean_author("By Tatyana Lee.") == "Tatyana Lee"
    assert clean_author("Author: Cookie Information") == ""
    assert clean_author("Veröffentlicht von Donnerstag") == ""


def test_author_label_under_a_standfirst_taken_for_the_lead():
    lines = (HEADLINE, "", LEAD, "Author:", "The Daily Brew", "Publish date:", "Nov 18, 2019")
    assert author_near_lead(lines, 2, 0) == "The Daily Brew"


def test_dated_post_credits_name_the_user():
    assert clean_author("26/12/2019 von stadtrad-Team") == "stadtrad-Team"
    assert clean_author("6. Dezember 2022 von Fenna in Alltag, Kultur") == "Fenna"
    assert clean_author("Posted by jdoe") == ""  # no date: "by" mid-line needs a full name


def test_byline_over_the_headline_when_none_is_under_it():
    lines = ("von: Ana Lopez", "", HEADLINE, "", LEAD)
    assert author_near_lead(lines, 4, 2) == "Ana Lopez"
    lines = ("[Review] The Bridge - A Novel by Tom Rivers", "", HEADLINE, "", LEAD)
    assert author_near_lead(lines, 4, 2) == ""


def test_generated_title_ends_at_a_clause_or_phrase_boundary():
    lead = (
        "ISLAMABAD: Pakistan and Afghanistan agreed on Tuesday to reopen the border crossing "
        "after weeks of talks between officials of both countries, a spokesman said."
    )
    assert generated_title(lead) == "Pakistan and Afghanistan agreed on Tuesday"
    long_words = "Extraordinarily " * 8 + "complicated circumstances everywhere."
    title = generated_title(long_words)
    assert title.endswith("…") and len(title) <= GENERATED_CHARS + 1


def test_a_long_line_under_the_headline_is_its_standfirst():
    deck = "Penalties for those who refuse to stay home are to be raised to a maximum fine"
    lines = ["Road closed for two years reopens", "", deck, "", "Close", "", "01 October 2020"]
    assert _pick(lines) == lines[0]


def test_numbered_menu_items_and_a_name_over_the_date_are_not_headlines():
    lines = ["1. Start", "2. Presse", "3. Road closed for two years reopens", "", HEADLINE]
    lines += ["", "Nov 19, 2019"]
    assert _pick(lines) == HEADLINE
    lines = [HEADLINE, "", "Trade figures out", "", "Nathan Johns", "", "January 10, 2020 8:30AM"]
    assert _pick(lines) == HEADLINE
    lines = ["Keeping Garden Tools Sharp", "", "By Jon Weald - January 12, 2020"]
    assert _pick(lines) == lines[0]


def test_two_sentences_under_the_headline_are_its_standfirst():
    deck = "The repression has only fuelled the crisis. It is up to them to calm it"
    lines = ["Opinion", "", HEADLINE, "", "Editorial", "", deck, "", "Mon 18 Nov 2019 17.25 GMT"]
    assert _pick(lines) == HEADLINE


def test_author_name_printed_beside_the_date():
    for credit in ("Ann Lopez | 06.11.2023", "28. Jan. 2022 Ann Lopez", "Ann Lopez, 01.12.2021"):
        assert author_name_line((HEADLINE, credit, LEAD), 2, 0) == "Ann Lopez"
    assert author_name_line((HEADLINE, "07.11.2023 Basel, Basel, Land", LEAD), 2, 0) == ""


def test_a_headline_may_open_with_a_menu_word_but_a_glued_kicker_is_dropped():
    lines = ["Home", "", "Home Harbor sales miss, shares fall", "", "By Ana Lopez"]
    assert _pick(lines) == lines[2]
    lines = ["Lokales Kiel " + HEADLINE, "", "19.10.2019", "", HEADLINE]
    assert _pick(lines) == HEADLINE


def test_a_headline_in_a_script_without_spaces_is_a_candidate():
    lines = ["首页", "", "武汉的声音有英勇的你才有英雄的城", "", "2020-03-10"]
    assert _pick(lines) == lines[2]


def test_a_line_between_two_of_its_own_shape_is_a_caption_or_menu_item():
    lines = ["State Swim Results Announced Today", "", "Aidan Gantenbein Backstroke"]
    lines += ["", "Miguel Bernal Diving", "", "Ben Patton Wichita", "", "Posted: Feb 16, 2018"]
    assert _pick(lines) == lines[0]


def test_account_widgets_are_not_headlines():
    lines = [HEADLINE, "", "Nov 19, 2019", "", "You are signed in as"]
    assert _pick(lines) == HEADLINE


def test_the_headline_is_the_line_whose_words_the_story_repeats():
    lead = (
        "Envoys from Kabul and Doha agreed on Monday on a timetable for the release of "
        "prisoners, the first step of the peace plan that both sides signed in the spring."
    )
    headline = "Prisoner release timetable agreed in Doha"
    lines = (headline, "", "Our weekly podcast with regional editors", "", lead)
    assert best_headline(lines, (4,)) == headline


def test_a_list_of_other_stories_each_over_its_date_is_not_the_headline():
    lines = [
        "Recent from this author",
        "Border crossings reopen for traders",
        "Nov 12, 2019",
        "Talks resume in Doha after a pause",
        "Nov 14, 2019",
        "Seed prices fall in the northern provinces",
        "Nov 16, 2019",
        "",
        HEADLINE,
        "Ana Lopez",
    ]
    assert _pick(lines) == HEADLINE


def test_a_headline_the_cleaner_took_for_the_standfirst_under_a_section_label():
    headline = "Road to the border is open again. Traders are not yet back."
    deck = f"1. World\n{headline}\nA convoy waits at the crossing."
    lines = ["Edit profileSign out", "Search", "1. World", headline, "Nov 19, 2019"]
    lines += ["A convoy waits at the crossing.", "By Ana Lopez", LEAD]
    assert best_headline(tuple(lines), (len(lines) - 1,), "", lines[0], deck) == headline
    # under its own headline, the same line is the standfirst
    lines[2] = "Border crossing reopens for traders"
    assert best_headline(tuple(lines), (len(lines) - 1,), "", lines[0], deck) == lines[2]


def test_the_headline_is_found_over_a_long_list_of_teasers():
    teasers = []
    for day in range(10, 22):
        teasers += [f"Aid convoy {day} reaches the northern valley", "", f"Nov {day}, 2019", ""]
    lines = [HEADLINE, "Ana Lopez", "", *teasers]
    assert len(lines) > 45
    assert _pick(lines) == HEADLINE


def test_a_headline_under_a_search_box_label_is_no_label_value():
    assert _pick(["Search for:", HEADLINE, "Nov 19, 2019"]) == HEADLINE
    assert _pick(["Suche nach:", HEADLINE, "Nov 19, 2019"]) == HEADLINE
    # under a field label, the line is the field's value
    assert _pick(["Author:", "Ana Lopez Ruiz Garcia", "Nov 19, 2019"]) != "Ana Lopez Ruiz Garcia"


def test_a_one_word_headline_right_over_a_story_that_names_it():
    lead = (
        "Irrigation canals in the northern provinces were repaired this spring, and farmers "
        "say the water reached fields that had been dry for three seasons."
    )
    lines = ("Our projects", "Contact the office", "", "Irrigation", "", lead)
    assert best_headline(lines, (5,)) == "Irrigation"
    # under the headline the cleaner found, the lone word is a subheading
    lines = ("Canals repaired in the north", "", "Irrigation", "", lead)
    assert best_headline(lines, (4,), "", lines[0]) == lines[0]


def test_the_line_under_a_lone_by_is_credited_even_when_no_person_is_named():
    lines = (HEADLINE, "By", "peace-monitor.org team", LEAD)
    assert author_near_lead(lines, 3, 0) == "peace-monitor.org team"
    lines = (HEADLINE, "von", "Ana Lopez", LEAD)
    assert author_near_lead(lines, 3, 0) == "Ana Lopez"


def test_a_share_bar_in_any_language_is_no_headline():
    for bar in ("WhatsApp Teilen Twittern Pinnen Leserbrief", "Compartir en Linkedin Pinterest"):
        lines = ("Council answers its critics", "", bar, LEAD)
        # even when the cleaner took the bar for the headline
        assert best_headline(lines, (3,), "", bar) == lines[0]


def test_a_kicker_glued_before_the_headline_is_dropped_when_the_page_prints_it_bare():
    headline = "Envoys meet again in Doha"
    lines = [f"{headline} - Regional Weekly", "", f"Ahead of the talks {headline}", "", "By Ana"]
    assert _pick(lines) == headline
    # "Kicker: Headline" and a title with no bare copy stay whole
    lines = [f"Talks: {headline}", "", headline, "", f"Talks: {headline}", "", "By Ana"]
    assert _pick(lines) == f"Talks: {headline}"


def test_a_published_line_in_another_language_is_a_credit_not_a_headline():
    stamp = "veröffentlicht am 14 Feb ’20 | Kategorien: Politik, Region | Tags: Kabul, Doha"
    lines = ("Council answers its critics", "", stamp, LEAD)
    assert best_headline(lines, (3,), "", stamp) == lines[0]


def test_the_cleaner_took_the_standfirst_so_the_line_over_it_is_the_headline():
    lead = (
        "The harbour ferry returned to service on Monday after a winter of engine repairs, "
        "the port office said, and its first crossing sold out within an hour."
    )
    headline = "Harbour Ferry Returns After Winter Of Engine Repairs"
    standfirst = "Its first crossing of the season sold out within an hour, the port office says"
    clip = "Harbour Ferry Returns After Engine Repairs"  # a video's title, printed twice
    lines = (headline, "", standfirst, "", "By Ana Lopez", "", "Newsletter", "", clip, "")
    lines += ("Watch the clip", "", clip, lead)
    assert best_headline(lines, (len(lines) - 1,), "", standfirst) == headline
    # a trail of sections over the cleaner's headline does not take its place
    lines = ("News / Harbour / Ferries", "", standfirst, "", "By Ana Lopez", "", lead)
    assert best_headline(lines, (len(lines) - 1,), "", standfirst) == standfirst


def test_a_shorter_headline_over_the_cleaners_title_makes_that_title_its_standfirst():
    lead = (
        "Inspectors closed a bakery in the old town on Friday after finding mice in its "
        "storeroom, the city health office said, and it will stay shut until a second visit."
    )
    standfirst = "The bakery will stay shut until a second visit next week"

    def pick(over: str) -> str:
        lines = ("Local", "", over, "", standfirst, "", "A photo of the shop", "")
        lines += ("By Ana Lopez", "", lead)
        return best_headline(lines, (len(lines) - 1,), "", standfirst)

    headline = "Inspectors close old town bakery over mice in storeroom"
    assert pick(headline) == headline
    # a label before the headline, a kicker ending in a colon or an opening time is no headline
    for over in (
        f"OPINION {headline}",
        "Inspectors close the bakery:",
        "Inspectors close bakery at 18:30 today",
    ):
        assert pick(over) == standfirst


def test_author_under_an_earlier_copy_of_the_headline_past_its_standfirst():
    lines = (
        HEADLINE,
        "",
        "Work on the bridge will go on through the winter",
        "Lakeside",
        "Tom Rivers",
        "Nov 19, 2019",
        "Photo gallery",
        "Image 1 of 9",
        "Next image",
        HEADLINE,
        LEAD,
    )
    assert author_name_line(lines, 10, 9) == "Tom Rivers"


def test_links_under_a_more_on_or_see_also_label_are_other_stories():
    other = "Ferry timetable changes for the winter season announced"
    lines = [HEADLINE, "", "By Ana Lopez", "", "Share", "", "More on:", "", "roads", "", other]
    lines += ["", "Bus lanes planned for the ring road", "", "See also", "", other, ""]
    lines += ["The ferry will run less often from December...", ""]
    assert best_headline(tuple([*lines, LEAD]), (len(lines),), "", other) == HEADLINE
    # in a menu, the same words are only a menu item: the line under them may be the headline
    lines = ["Bus lanes planned for the ring road", "", "Home", "More on", "Contact", "", other]
    lines += ["", "By Ana Lopez", "", LEAD]
    assert best_headline(tuple(lines), (len(lines) - 1,), "", other) == other


def test_a_read_more_link_under_a_teaser_does_not_make_the_headline_under_it_a_link():
    teaser = "Ferry timetable changes for the winter season announced"
    lines = ["Home", "", teaser, "The ferry will run less often from December.", "Read more"]
    lines += ["", HEADLINE, "", "By Ana Lopez", "", LEAD]
    assert best_headline(tuple(lines), (len(lines) - 1,), "") == HEADLINE


def test_a_headline_between_its_date_and_the_authors_name_takes_the_date_from_the_line_over_it():
    sidebar = "Guest column: is there still room for small ferries?"
    lines = ["Opinion blogs", "Harbour Voices", "", sidebar, "", "Friday 22 November 2019 9:10 am"]
    lines += ["", HEADLINE, "", "Tom Rivers", "", "Tom Rivers", "Share", "", LEAD]
    assert best_headline(tuple(lines), (len(lines) - 1,), "", sidebar) == HEADLINE
    # a sentence in that place is the standfirst of the line over the date
    lines[7] = "The new road was promised for years. The bridge dispute is not settled."
    assert best_headline(tuple(lines), (len(lines) - 1,), "", sidebar) == sidebar


def test_a_heading_taken_for_the_story_s_first_paragraph_is_its_headline():
    question = "Will the city road finally open next spring?"
    lines = ["Menu", "", "Traffic", "", question, "", LEAD]
    assert best_headline(tuple(lines), (4,)) == question
    # a caption with its agency's credit, or the paragraph's own opening words, is no heading
    lines[4] = "Workers on the bridge in March. AFP"
    assert best_headline(tuple(lines), (4,)) == ""
    lines[4] = " ".join(LEAD.split()[:6])
    assert best_headline(tuple(lines), (4,)) == ""


def test_a_line_that_ends_a_sentence_and_goes_on_is_a_caption_or_blurb_not_a_headline():
    caption = "Officials inspect the new bridge in the capital on Tuesday. Ana Lopez"
    lines = ["Traffic", "", caption, "", HEADLINE, "", "Ana Lopez", "", LEAD]
    assert best_headline(tuple(lines), (8,), "", caption) == HEADLINE
    # an abbreviation or a day's number is no sentence end
    titled = "Dr. Lee opens the city road on 3. June"
    lines = ["Traffic", "", titled, "", "Photo: city archive", "", LEAD]
    assert best_headline(tuple(lines), (6,), "", titled) == titled


def test_links_to_the_previous_or_next_post_are_not_headlines():
    head = "A long wait for the road"
    for link in ("« Ferry timetables change for the winter", "Bridge tolls: what drivers pay →"):
        lines = ["Blog", "", head, "", link, "", LEAD]
        assert best_headline(tuple(lines), (6,), "", link) == head
    # a French quote opens and closes its guillemets: it may be the headline
    quote = "« Nous attendons la route depuis deux ans »"
    lines = ["Blog", "", quote, "", "Ana Lopez", "", LEAD]
    assert best_headline(tuple(lines), (6,), "", quote) == quote


def test_the_outlets_name_and_a_pipe_menu_over_the_headline_are_not_headlines():
    # a masthead, a menu and crumbs above a headline with a kicker, then the byline and date
    headline = "Bridge talks: a toll plan waits for the council vote"
    lines = ["Skip to content", "Harbour Courier", "News | Sport | Weather | Business"]
    lines += ["Home > Region > Kiel", headline, "By Ana Lopez", "2 May 2024", LEAD]
    assert best_headline(tuple(lines), (len(lines) - 1,), "Harbour Courier") == headline
    menu_first = [line for line in lines if line != "Harbour Courier"]
    assert best_headline(tuple(menu_first), (len(menu_first) - 1,)) == headline
