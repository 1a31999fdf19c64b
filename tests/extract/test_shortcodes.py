"""Shortcode and component calls: each syntax family, the rules that find their posts, negatives."""

from __future__ import annotations

import pytest

from mediacite.extract.platforms import PLATFORMS
from mediacite.extract.shortcodes import embedded_post, scan


def posts(text: str) -> list[tuple[str, str | None, str | None]]:
    calls, _ = scan(text)
    found = [embedded_post(c) for c in calls]
    return [(e.platform.NAME, e.fields["post_id"], e.fields["handle"]) for e in found if e]


FORMS = [
    # Hugo
    ('{{< tweet user="jack" id="20" >}}', ("twitter", "20", "jack")),
    ("{{< tweet 1768190000123456701 >}}", ("twitter", "1768190000123456701", None)),
    ('{{% tweet "1768190000123456701" %}}', ("twitter", "1768190000123456701", None)),
    ('{{< x user="a_b" id="1768190000123456701" />}}', ("twitter", "1768190000123456701", "a_b")),
    ("{{< x_simple user=a id=123 >}}", ("twitter", "123", "a")),
    ("{{< twitter_simple 123 >}}", ("twitter", "123", None)),
    ("{{< instagram C4xYz12AbCd hidecaption >}}", ("instagram", "C4xYz12AbCd", None)),
    ("{{< youtube aBcD3fGh1Jk >}}", ("youtube", "aBcD3fGh1Jk", None)),
    ('{{< youtube id="aBcD3fGh1Jk" autoplay="true" >}}', ("youtube", "aBcD3fGh1Jk", None)),
    (
        '{{< youtube-shorts "https://www.youtube.com/shorts/aBcD3fGh1Jk" >}}',
        ("youtube", "aBcD3fGh1Jk", None),
    ),
    ('{{< video "https://www.youtube.com/embed/aBcD3fGh1Jk" >}}', ("youtube", "aBcD3fGh1Jk", None)),
    ('{{< telegram "harbournews/1201" >}}', ("telegram", "harbournews/1201", "harbournews")),
    (
        '{{< bluesky user="a.bsky.social" id="3kabcdefghi2y" >}}',
        ("bluesky", "3kabcdefghi2y", "a.bsky.social"),
    ),
    (
        '{{< reddit "https://www.reddit.com/r/xperia/comments/1199y1j/t/" >}}',
        ("reddit", "1199y1j", None),
    ),
    ('{{< threads user="zuck" id="DOMD1yDj9M4" >}}', ("threads", "DOMD1yDj9M4", "zuck")),
    (
        '{{< facebook "https://www.facebook.com/Page/posts/123456789" >}}',
        ("facebook", "123456789", "Page"),
    ),
    # Liquid, Nunjucks
    ("{% tweet https://twitter.com/a/status/123?lang=en %}", ("twitter", "123", "a")),
    ("{%- twitter oembed https://x.com/a/status/123 -%}", ("twitter", "123", "a")),
    ('{% include tweet.html id="123" %}', ("twitter", "123", None)),
    ("{% include embed/twitter.html id='123' %}", ("twitter", "123", None)),
    ("{% include tweet.html\n   url=https://twitter.com/a/status/123 %}", ("twitter", "123", "a")),
    ('{% youtube "aBcD3fGh1Jk", "A title" %}', ("youtube", "aBcD3fGh1Jk", None)),
    # Zola
    ('{{ youtube(id="aBcD3fGh1Jk") }}', ("youtube", "aBcD3fGh1Jk", None)),
    ('{{ youtube(id="aBcD3fGh1Jk" }}', ("youtube", "aBcD3fGh1Jk", None)),
    # MDX, JSX, Astro
    ('<Tweet id="123" />', ("twitter", "123", None)),
    (
        "<TwitterTweetEmbed\n  tweetId={'123'}\n  options={{ width: 400 }}\n/>",
        ("twitter", "123", None),
    ),
    ("<TweetEmbed tweetId={`123`}/>", ("twitter", "123", None)),
    ('<Tweet id="https://x.com/a/status/123?s=20" />', ("twitter", "123", "a")),
    ('<Tweet tweetLink="a/status/123" />', ("twitter", "123", "a")),
    ('<XEmbed id="123" />', ("twitter", "123", None)),
    ('<YouTube youTubeId="aBcD3fGh1Jk" />', ("youtube", "aBcD3fGh1Jk", None)),
    ("<LiteYouTubeEmbed id='aBcD3fGh1Jk' />", ("youtube", "aBcD3fGh1Jk", None)),
    ("<YouTube>aBcD3fGh1Jk</YouTube>", ("youtube", "aBcD3fGh1Jk", None)),
    (
        '<InstagramEmbed url="https://www.instagram.com/p/C4xYz12AbCd/" />',
        ("instagram", "C4xYz12AbCd", None),
    ),
    ('<TikTok tiktokId="7300000000000000001" />', ("tiktok", "7300000000000000001", None)),
    (
        '<Toot url="https://m.example.social/@clerk/110000000000000003" />',
        ("mastodon", "110000000000000003", "clerk@m.example.social"),
    ),
    (
        '<Mastodon instance="m.example.social" user="clerk" id="42" />',
        ("mastodon", "42", "clerk@m.example.social"),
    ),
    (
        '<BlueskyPost uri="at://did:plc:abcdefghijklmnop/app.bsky.feed.post/3kabcdefghi2y" />',
        ("bluesky", "3kabcdefghi2y", None),
    ),
    # custom elements (web components)
    ('<lite-youtube videoid="aBcD3fGh1Jk"></lite-youtube>', ("youtube", "aBcD3fGh1Jk", None)),
    ('<twitter-widget tweet-id="123"></twitter-widget>', ("twitter", "123", None)),
    # unknown components carrying a post URL are found by rule
    (
        '<PostCard src="https://bsky.app/profile/a.bsky.social/post/3kabcdefghi2y" />',
        ("bluesky", "3kabcdefghi2y", "a.bsky.social"),
    ),
    ('{{< embed url="https://twitter.com/a/status/123" >}}', ("twitter", "123", "a")),
    # Zenn, WordPress, Obsidian
    ("@[tweet](https://x.com/a/status/123)", ("twitter", "123", "a")),
    ("@[youtube](aBcD3fGh1Jk)", ("youtube", "aBcD3fGh1Jk", None)),
    ("@[card](https://twitter.com/a/status/123)", ("twitter", "123", "a")),
    ("[embed]https://twitter.com/a/statuses/123[/embed]", ("twitter", "123", "a")),
    ("[tweet https://twitter.com/a/status/123]", ("twitter", "123", "a")),
    ("[youtube https://youtu.be/aBcD3fGh1Jk]", ("youtube", "aBcD3fGh1Jk", None)),
    ("![](https://twitter.com/a/status/123)", ("twitter", "123", "a")),
]


@pytest.mark.parametrize(("text", "post"), FORMS, ids=[f[0][:40] for f in FORMS])
def test_form(text: str, post: tuple[str, str, str | None]) -> None:
    assert posts(f"Before.\n\n{text}\n\nAfter.") == [post]


NOT_POSTS = [
    "{{< vimeo 76979871 >}}",
    "{{< gist someone 0123abcdef >}}",
    "{{< figure src=/img/a.jpg >}}",
    '{{< youtube-playlist id="PLabcdefghijklmnopqrstuvwxyz012345" >}}',
    "{{< tweet user=jack >}}",
    "{% twitter https://twitter.com/jekyllrb maxwidth=500 limit=5 %}",
    "{% include tweet.html tweet=tweet %}",
    '{{ skill(id="40160") }}',
    "{{ page.title }}",
    '<Giphy id="WHmc9HI2lXWgnEgY7Y" />',
    '<Vimeo id="76979871" />',
    "<Tweet id={tweet.id} />",
    "<IFRAME SRC=x></IFRAME>",
    '<my-card src="/img/a.jpg"></my-card>',
    '<Mastodon id="42" />',
    "@[codepen](YzPVgPZ)",
    "[tweet removed at the author's request]",
    "[see https://twitter.com/a/status/123]",
    "[x] done",
    "[the post](https://twitter.com/a/status/123)",
    "![a photo](https://pbs.twimg.com/media/AbCdEf.jpg)",
]


@pytest.mark.parametrize("text", NOT_POSTS)
def test_not_a_post(text: str) -> None:
    assert posts(text) == []


CODE = [
    ("{{</* tweet 123 */>}}", "{{</* tweet 123 */>}}"),
    ("{{< /* tweet 123 */ >}}", "{{< /* tweet 123 */ >}}"),
    ("{{%/* youtube aBcD3fGh1Jk */%}}", "{{%/* youtube aBcD3fGh1Jk */%}}"),
    ("{{/* {{< tweet 123 >}} */}}", "{{/* {{< tweet 123 >}} */}}"),
    ("{# {% tweet 123 %} #}", "{# {% tweet 123 %} #}"),
    ('{/* <Tweet id="123" /> */}', '{/* <Tweet id="123" /> */}'),
    ("{::comment}{{< tweet 123 >}}{:/comment}", "{::comment}{{< tweet 123 >}}{:/comment}"),
    ("{% raw %}{% tweet 123 %}{% endraw %}", "{% raw %}{% tweet 123 %}{% endraw %}"),
    (
        "{%- comment -%}{% tweet 123 %}{%- endcomment -%}",
        "{%- comment -%}{% tweet 123 %}{%- endcomment -%}",
    ),
    (
        "{% highlight html %}<Tweet id='1'/>{% endhighlight %}",
        "{% highlight html %}<Tweet id='1'/>{% endhighlight %}",
    ),
    (
        "{{< highlight go >}}{{< tweet 1 >}}{{< /highlight >}}",
        "{{< highlight go >}}{{< tweet 1 >}}{{< /highlight >}}",
    ),
]


@pytest.mark.parametrize(("text", "code"), CODE, ids=[c[0][:30] for c in CODE])
def test_template_code_is_not_a_call(text: str, code: str) -> None:
    source = f"a {text} b"
    calls, spans = scan(source)
    assert [source[s:e] for s, e in spans] == [code]
    assert all(embedded_post(c) is None for c in calls)


def test_call_spans_cover_the_call() -> None:
    text = 'x {{< tweet user="a" id="1" >}} y <Tweet\n id="2"\n/> z'
    calls, _ = scan(text)
    assert [text[c.start : c.end] for c in calls] == [
        '{{< tweet user="a" id="1" >}}',
        '<Tweet\n id="2"\n/>',
    ]


SAMPLE_IDS = {
    "twitter": "1768190000123456701",
    "youtube": "aBcD3fGh1Jk",
    "instagram": "C4xYz12AbCd",
    "bluesky": "3kabcdefghi2y",
    "mastodon": "110000000000000003",
    "threads": "DOMD1yDj9M4",
    "tiktok": "7300000000000000001",
    "facebook": "123456789",
    "telegram": "harbournews/1201",
    "reddit": "1199y1j",
}


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.NAME)
def test_every_platform_declares_its_embeds(platform: object) -> None:
    embeds = platform.EMBEDS  # type: ignore[attr-defined]
    post_id = SAMPLE_IDS[platform.NAME]  # type: ignore[attr-defined]
    assert embeds.words and embeds.post_id.fullmatch(post_id)
    user = "someone.bsky.social" if platform.NAME == "bluesky" else "someone"  # type: ignore[attr-defined]
    values = {"id": post_id, "user": user, "host": "m.example.social"}
    for template in embeds.id_urls:
        ref = embeds.parse_url(template.format(**values))
        assert ref is not None and ref.post_id == post_id, template
