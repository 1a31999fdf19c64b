"""Prose mentions through every reader and entry point: Markdown, HTML regions, files, corpora.

The finder itself is tested on sentences in ``tests/extract/test_mentions.py``; here the
question is that each way a document comes in (a Markdown story, an HTML page, a file, a
folder read by worker processes, the façade's lists) hands the right prose to it, with the
right positions, and that nothing of it is loaded unless mentions are asked for.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

import mediacite
from mediacite.corpus import Document, extract_corpus

STORY_MD = """---
title: Bridge
date: 2024-03-06
---

# The bridge

The mayor tweeted on Monday that the bridge would stay closed.

```python
print("Senator Abara tweeted that this is code")
```

Inline `Governor Ames tweeted` code is no prose either.

{{< figure caption="Councillor Reyes wrote on Facebook that it is a shortcode" >}}

Crews are on site. — Jo Ames (@GovAmes) March 4, 2024
"""

PAGE = """<html><head><meta property="article:published_time" content="2024-03-06"></head>
<body><main><article>
<p>The mayor tweeted on Monday that the bridge would stay closed.</p>
<p>Crews began work on Tuesday.</p>
</article></main>
<aside class="sidebar"><p>Governor Ames tweeted that the sidebar is chrome.</p></aside>
</body></html>
"""

TEXT = "date 2024-03-06\n\nThe mayor tweeted on Monday that the bridge would stay closed.\n"


def test_markdown_mentions_come_from_prose_only() -> None:
    found = mediacite.extract(STORY_MD, input="markdown", mentions=True)
    assert found.mentions is not None
    assert [(m.author, m.line, m.date) for m in found.mentions] == [("The mayor", 8, "2024-03-04")]
    (mention,) = found.mentions
    assert STORY_MD[mention.start : mention.end] == mention.sentence
    assert mediacite.extract(STORY_MD.encode(), mentions=True).mentions == found.mentions


def test_html_mentions_come_from_the_article_only() -> None:
    found = mediacite.extract_html(PAGE, mentions=True)
    assert found.mentions is not None
    assert [(m.author, m.line, m.date) for m in found.mentions] == [("The mayor", 3, "2024-03-04")]
    everywhere = mediacite.extract_html(PAGE, regions=None, mentions=True).mentions
    assert everywhere == found.mentions
    assert mediacite.extract_html(PAGE, regions=("aside",), mentions=True).mentions == []


def test_derived_lists_keep_the_mentions() -> None:
    text = TEXT + "\nCrews are on site. — Jo Ames (@GovAmes) March 4, 2024\n"
    found = mediacite.extract(text, mentions=True)
    assert found.mentions is not None and len(found.mentions) == 1
    assert found[:0].mentions == found.mentions
    assert found.where(platform="twitter").mentions == found.mentions
    joined = found + mediacite.extract(TEXT, mentions=True)
    assert joined.mentions is not None and len(joined.mentions) == 2
    assert (mediacite.extract(TEXT) + mediacite.extract(TEXT)).mentions is None


def test_files_are_read_whole_for_mentions(tmp_path: Path) -> None:
    story = tmp_path / "story.txt.gz"
    story.write_bytes(gzip.compress(TEXT.encode()))
    found = mediacite.extract_path(story, mentions=True)
    assert found.mentions is not None
    assert [(m.source, m.line) for m in found.mentions] == [(str(story), 3)]
    assert mediacite.extract_mentions(story) == found.mentions


@pytest.mark.parametrize("jobs", [1, 2])
def test_corpus_results_carry_the_mentions(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.html").write_text(PAGE)
    (tmp_path / "c.md").write_text(STORY_MD)
    corpus = mediacite.extract_corpus([tmp_path], jobs=jobs, mentions=True)
    assert corpus.mentions is not None
    assert sorted((Path(m.source or "").name, m.line) for m in corpus.mentions) == [
        ("a.txt", 3),
        ("b.html", 3),
        ("c.md", 8),
    ]
    assert len(corpus.documents) == 3
    assert mediacite.extract_corpus([tmp_path], jobs=jobs).mentions is None


def test_pool_results_hold_mentions_on_the_complete_result() -> None:
    documents = [Document(source=f"doc{n}", where=f"doc{n}", data=TEXT) for n in range(3)]
    results = list(extract_corpus(documents, jobs=2, mentions=True))
    assert [len(r.mentions) for r in results] == [1, 1, 1]
    assert all(r.complete for r in results)
    plain = list(extract_corpus(documents, jobs=1))
    assert [r.mentions for r in plain] == [(), (), ()]


def test_mention_machinery_loads_only_when_asked_for() -> None:
    code = (
        "import sys, mediacite\n"
        "mediacite.extract('The mayor tweeted that roads are open.')\n"
        "lazy = ('mediacite.extract.mentions', 'mediacite.extract.cues', "
        "'mediacite.extract.lexicon', 'mediacite.extract.prose', 'mediacite.extract.sentences')\n"
        "print(sorted(m for m in lazy if m in sys.modules))\n"
        "mediacite.extract('The mayor tweeted that roads are open.', mentions=True)\n"
        "print(sorted(m for m in lazy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert done[0] == "[]"
    assert "mediacite.extract.mentions" in done[1] and "mediacite.extract.lexicon" in done[1]
