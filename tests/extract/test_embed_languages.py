"""Official embed code in other interface languages: post text, author and date are read from
the embed's structure, so German and French embeds come out like English ones."""

from __future__ import annotations

import pytest

import mediacite
from paths import FIXTURES

LANGUAGES = FIXTURES / "html" / "languages"

Row = tuple[str, str, str | None, str | None, str | None, str | None, str | None]


def rows(name: str) -> list[Row]:
    return [
        (c.platform, c.kind, c.post_id, c.handle, c.author, c.date, c.text)
        for c in mediacite.extract_path(LANGUAGES / f"{name}.html")
    ]


def test_instagram_in_german_and_french() -> None:
    assert rows("instagram") == [
        # "Ein Beitrag geteilt von … am Mär 12, 2018 um 12:30 PDT": the caption paragraph is
        # the text, the profile link the author, the <time> the date.
        ("instagram", "blockquote", "BgTmFfYl3x9", "stadt.musterhausen", "Stadt Musterhausen",
         "2018-03-12", "Was für ein Abend auf dem Marktplatz! Danke an alle 🎉 #stadtfest"),
        ("instagram", "blockquote", "BgUaaBbCc12", "pompiers_exemple", "Pompiers Exemple",
         "2018-03-13", "Merci à toute l'équipe des pompiers volontaires !"),
        # Version 14 has no caption: "Diesen Beitrag auf Instagram ansehen" is not the text.
        ("instagram", "blockquote", "C4nQwErTyUi", "stadt.musterhausen", None, None, None),
    ]  # fmt: skip


def test_german_date_text_of_an_instagram_embed() -> None:
    first = mediacite.extract_path(LANGUAGES / "instagram.html")[0]
    assert first.date_text == "Mär 12, 2018 um 12:30 PDT"


def test_twitter_in_french_and_german() -> None:
    assert rows("twitter") == [
        ("twitter", "blockquote", "1725000000000000001", "Prefet_Exemple", "Préfet de l'Exemple",
         "2023-11-16", "⚠️ Vigilance orange vents violents à partir de 22h. Restez chez vous."),
        ("twitter", "blockquote", "1725000000000000002", "polizei_mh", "Polizei Musterhausen",
         "2023-11-16", "Die B27 ist zwischen Nord und Süd wegen umgestürzter Bäume gesperrt."),
    ]  # fmt: skip


def test_threads_tiktok_bluesky_mastodon_facebook() -> None:
    assert rows("others") == [
        # "Beitrag von @…" and "Auf Threads ansehen" are the embed's interface, not text.
        ("threads", "stub", "C9aBcDeFgHi", "buergermeisterin_mh", None, None, None),
        ("tiktok", "blockquote", "7300000000000000001", "mairie_exemple", None, None,
         "Le marché de Noël ouvre ce soir ! #noel"),
        ("bluesky", "blockquote", "3kwahlabend2x", "lokal.example.de", "Lokalredaktion",
         "2024-03-10", "Hochrechnung um 18 Uhr: knappe Mehrheit für den Antrag."),
        ("mastodon", "stub", "111000000000000001", "mairie@social.example.fr", None, None, None),
        # "Gepostet von <a>Seite</a> am <a>Sonntag, 10. März 2024</a>".
        ("facebook", "blockquote", "1234567890123456", "stadtmusterhausen", "Stadt Musterhausen",
         "2024-03-10", "Die Wahllokale haben bis 18 Uhr geöffnet."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ('Un post condiviso da <a href="https://www.instagram.com/comune/">Comune</a> (@comune)'
         ' in data: <time datetime="2019-05-02T10:00:00+00:00">2 mag 2019 alle ore 3:00 PDT</time>',
         "Comune", "2019-05-02"),
        ('Una publicación compartida de <a href="https://www.instagram.com/comune/">Comune</a> '
         '(@comune) el <time datetime="2019-05-02T10:00:00+00:00">2 may. 2019 a las 3:00 PDT'
         "</time>", "Comune", "2019-05-02"),
        # No date a locale knows: the <time> element's own datetime.
        ('<a href="https://www.instagram.com/comune/">Comune</a> (@comune) '
         '<time datetime="2019-05-02T10:00:00+00:00">2019/5/2</time>', "Comune", "2019-05-02"),
    ],
)  # fmt: skip
def test_any_language_shared_by_line(line: str, author: str, date: str) -> None:
    page = (
        '<html><body><blockquote class="instagram-media" '
        'data-instgrm-permalink="https://www.instagram.com/p/BgXyZ123abc/"><div>'
        '<p><a href="https://www.instagram.com/p/BgXyZ123abc/">Festa in piazza</a></p>'
        f"<p>{line}</p></div></blockquote></body></html>"
    )
    (c,) = mediacite.extract_html(page)
    assert (c.handle, c.author, c.date, c.text) == ("comune", author, date, "Festa in piazza")
