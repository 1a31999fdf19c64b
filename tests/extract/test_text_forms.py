"""Flattened forms real scrapers leave (issue 12), one family at a time, on our own fixtures.

Every text here is our own writing, modelled on the shapes found in public news datasets:
bylines without a dash or split over lines, inserted lines, rendered cards, one sentence a
line, credit lines in other languages, glued links, lead-ins, a post printed twice, debris.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mediacite
from mediacite import Citation

WEIGHT_BOUND = 280


def one(text: str) -> Citation:
    found = mediacite.extract_text(text)
    assert len(found) == 1, found
    return found[0]


def fixture(fixtures: Path, name: str) -> str:
    return (fixtures / "text" / name).read_text("utf-8")


# -- bylines without a dash -------------------------------------------------------------------


def test_no_dash_and_next_sentence_glued_to_the_date() -> None:
    c = one(
        "The harbour will stay shut until the storm passes.\n\n"
        "Keep off the sea wall tonight, waves are breaking over it!  Eastport Transport "
        "(@EastportTransit) March 14, 2024Officials said the ferry would resume on Friday.\n"
    )
    assert (c.handle, c.author, c.date) == ("EastportTransit", "Eastport Transport", "2024-03-14")
    assert c.text == "Keep off the sea wall tonight, waves are breaking over it!"


def test_no_dash_after_a_media_link() -> None:
    c = one(
        "Crews at the bridge this morning. pic.twitter.com/Hb7kQw2ZxA Eastport Transport "
        "(@EastportTransit) March 14, 2024\n\nMore prose.\n"
    )
    assert c.author == "Eastport Transport"
    assert c.media == ("pic.twitter.com/Hb7kQw2ZxA",)
    assert c.text == "Crews at the bridge this morning."


def test_no_dash_keeps_initials_in_the_name() -> None:
    c = one("All clear on Route 9!  Ines J. Okafor (@MayorOkafor) March 14, 2024\n")
    assert c.author == "Ines J. Okafor"


@pytest.mark.parametrize(
    "prose",
    [
        "Ines Okafor (@MayorOkafor) March 14, 2024 told reporters the bridge would reopen.",
        "We spoke to Ines Okafor (@MayorOkafor) March 14, 2024.",
        "In a long and winding interview with the local paper the mayor Ines Okafor "
        "(@MayorOkafor) March 14, 2024\n",
    ],
)
def test_no_dash_needs_a_post_end_and_no_running_prose(prose: str) -> None:
    assert mediacite.extract_text(prose) == []


# -- bylines split over lines, lines inserted, dashes glued ------------------------------------


def test_name_and_dash_on_the_line_above_the_handle() -> None:
    c = one(
        "Storm warning for the coast tonight pic.twitter.com/Hb7kQw2ZxA — Eastport Weather\n"
        "(@EastportWx) October 10, 2017\n"
    )
    assert (c.handle, c.author, c.date) == ("EastportWx", "Eastport Weather", "2017-10-10")
    assert c.text == "Storm warning for the coast tonight"


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n"])
def test_dash_ending_the_text_line(gap: str) -> None:
    c = one(f"Route 9 is open again. —{gap}Eastport Transport (@EastportTransit) March 14, 2024\n")
    assert (c.author, c.text) == ("Eastport Transport", "Route 9 is open again.")


@pytest.mark.parametrize(
    "inserted",
    [
        "Advertisement",
        "ADVERTISEMENT\n\nStory continues below advertisement",
        "Yes\n\n41%\n\nNo\n\n59%\n\n1,204 votes • Final results",
    ],
    ids=["advert", "adverts", "poll"],
)
def test_lines_between_the_media_link_and_its_byline(inserted: str) -> None:
    c = one(
        "Will the bridge reopen by Friday? pic.twitter.com/Hb7kQw2ZxA\n\n"
        f"{inserted}\n\n— Eastport Transport (@EastportTransit) March 14, 2024\n"
    )
    assert c.handle == "EastportTransit"
    assert c.text == "Will the bridge reopen by Friday?"
    assert c.media == ("pic.twitter.com/Hb7kQw2ZxA",)


def test_advertisement_between_text_and_byline() -> None:
    c = one(
        "Route 9 is open again.\n\nAdvertisement\n\n"
        "— Eastport Transport (@EastportTransit) March 14, 2024\n"
    )
    assert c.text == "Route 9 is open again."


def test_media_link_glued_to_the_dash() -> None:
    c = one(
        "Closed until further notice pic.twitter.com/rzb7NNWLTf— Le Port (@LePort_E1) May 3, 2023"
    )
    assert (c.handle, c.text, c.media) == (
        "LePort_E1",
        "Closed until further notice",
        ("pic.twitter.com/rzb7NNWLTf",),
    )


@pytest.mark.parametrize("dash", ["â€”", "Ã¢Â\x80Â\x94"], ids=["cp1252", "double"])
def test_mojibake_dash(dash: str) -> None:
    c = one(f"Route 9 is open. pic.twitter.com/Hb7kQw2ZxA {dash} City (@EastportCity) May 3, 2023")
    assert (c.handle, c.author, c.text) == ("EastportCity", "City", "Route 9 is open.")


def test_stray_copy_of_the_byline_before_the_text() -> None:
    c = one(
        "\n\n— Ines (@MayorOkafor) We have forty crews out tonight. Every road will be checked."
        "— Ines (@MayorOkafor) March 14, 2024\n"
    )
    assert c.text == "We have forty crews out tonight. Every road will be checked."


# -- flattened cards ----------------------------------------------------------------------------


def test_card_account_line_then_text_then_stamp() -> None:
    c = one(
        "The agency answered within minutes.\n\nFollow\nEastport Transport @EastportTransit\n"
        "The bridge is closed in both directions. Use the ring road.\n11:22 PM - 19 Oct 2016\n\n"
        "Commuters were not impressed.\n"
    )
    assert (c.kind, c.handle, c.author) == ("widget", "EastportTransit", "Eastport Transport")
    assert (c.date, c.date_text) == ("2016-10-19", "11:22 PM - 19 Oct 2016")
    assert c.text == "The bridge is closed in both directions. Use the ring road."


def test_card_in_one_paragraph_with_counts() -> None:
    c = one(
        "Officials were blunt on Monday -- Stay off the roads tonight, all of them. Follow "
        "Eastport Transport ✔ @EastportTransit 4:23 PM - 6 Aug 2012 1,204 1,204 Retweets 3,310 "
        "3,310 likes -- the agency later deleted it."
    )
    assert (c.kind, c.handle, c.author, c.date) == (
        "widget",
        "EastportTransit",
        "Eastport Transport",
        "2012-08-06",
    )
    assert c.text is not None and c.text.endswith("Stay off the roads tonight, all of them.")


def test_card_with_only_a_name_line_and_the_text_after_the_stamp() -> None:
    c = one(
        "Then came a reply.\n\nMARALINDQ\n\n"
        "9:46 AM - 5 Nov 2017 “The water is up to the second step. Stay safe everyone.”\n\n"
        "The council met at noon."
    )
    assert (c.kind, c.handle, c.author, c.date) == ("widget", None, "MARALINDQ", "2017-11-05")
    assert c.text == "“The water is up to the second step. Stay safe everyone.”"


@pytest.mark.parametrize(
    "chrome", ["", "·\nFollow\n", "· Follow\n"], ids=["bare", "separator-and-button", "one-line"]
)
def test_card_of_today_name_and_handle_on_their_own_lines(chrome: str) -> None:
    c = one(
        "The agency answered within minutes.\n\nEastport Transport ✔\n@EastportTransit\n"
        f"{chrome}The bridge is closed in both directions. Use the ring road.\n"
        "9:14 AM · Mar 14, 2024\n12\nReply\nCopy link\n\nCommuters were not impressed.\n"
    )
    assert (c.kind, c.handle, c.author) == ("widget", "EastportTransit", "Eastport Transport")
    assert (c.date, c.date_text) == ("2024-03-14", "9:14 AM · Mar 14, 2024")
    assert c.text == "The bridge is closed in both directions. Use the ring road."


def test_header_first_card() -> None:
    c = one(
        "The agency responded.\n\nEastport Transport (@EastportTransit) The bridge is closed in "
        "both directions. Use the ring road. pic.twitter.com/Hb7kQw2ZxA\n\nMore text."
    )
    assert (c.kind, c.handle, c.author, c.date) == (
        "widget",
        "EastportTransit",
        "Eastport Transport",
        None,
    )
    assert c.text == "The bridge is closed in both directions. Use the ring road."


@pytest.mark.parametrize(
    "prose",
    [
        "The mayor, Ines Okafor (@MayorOkafor) said on Monday that https://example.com/x",
        "Follow on Twitter: Follow @EastportTransit",
        "The meeting ran from 4:23 PM - 6 Aug 2012 until late.",
    ],
)
def test_not_cards(prose: str) -> None:
    assert mediacite.extract_text(prose) == []


# -- one sentence a line -------------------------------------------------------------------------


def test_one_sentence_a_line(fixtures: Path) -> None:
    text = fixture(fixtures, "sentence_per_line.txt")
    found = mediacite.extract_text(text)
    assert [(c.handle, c.text) for c in found] == [
        ("EastportTransit", "Release the inspection report."),
        (
            "MayorOkafor",
            "Residents deserve to know what the engineers found. The report must be published "
            "today. Nothing less will do.",
        ),
        ("maralindq", "I cannot believe this was kept quiet. Resign."),
        ("samwrites", "The bridge was never safe. Ask anyone who drives it."),
    ]


def test_one_sentence_a_line_does_not_take_undelimited_prose() -> None:
    c = one(
        "The city handed out sandbags on Wednesday.\n"
        "Sandbags are available at all fire stations.\n"
        "Bring your own shovel pic.twitter.com/Hb7kQw2ZxA\n"
        "Residents queued for hours.\n"
    )
    assert c.text == "Bring your own shovel"


# -- credit lines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author", "handle", "date", "date_text", "caption"),
    [
        (
            "The water is still rising #eastport A photo posted by Ines Okafor (@mayorokafor) "
            "on Mar 14, 2016 at 9:10am PDT",
            "Ines Okafor",
            "mayorokafor",
            "2016-03-14",
            "Mar 14, 2016 at 9:10am PDT",
            "The water is still rising #eastport",
        ),
        (
            "Sandbags everywhere A video posted by Eastport (@eastport) on Jan 26, 2016 at "
            "10:04am PST",
            "Eastport",
            "eastport",
            "2016-01-26",
            "Jan 26, 2016 at 10:04am PST",
            "Sandbags everywhere",
        ),
        (
            "Hochwasser am Hafen 🌊 Ein Beitrag geteilt von Mara Lindqvist (@maralindq) am "
            "Mär 12, 2018 um 12:30 PDT",
            "Mara Lindqvist",
            "maralindq",
            "2018-03-12",
            "Mär 12, 2018 um 12:30 PDT",
            "Hochwasser am Hafen 🌊",
        ),
        (
            "La digue a tenu Une publication partagée par Ville de Port (@villeport) le "
            "12 mars 2018 à 12:30 PDT",
            "Ville de Port",
            "villeport",
            "2018-03-12",
            "12 mars 2018 à 12:30 PDT",
            "La digue a tenu",
        ),
        (
            "Вода поднимается Публикация от Mara Lindqvist (@maralindq)19 Апр 2020 в 1:10 PDT",
            "Mara Lindqvist",
            "maralindq",
            "2020-04-19",
            "19 Апр 2020 в 1:10 PDT",
            "Вода поднимается",
        ),
        (
            "El puente está cerrado Una publicación compartida de Puerto Este (@puertoeste) "
            "el 12 mar 2018 a las 12:30 PDT",
            "Puerto Este",
            "puertoeste",
            "2018-03-12",
            "12 mar 2018 a las 12:30 PDT",
            "El puente está cerrado",
        ),
        (
            "Banjir lagi Video kiriman Mara Lindqvist (@maralindq) pada Mei 28, 2016 pada 9:50 PDT",
            "Mara Lindqvist",
            "maralindq",
            "2016-05-28",
            "Mei 28, 2016 pada 9:50 PDT",
            "Banjir lagi",
        ),
        (
            "Mum A photo posted by caroline (@carolinefl) onMar 6, 2016 at 4:36am PST",
            "caroline",
            "carolinefl",
            "2016-03-06",
            "Mar 6, 2016 at 4:36am PST",
            "Mum",
        ),
        (
            "Thanks mam A photo posted by @eastfan onMar 6, 2016 at 3:40am PST",
            None,
            "eastfan",
            "2016-03-06",
            "Mar 6, 2016 at 3:40am PST",
            "Thanks mam",
        ),
        (
            "Wedding day! A post shared by @ normacook on Jul 9, 2018 at 9:31am PDT Jul 9, 2018 "
            "at 9:31am PDT",
            None,
            "normacook",
            "2018-07-09",
            "Jul 9, 2018 at 9:31am PDT",
            "Wedding day!",
        ),
    ],
    ids=["en-photo", "en-video", "de", "fr", "ru-glued", "es", "id", "on-glued", "bare", "repeat"],
)
def test_instagram_credit_lines(
    line: str,
    author: str | None,
    handle: str,
    date: str,
    date_text: str,
    caption: str,
) -> None:
    c = one(f"The mayor shared it.\n\n{line}\n\nMore prose.\n")
    assert (c.platform, c.kind) == ("instagram", "byline")
    assert (c.author, c.handle, c.date, c.date_text) == (author, handle, date, date_text)
    assert c.text == caption


def test_instagram_credit_in_an_unlisted_language_is_found_by_its_structure() -> None:
    c = one(
        "Su yükseliyor Mara Lindqvist (@maralindq) tarafından paylaşılan bir gönderi "
        "12 Mar 2018 12:30 PDT\n"
    )
    assert (c.platform, c.handle, c.author, c.date) == (
        "instagram",
        "maralindq",
        "Mara Lindqvist",
        "2018-03-12",
    )
    assert c.text is None


def test_instagram_credit_opening_its_paragraph_has_no_caption() -> None:
    c = one(
        "Her fans noticed at once.\n\nA post shared by Mara Lindqvist (@maralindq) "
        "Aug 13, 2016 at 10:37pm PDT\n\nMore prose.\n"
    )
    assert (c.handle, c.date, c.text) == ("maralindq", "2016-08-13", None)


def test_instagram_credit_after_residue_without_date() -> None:
    c = one(
        "This content is imported from Instagram. You may be able to find the same content in "
        "another format, or you may be able to find more information, at their web site. "
        "View this post on Instagram A post shared by Mara Lindqvist (@maralindq)\n\nMore.\n"
    )
    assert (c.platform, c.handle, c.author, c.date, c.text) == (
        "instagram",
        "maralindq",
        "Mara Lindqvist",
        None,
        None,
    )


def test_instagram_credit_after_residue_takes_no_text_from_the_paragraphs_above() -> None:
    notice = (
        "This content is imported from Instagram. You may be able to find the same content in "
        "another format, or you may be able to find more information, at their web site. "
    )
    text = (
        f"{notice}Night shift at the harbour pic.twitter.com/AbCdEfGh12 — Mara Lindqvist "
        '(@maralindq) May 23, 2017\n\n"We were there all night," she wrote on Instagram.\n\n'
        f"{notice}View this post on Instagram A post shared by Mara Lindqvist (@mara_lq)\n\n"
        "More prose.\n"
    )
    found = {c.platform: c for c in mediacite.extract_text(text)}
    credit = found["instagram"]
    assert credit.text is None
    assert text[credit.start : credit.end] == "A post shared by Mara Lindqvist (@mara_lq)"
    assert found["twitter"].end < text.index("We were")


@pytest.mark.parametrize(
    "box",
    [
        "Twitter-Inhalt laden\n",
        "Externer Inhalt von Twitter. Wir benötigen Ihre Zustimmung, um den von Twitter "
        "bereitgestellten Inhalt zu laden.\n",
        "Contenu externe\nCe contenu est bloqué car vous n'avez pas accepté les cookies de "
        "Twitter.\n",
        "Twitter content\nThis content can also be viewed on the site it originates from.\n",
        "Instagram-Beitrag\n",
    ],
)
def test_consent_box_lines_before_a_post_are_not_its_text(box: str) -> None:
    c = one(
        "Der Bürgermeister äußerte sich am Dienstag zur Sperrung der Brücke.\n"
        f"{box}Die Brücke ist in beide Richtungen gesperrt. pic.twitter.com/Hb7kQw2ZxA — Eastport "
        "Verkehr (@EastportTransit) 14. März 2024\nDie Reparatur dauert Wochen.\n"
    )
    assert c.text == "Die Brücke ist in beide Richtungen gesperrt."


def test_a_post_about_privacy_keeps_its_lines() -> None:
    c = one(
        "The mayor answered.\n\nCookie banners on every council page from today.\n"
        "Privacy rules say so. pic.twitter.com/Hb7kQw2ZxA — Eastport Transport "
        "(@EastportTransit) March 14, 2024\n\nMore.\n"
    )
    assert c.text == "Cookie banners on every council page from today. Privacy rules say so."


@pytest.mark.parametrize(
    "written",
    [
        " https://twitter.com/EastportTransit/status/1768190000123456789",
        " (https://twitter.com/EastportTransit/status/1768190000123456789).",
        " <https://x.com/EastportTransit/status/1768190000123456789?ref_src=twsrc%5Etfw>",
    ],
)
def test_date_link_written_out_after_the_date_gives_the_post(written: str) -> None:
    text = (
        "The agency answered.\n\nThe bridge is closed. — Eastport Transport (@EastportTransit) "
        f"March 14, 2024{written}\n\nMore.\n"
    )
    (c,) = mediacite.extract_text(text)
    assert (c.kind, c.post_id, c.date) == ("byline", "1768190000123456789", "2024-03-14")
    assert "1768190000123456789" in text[c.start : c.end]


@pytest.mark.parametrize(
    ("credit", "date_text"),
    [
        (
            "Un post condiviso da Mara Lindqvist (@maralindq) in data: 12 Mar 2018 alle ore "
            "12:30 PDT",
            "12 Mar 2018 alle ore 12:30 PDT",
        ),
        (
            "A post shared by Mara Lindqvist (@maralindq) on Mar 12, 2018 at 12:30pm PDT",
            "Mar 12, 2018 at 12:30pm PDT",
        ),
    ],
)
def test_instagram_credit_with_one_or_two_words_before_its_date(
    credit: str, date_text: str
) -> None:
    c = one(f"She told her fans.\n\nTour dates are out! #tour\n{credit}\n\nMore.\n")
    assert (c.platform, c.handle, c.author, c.date, c.date_text) == (
        "instagram",
        "maralindq",
        "Mara Lindqvist",
        "2018-03-12",
        date_text,
    )
    assert c.text == "Tour dates are out! #tour"


@pytest.mark.parametrize("quote", ["", "> "])
def test_flattened_tiktok_embed(quote: str) -> None:
    text = (
        "A programmer answered the same day:\n\n"
        f"{quote}@harbourcrew Bridge closed again, detour via the ring road #eastport #traffic "
        "♬ original sound - Harbour Crew\n\nThe council met on Friday.\n"
    )
    (c,) = mediacite.extract_text(text)
    assert (c.platform, c.kind, c.handle, c.post_id) == ("tiktok", "byline", "harbourcrew", None)
    assert c.text == "Bridge closed again, detour via the ring road #eastport #traffic"
    assert c.hashtags == ("eastport", "traffic")
    assert text[c.start : c.end].startswith("@harbourcrew")
    assert text[c.start : c.end].endswith("Harbour Crew")


def test_flattened_tiktok_embed_with_its_video_link_is_one_citation() -> None:
    text = (
        "@harbourcrew Bridge closed again #eastport ♬ original sound - Harbour Crew "
        "https://www.tiktok.com/@harbourcrew/video/7301234567890123456\n"
    )
    (c,) = mediacite.extract_text(text)
    assert (c.kind, c.post_id, c.handle, len(c.also_at)) == (
        "byline",
        "7301234567890123456",
        "harbourcrew",
        1,
    )


def test_a_note_symbol_in_prose_is_no_tiktok_embed() -> None:
    assert mediacite.extract_text("She hummed ♬ all the way home, said @harbourcrew.\n") == []


@pytest.mark.parametrize("written", ["{url}", "({url})", "<{url}>"])
def test_date_link_printed_as_its_address_in_place_of_the_date(written: str) -> None:
    url = "https://twitter.com/EastportTransit/status/1768190000123456789"
    text = (
        "The agency answered.\n\nThe bridge is closed. pic.twitter.com/Hb7kQw2ZxA — Eastport "
        f"Transport (@EastportTransit) {written.format(url=url)}\n\nMore.\n"
    )
    (c,) = mediacite.extract_text(text)
    assert (c.kind, c.post_id, c.handle, c.date, c.date_text) == (
        "byline",
        "1768190000123456789",
        "EastportTransit",
        "2024-03-14",
        None,
    )
    assert c.text == "The bridge is closed."


def test_facebook_credit_line() -> None:
    c = one(
        "Officials shared a video.\n\nThe bridge at dawn, closed both ways. Posted by Eastport "
        "Transport on Wednesday, March 2, 2016\n\nMore text."
    )
    assert (c.platform, c.kind, c.handle, c.author) == (
        "facebook",
        "byline",
        None,
        "Eastport Transport",
    )
    assert (c.date, c.date_text) == ("2016-03-02", "Wednesday, March 2, 2016")
    assert c.text == "The bridge at dawn, closed both ways."


@pytest.mark.parametrize(
    "credit",
    [
        "Publicado por Eastport Transportes em Quarta-feira, 2 de março de 2016",
        "Publié par Eastport Transports sur Mercredi 2 mars 2016",
        "Geplaatst door Eastport Vervoer op woensdag 2 maart 2016",
    ],
)
def test_facebook_credit_line_with_the_weekday_as_its_language_writes_it(credit: str) -> None:
    c = one(f"Officials shared a video.\n\nThe bridge at dawn. {credit}\n\nMore text.")
    assert (c.platform, c.kind, c.date) == ("facebook", "byline", "2016-03-02")
    assert c.author is not None and c.author.startswith("Eastport")
    assert c.text == "The bridge at dawn."


@pytest.mark.parametrize(
    "prose",
    [
        "Posted by admin on Monday, May 3, 2010\n\nWelcome to my blog.",
        "A post shared by the council on its website.",
        "Great post!\n\nTori (@toriwrites) October 26, 2012 at 1:32 am\n\nLoved it.",
        "A photo posted by Mara (@maralindq) (@maralindq) on the pier",
    ],
    ids=["blog-footer", "phrase-only", "comment", "debris"],
)
def test_not_credit_lines(prose: str) -> None:
    assert mediacite.extract_text(prose) == []


# -- links --------------------------------------------------------------------------------------


def test_status_urls_glued_to_the_words_around_them() -> None:
    found = mediacite.extract_text(
        "See https://twitter.com/EastportWx/status/1768190000123456789Officials said so, and "
        "311104https://twitter.com/EastportWx/status/1768190000123456790 too."
    )
    assert [(c.kind, c.post_id) for c in found] == [
        ("link", "1768190000123456789"),
        ("link", "1768190000123456790"),
    ]


def test_status_url_cut_short_names_no_post() -> None:
    c = one("Then: https://twitter.com/EastportWx/status/8723001... the thread went on.")
    assert (c.kind, c.handle, c.post_id, c.url) == ("link", "EastportWx", None, None)


def test_date_in_a_raw_embed_anchor_gives_the_post_id() -> None:
    c = one(
        '<blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">Bridge closed '
        '&amp; guarded <a href="https://t.co/Q8sLmN2vXe">https://t.co/Q8sLmN2vXe</a></p>&mdash; '
        'Eastport Transport (@EastportTransit) <a href="https://twitter.com/EastportTransit/'
        'status/1768190000123456789?ref_src=twsrc%5Etfw">March 14, 2024</a></blockquote> '
        '<script async src="https://platform.twitter.com/widgets.js"></script>\n'
    )
    assert (c.post_id, c.date) == ("1768190000123456789", "2024-03-14")
    assert c.text == "Bridge closed & guarded https://t.co/Q8sLmN2vXe"


# -- where a post starts --------------------------------------------------------------------------


def test_lead_in_sentence_on_the_post_line() -> None:
    c = one(
        "The mayor later posted a statement. We are aware of the outage and crews are on site. "
        "— Ines Okafor (@MayorOkafor) March 14, 2024\n"
    )
    assert c.text == "We are aware of the outage and crews are on site."


def test_a_posting_verb_inside_the_post_is_not_a_lead_in() -> None:
    c = one(
        "The harbour team posted its best week ever with 40 rescues and 12 repairs. Proud of "
        "you all. — Eastport Harbour (@EastportHarbour) March 14, 2024\n"
    )
    assert c.text is not None and c.text.startswith("The harbour team posted")


def test_post_glued_after_the_previous_byline_runs_over_paragraphs() -> None:
    found = mediacite.extract_text(
        "Happy new year everyone! — Mara (@maralindq) December 31, 2016 Before I fall asleep:\n\n"
        "Happy new year.\n\nLet's make new things. — Sam (@samwrites) January 1, 2017\n"
    )
    assert [c.text for c in found] == [
        "Happy new year everyone!",
        "Before I fall asleep: Happy new year. Let's make new things.",
    ]


def test_residue_opens_a_post_of_several_paragraphs() -> None:
    c = one(
        "Mr Okafor later tweeted about it.\n\nSkip Twitter post by @MayorOkafor We know how hard "
        "this week has been.\n\n\n\nThe bridge will reopen on Monday. — Ines Okafor "
        "(@MayorOkafor) March 14, 2024 Report\n\nMore."
    )
    assert c.text == "We know how hard this week has been. The bridge will reopen on Monday."


def test_imported_content_notice_is_not_post_text() -> None:
    c = one(
        "He replied within the hour. This content is imported from Twitter. You may be able to "
        "find the same content in another format, or you may be able to find more information, "
        "at their web site. Stay safe everyone — Ines Okafor (@MayorOkafor) March 14, 2024\n"
    )
    assert c.text == "Stay safe everyone"


def test_short_paragraph_set_apart_by_several_blank_lines() -> None:
    c = one(
        "The council met on Tuesday and approved the budget.\n\n"
        "BREAKING: the bridge reopens tonight.\n\n\n\n"
        "Thank you to every crew. pic.twitter.com/Hb7kQw2ZxA — Eastport (@EastportCity) "
        "March 14, 2024\n"
    )
    assert c.text == "BREAKING: the bridge reopens tonight. Thank you to every crew."


def test_article_paragraph_above_a_post_is_not_taken() -> None:
    c = one(
        "While video of the other crossing was shared widely, officials said nothing.\n\n"
        "Extremely graphic: the old span gave way. pic.twitter.com/Hb7kQw2ZxA — Eastport News "
        "(@EastportNews) March 14, 2024\n"
    )
    assert c.text == "Extremely graphic: the old span gave way."


def test_paragraphs_joined_by_double_spaces_in_one_long_line(fixtures: Path) -> None:
    text = fixture(fixtures, "single_paragraph.txt")
    found = mediacite.extract_text(text)
    assert [(c.platform, c.handle, c.text) for c in found] == [
        ("twitter", None, "This picture says it all. #eastport"),
        ("twitter", "EastportNews", "Packed house at the town hall. Standing room only."),
        ("instagram", "maralindq", "So this is the queue at the pier right now #eastport"),
    ]


def test_post_never_weighs_more_than_the_bound() -> None:
    prose = " ".join(f"Sentence number {n} of the article goes on." for n in range(60))
    c = one(f"{prose} Repairs start now. — Eastport (@EastportCity) March 14, 2024\n")
    assert c.text is not None and len(c.text) <= WEIGHT_BOUND


# -- one record per post, and debris ----------------------------------------------------------


def test_post_printed_twice_is_one_citation_with_both_positions() -> None:
    text = (
        "Stay off the sea wall. — Eastport Transport (@EastportTransit) March 14, 2024\n\n"
        "The agency repeated it later:\n\n"
        "Stay off the sea wall. — Eastport Transport (@EastportTransit) March 14, 2024\n"
    )
    c = one(text)
    assert c.line == 1
    assert [(s.line, s.column) for s in c.also_at] == [(5, 1)]
    (span,) = c.also_at
    assert text[span.start : span.end].startswith("Stay off the sea wall.")


def test_posts_without_text_are_not_merged() -> None:
    line = "A post shared by Mara Lindqvist (@maralindq) on Sep 19, 2017 at 5:20pm PDT"
    found = mediacite.extract_text(f"{line}\n\n{line}\n\n{line}\n")
    assert len(found) == 3 and all(not c.also_at for c in found)


def test_bare_media_link_and_its_byline_copy_are_one_post() -> None:
    found = mediacite.extract_text(
        "Flooded again pic.twitter.com/Hb7kQw2ZxA\n\nThe agency's post:\n\n"
        "Flooded again pic.twitter.com/Hb7kQw2ZxA — Eastport (@EastportCity) March 14, 2024\n"
    )
    assert len(found) == 1
    assert found[0].handle == "EastportCity" and len(found[0].also_at) == 1


@pytest.mark.parametrize(
    "debris",
    [
        "Look pic.twitter.com/Ab12 here.",
        "A link pic.twitter.com/AbCdEfGhIjKlMnOp here.",
        "Debris (@a) (@a) (@a) March 14, 2024\n",
        "— (@a) (@a) (@a) March 14, 2024\n",
        "The actress wore black.\n\n– Mara Lindqvist (@maralindq) on the red carpet.\n",
        "— Follow the Ticker on Twitter: @EastportTicker\n",
        "Her comment: ok. — (@maralindq)\n",
    ],
)
def test_debris_gives_no_record(debris: str) -> None:
    assert mediacite.extract_text(debris) == []


def test_bbc_consent_box_and_end_line_are_not_post_text() -> None:
    found = mediacite.extract_text(
        "The senator responded on Monday.\n\nSkip twitter post by Ines Okafor\n\n"
        "Allow Twitter content?\n\nThis article contains content provided by Twitter. We ask "
        "for your permission before anything is loaded. To view this content choose ‘accept "
        "and continue’.\n\nAccept and continue\n\nThe bridge reopens Monday. — Ines Okafor "
        "(@MayorOkafor) March 14, 2024\n\nEnd of twitter post by Ines Okafor\n\n"
        "The council met later.\n\nFlooding again today. — Eastport (@EastportCity) "
        "March 15, 2024\n"
    )
    assert [c.text for c in found] == ["The bridge reopens Monday.", "Flooding again today."]


def test_streaming_in_small_pieces_finds_the_same_citations() -> None:
    import io

    from mediacite.extract.text import iter_text_stream

    forms = [
        "Update {n}: the bridge is closed. pic.twitter.com/Hb7kQw{n:04d} — Eastport "
        "(@EastportCity) March {d}, 2024\n\n",
        "Crews out on Route {n}!  Eastport Transport (@EastportTransit) March {d}, 2024\n\n",
        "Queue number {n} at the pier A photo posted by Mara (@maralindq) on Mar {d}, 2016 at "
        "9:1{e}am PDT\n\n",
        "Readings at https://twitter.com/EastportWx/status/17681900001234{n:05d} today.\n\n",
        "Prose about the harbour, paragraph {n}, with nothing cited in it at all.\n\n",
    ]
    text = "".join(forms[n % len(forms)].format(n=n, d=1 + n % 28, e=n % 10) for n in range(1500))
    whole = [c.to_dict() for c in mediacite.extract_text(text)]
    streamed = [
        c.to_dict() for c in iter_text_stream(io.BytesIO(text.encode("utf-8")), chunk_bytes=4096)
    ]
    assert streamed == whole
    assert len(whole) == 1200


def test_windows_line_endings() -> None:
    text = (
        "Route 9 is open again. —\r\n\r\nEastport Transport (@EastportTransit) March 14, 2024\r\n"
        "\r\nCrews at the pier! pic.twitter.com/Hb7kQw2ZxA Eastport (@EastportCity) "
        "March 15, 2024\r\n\r\nView this post on Instagram A post shared by Mara Lindqvist "
        "(@maralindq)\r\n\r\nEastport News (@EastportNews) Ferries resume at noon. "
        "https://t.co/Q8sLmN2vXe\r\n\r\n[1]: https://twitter.com/EastportWx/status/1768190000123456789\r\n"
    )
    found = mediacite.extract_text(text)
    assert [(c.kind, c.handle) for c in found] == [
        ("byline", "EastportTransit"),
        ("byline", "EastportCity"),
        ("byline", "maralindq"),
        ("widget", "EastportNews"),
        ("link", "EastportWx"),
    ]


def test_title_before_a_name_without_dash_is_part_of_the_name() -> None:
    c = one(
        "Who are we if we respond to threats with threats? pic.twitter.com/Hb7kQw2ZxA\n\n"
        "Rep. Ines Okafor (@MayorOkafor) November 19, 2019"
    )
    assert (c.author, c.text) == (
        "Rep. Ines Okafor",
        "Who are we if we respond to threats with threats?",
    )
