"""CitationList / ResolutionList: export, DataFrames, reprs, timeline, lazy optional imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import mediacite
from mediacite import Citation, Resolution, Snapshot
from mediacite.display import MAX_ROWS
from mediacite.results import CitationList, ResolutionList
from paths import ROOT

ARTICLE = ROOT / "examples" / "article.txt"


def cite(handle: str | None, date: str | None, text: str = "Post text") -> Citation:
    return Citation(platform="twitter", kind="byline", handle=handle, date=date, text=text)


SNAPSHOT = Snapshot(
    archive="local",
    original_url="https://twitter.com/a/status/1",
    archived_url="https://archive.example/20230503000000/https://twitter.com/a/status/1",
    captured_at="20230503000000",
)


@pytest.fixture
def citations() -> CitationList:
    return mediacite.extract_path(ARTICLE)


@pytest.fixture
def resolutions() -> ResolutionList:
    return ResolutionList(
        [
            Resolution(citation=cite("a", "2023-05-03"), status="verified", snapshot=SNAPSHOT),
            Resolution(citation=cite("a", "2023-05-03"), status="not_archived"),
            Resolution(citation=cite("b", "2023-05-04"), status="error", error="timed out"),
            Resolution(citation=cite("b", None), status="not_archived"),
        ]
    )


class Printer:
    """Stands in for IPython's pretty printer."""

    def __init__(self) -> None:
        self.out = ""

    def text(self, obj: str) -> None:
        self.out += obj


def test_extract_returns_citation_lists_and_slices_keep_the_type(citations: CitationList) -> None:
    assert isinstance(citations, CitationList)
    assert len(citations) == 4
    assert isinstance(citations[1:], CitationList)
    assert citations[1:] == list(citations)[1:]
    assert isinstance(citations[0], Citation)


def test_records_and_jsonl_are_the_json_records(citations: CitationList) -> None:
    records = citations.to_records()
    assert records == [c.to_dict() for c in citations]
    assert all(isinstance(r["media"], list) for r in records)
    lines = citations.to_jsonl().splitlines()
    assert [json.loads(line) for line in lines] == records
    assert [Citation.from_dict(json.loads(line)) for line in lines] == list(citations)
    assert "🌊" in citations.to_jsonl()


def test_dataframe_columns_and_dates(citations: CitationList) -> None:
    pd = pytest.importorskip("pandas")
    frame = citations.to_dataframe()
    assert list(frame.columns) == list(citations[0].to_dict())
    assert len(frame) == 4
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert str(frame["posted_at"].dt.tz) == "UTC"
    assert frame["posted_at"].isna().sum() == 3
    assert frame.loc[1, "media"] == ["pic.twitter.com/r4Jd8NfTqe", "pic.twitter.com/Vb2LmcX0uE"]
    assert frame.groupby("handle").size().to_dict()["maralindq"] == 1


def test_empty_dataframe_keeps_its_columns() -> None:
    pytest.importorskip("pandas")
    assert list(CitationList().to_dataframe().columns) == list(cite("a", None).to_dict())
    assert "status" in ResolutionList().to_dataframe().columns


def test_resolution_dataframe_is_flat(resolutions: ResolutionList) -> None:
    pytest.importorskip("pandas")
    frame = resolutions.to_dataframe()
    assert list(frame["status"]) == ["verified", "not_archived", "error", "not_archived"]
    assert frame.loc[0, "archived_url"] == SNAPSHOT.archived_url
    assert frame.loc[2, "error"] == "timed out"
    assert frame["archived_url"].isna().sum() == 3
    assert {"handle", "date", "archive", "captured_at", "evidence"} <= set(frame.columns)


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"mediacite\[pandas\]"):
        CitationList([cite("a", None)]).to_dataframe()


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"mediacite\[plot\]"):
        CitationList([cite("a", "2023-01-01")]).timeline()


def test_import_and_extract_stay_light() -> None:
    code = (
        "import sys, mediacite\n"
        "cs = mediacite.extract_path(sys.argv[1])\n"
        "cs._repr_html_(); cs[0]._repr_html_(); cs.to_jsonl(); cs.format('apa')\n"
        "print(sorted(m for m in ('pandas', 'matplotlib', 'IPython', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ARTICLE)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_resolution_list_helpers(resolutions: ResolutionList) -> None:
    assert resolutions.citations == [r.citation for r in resolutions]
    assert isinstance(resolutions.citations, CitationList)
    assert [r.status for r in resolutions.by_status("not_archived")] == ["not_archived"] * 2
    assert isinstance(resolutions[:2], ResolutionList)
    links = resolutions.robust_links()
    assert len(links) == 1
    assert 'data-versiondate="2023-05-03"' in links[0]
    formatted = resolutions.format("apa")
    assert formatted[0].endswith(SNAPSHOT.archived_url)
    assert "archive.example" not in formatted[1]
    assert [json.loads(line)["status"] for line in resolutions.to_jsonl().splitlines()] == [
        r.status for r in resolutions
    ]
    assert resolutions.to_records()[0]["snapshot"] == SNAPSHOT.to_dict()


def test_citation_list_format(citations: CitationList) -> None:
    apa = citations.format("apa")
    assert len(apa) == 4
    assert apa[0].startswith("Eastport Transport [@EastportTransit]. (2024, March 14). ")
    assert citations.format("chicago", markup="html")[1].startswith(
        "Mara Lindqvist 🌊 (@maralindq), \u201cWoke up"
    )


def test_html_table(citations: CitationList, resolutions: ResolutionList) -> None:
    table = citations._repr_html_()
    assert "CitationList: 4 citations" in table
    assert table.count("<tr>") == 5
    assert "<th>status</th>" not in table
    assert '<a href="https://pic.twitter.com/Hb7kQw2ZxA"' in table
    assert "@maralindq" in table
    res = resolutions._repr_html_()
    assert "<th>status</th>" in res
    assert "ResolutionList: 4 resolutions" in res
    assert ">verified</span>" in res
    assert f'href="{SNAPSHOT.archived_url}"' in res


def test_long_tables_show_head_and_tail() -> None:
    many = CitationList(cite(f"user{i}", "2023-01-01") for i in range(200))
    table = many._repr_html_()
    assert table.count("<tr>") == MAX_ROWS + 2
    assert f"{200 - MAX_ROWS} more" in table
    assert "@user0<" in table and "@user199<" in table and "@user100<" not in table
    printer = Printer()
    many._repr_pretty_(printer, cycle=False)
    assert len(printer.out.splitlines()) == MAX_ROWS + 2


def test_pretty_reprs(citations: CitationList, resolutions: ResolutionList) -> None:
    printer = Printer()
    citations._repr_pretty_(printer, cycle=False)
    lines = printer.out.splitlines()
    assert lines[0] == "CitationList: 4 citations"
    assert "@EastportTransit" in lines[1] and "2024-03-14" in lines[1]
    printer = Printer()
    citations[1]._repr_pretty_(printer, cycle=False)
    assert "Mara Lindqvist 🌊" in printer.out
    assert "pic.twitter.com/r4Jd8NfTqe pic.twitter.com/Vb2LmcX0uE" in printer.out
    printer = Printer()
    resolutions[0]._repr_pretty_(printer, cycle=False)
    assert printer.out.startswith("Resolution(verified)")
    assert SNAPSHOT.archived_url in printer.out
    printer = Printer()
    resolutions._repr_pretty_(printer, cycle=True)
    assert printer.out == "ResolutionList(...)"


def test_ipython_uses_the_pretty_repr(citations: CitationList) -> None:
    pretty = pytest.importorskip("IPython.lib.pretty")
    assert pretty.pretty(citations).startswith("CitationList: 4 citations")
    assert pretty.pretty(citations[0]).startswith("Citation(twitter byline, ")


def test_timeline_of_resolutions(resolutions: ResolutionList) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = resolutions.timeline()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["@a", "@b"]
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["resolved (archived)", "unresolved"]
    assert len(ax.collections) == 2
    resolved, unresolved = (c.get_offsets() for c in ax.collections)
    assert len(resolved) == 1 and len(unresolved) == 2
    assert "1 undated not shown" in ax.get_title()
    plt.close(ax.figure)


def test_timeline_counts_posts_per_day_and_handle() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    items = CitationList(
        [
            cite("x", "2023-05-03"),
            cite("x", "2023-05-03"),
            cite("y", "2023-05-01"),
            cite(None, "2023-05-02"),
        ]
    )
    assert items.timeline(ax=ax, title="Storm") is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == ["@x", "(no handle)", "@y"]
    assert [t.get_text() for t in ax.texts] == ["2"]
    sizes = list(ax.collections[0].get_sizes())
    assert max(sizes) == 2 * min(sizes)
    assert ax.get_title() == "Storm"
    plt.close(fig)


def test_timeline_without_dates() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = CitationList([cite("a", None)]).timeline()
    assert [t.get_text() for t in ax.texts] == ["no dated citations"]
    plt.close(ax.figure)
