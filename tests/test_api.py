"""The Python façade without footguns, and the documents table for researchers.

``extract()`` takes text, bytes and path objects (and warns when a ``str`` names a file);
``extract_path`` on a folder says what to use instead; the result lists keep their type; and
``extract_corpus`` gives one row per document, those that cite nothing included, with the
article date and where it was found.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import warnings
from pathlib import Path

import attrs
import pandas as pd
import pytest

import mediacite
from mediacite import Citation, CitationList, InputError, Resolution, ResolutionList
from mediacite.models import DocumentRecord
from mediacite.results import DocumentList
from paths import EXAMPLES

ARTICLE = EXAMPLES / "article.txt"
STORY = (
    "Intro.\n\nStay safe tonight. pic.twitter.com/Hb7kQw2ZxA — City of Eastport "
    "(@EastportCity) March 14, 2024\n\nMore.\n"
)


def embed(head: str, post_id: str = "1768190000123456789") -> str:
    return (
        f"<!doctype html><html><head>{head}</head><body><p>Text.</p>"
        '<blockquote class="twitter-tweet"><p>Stay safe</p>&mdash; City (@EastportCity) '
        f'<a href="https://twitter.com/EastportCity/status/{post_id}">March 1, 2024</a>'
        "</blockquote></body></html>"
    )


# --- extract() and extract_path() ---------------------------------------------------------------


def test_extract_reads_path_objects() -> None:
    assert mediacite.extract(ARTICLE) == mediacite.extract_path(ARTICLE)
    assert isinstance(mediacite.extract(ARTICLE), CitationList)


def test_a_str_naming_a_file_warns_and_points_at_extract_path() -> None:
    with pytest.warns(UserWarning, match="extract_path") as caught:
        assert mediacite.extract(str(ARTICLE)) == []
    assert caught[0].filename == __file__, "the warning points at the caller"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert mediacite.extract(STORY)[0].handle == "EastportCity"
        mediacite.extract(STORY.encode())


def test_extract_path_on_a_directory_says_what_to_use(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"is a directory.*extract_corpus"):
        mediacite.extract_path(tmp_path)


def test_extract_rejects_other_types() -> None:
    with pytest.raises(TypeError, match="str, bytes or a path"):
        mediacite.extract(42)  # type: ignore[arg-type]


# --- result lists keep their type ---------------------------------------------------------------


def test_citation_lists_keep_their_type() -> None:
    citations = mediacite.extract_path(ARTICLE)
    both = citations + citations
    assert isinstance(both, CitationList) and len(both) == 2 * len(citations)
    assert isinstance(list(citations) + citations, CitationList)
    grown = citations.copy()
    grown += citations[:1]
    assert isinstance(grown, CitationList) and len(grown) == len(citations) + 1
    assert isinstance(citations[1:], CitationList)
    assert isinstance(citations * 2, CitationList)
    links = citations.where(kind="link")
    assert isinstance(links, CitationList) and [c.kind for c in links] == ["link"]
    assert len(citations.where(kind=("link", "byline"), platform="twitter")) == len(citations)
    assert isinstance(citations.filter(lambda c: c.media), CitationList)
    ordered = citations.sorted(key=lambda c: c.handle or "", reverse=True)
    assert isinstance(ordered, CitationList)
    assert [c.handle for c in ordered] == sorted((c.handle for c in citations), reverse=True)
    assert type(sorted(citations, key=lambda c: c.line)) is list, "the builtin gives a list"
    with pytest.raises(AttributeError, match="no field 'colour'"):
        citations.where(colour="red")


def test_resolution_lists_filter_on_their_fields_and_their_citations() -> None:
    cite = Citation(platform="twitter", kind="byline", handle="a")
    resolutions = ResolutionList(
        [Resolution(citation=cite, status="verified"), Resolution(citation=cite, status="error")]
    )
    assert isinstance(resolutions.where(status="error"), ResolutionList)
    assert len(resolutions.where(handle="a", status="verified")) == 1
    assert isinstance(resolutions + resolutions, ResolutionList)


# --- the documents table ------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "site" / "2023").mkdir(parents=True)
    pages = {
        "site/meta.html": embed('<meta property="article:published_time" content="2024-03-02">'
                                '<link rel="canonical" href="https://www.news.example/a/meta">'),
        "site/jsonld.html": embed('<script type="application/ld+json">{"@type": "NewsArticle", '
                                  '"datePublished": "2024-03-03T10:00:00Z"}</script>'),
        "site/time.html": embed("<title>t</title>").replace(
            "<p>Text.</p>", '<p>By A. Writer, <time datetime="2024-03-04">March 4</time></p>'
        ),
        "site/2023/nothing.html": "<html><head><meta name='date' content='2023-01-05'></head>"
        "<body><p>No posts here.</p></body></html>",
        "front.md": "---\ntitle: A post\ndate: 2024-03-06\n---\n\n" + STORY,
        "dated.txt": "date 2024-03-07\n\n" + STORY,
        "gold.json": json.dumps([{"post_id": "1"}]),
        "notes.yaml": "a: 1\n",
        "image.png": "\x89PNG",
    }  # fmt: skip
    for name, body in pages.items():
        (root / name).write_text(body, encoding="utf-8")
    with gzip.open(root / "site" / "gz.html.gz", "wt", encoding="utf-8") as out:
        out.write(embed("", "1768190000123456790"))
    (root / "dump.jsonl").write_text(
        json.dumps({"url": "https://news.example/2024/03/08/story", "text": STORY})
        + "\n"
        + json.dumps({"id": "r2", "text": STORY, "published": "2024-03-09T08:00:00Z"})
        + "\nnot json\n",
        encoding="utf-8",
    )
    return root


def test_extract_corpus_gives_every_document_a_row(corpus: Path) -> None:
    result = mediacite.extract_corpus([corpus, corpus / "missing.txt"], jobs=2)
    assert isinstance(result.citations, CitationList)
    assert isinstance(result.documents, DocumentList)
    rows = {Path(d.source).name if "/" in d.source else d.source: d for d in result.documents}
    assert "gold.json" not in rows and "notes.yaml" not in rows and "image.png" not in rows
    want = {
        "meta.html": ("2024-03-02", "meta", 1),
        "jsonld.html": ("2024-03-03", "json-ld", 1),
        "time.html": ("2024-03-04", "time", 1),
        "nothing.html": ("2023-01-05", "meta", 0),
        "front.md": ("2024-03-06", "front-matter", 1),
        "dated.txt": ("2024-03-07", "date-line", 1),
        "story": ("2024-03-08", "url", 1),
        "r2": ("2024-03-09", "record", 1),
        "gz.html.gz": (None, None, 1),
    }
    for name, (date, source, count) in want.items():
        row = rows[name]
        assert (row.article_date, row.date_source, row.citations) == (date, source, count), name
    assert rows["meta.html"].canonical_url == "https://www.news.example/a/meta"
    assert rows["meta.html"].domain == "news.example"
    assert rows["story"].domain == "news.example" and rows["story"].kind == "text"
    problems = [d for d in result.documents if d.problems]
    assert {Path(d.where).name.split(":")[0] for d in problems} == {"dump.jsonl", "missing.txt"}
    assert sum(d.citations for d in result.documents) == len(result.citations)
    by_source = {c.source: c for c in result.citations}
    assert by_source[str(corpus / "site" / "jsonld.html")].article_date == "2024-03-03"


def test_documents_and_citations_to_dataframes(corpus: Path) -> None:
    result = mediacite.extract_corpus([corpus])
    documents = result.documents.to_dataframe()
    assert list(documents.columns) == [f.name for f in attrs.fields(DocumentRecord)]
    assert str(documents["article_date"].dtype).startswith("datetime64")
    citations = result.citations.to_dataframe()
    merged = citations.merge(documents, on="source", suffixes=("", "_doc"))
    assert len(merged) == len(citations)
    assert merged["post_id"].dropna().map(type).eq(str).all()


def test_documents_record_round_trip() -> None:
    record = DocumentRecord(source="a", where="a", citations=2, problems=["x"])
    assert DocumentRecord.from_dict(record.to_dict()) == record
    with pytest.raises(ValueError, match="unknown document field"):
        DocumentRecord.from_dict({**record.to_dict(), "colour": 1})


def test_cli_documents_csv_reads_back_exactly(corpus: Path, tmp_path: Path) -> None:
    documents, citations = tmp_path / "documents.csv", tmp_path / "citations.csv"
    done = subprocess.run(
        [sys.executable, "-m", "mediacite", "extract", str(corpus), "--format", "csv",
         "-o", str(citations), "--documents", str(documents), "--glob", "site/**"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(documents, dtype=str, keep_default_na=False)
    assert sorted(Path(s).name for s in table["source"]) == [
        "gz.html.gz", "jsonld.html", "meta.html", "nothing.html", "time.html"
    ]  # fmt: skip
    cited = pd.read_csv(citations, dtype={"post_id": str})
    assert sorted(cited["post_id"]) == ["1768190000123456789"] * 3 + ["1768190000123456790"]


def test_cli_documents_needs_a_known_extension(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mediacite", "extract", str(ARTICLE), "--documents", "x.xlsx"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "--documents x.xlsx" in done.stderr
