"""mediacite check / the lockfile: findings, ignores, formats and hostile input (offline)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from mediacite import Citation, Resolution, Snapshot
from mediacite.check import CODES, Config, Finding, Lockfile, check_files, identity_key

STORY = """# Storm

The authority posted an update.

Bridge CLOSED while engineers inspect damage. pic.twitter.com/Hb7kQw2ZxA — Eastport Transport (@EastportTransit) March 14, 2024

A resident shared a video: Woke up to this pic.twitter.com/r4Jd8NfTqe — Mara (@maralindq) March 14, 2024

See the readings at https://twitter.com/EastportWx/status/1768190000123456789.

Footage from the waterfront pic.twitter.com/Vb2LmcX0uE

Thank you to every crew member. — Ines Okafor (@MayorOkafor)
"""


def cite(text: str) -> list[Citation]:
    import mediacite

    return list(mediacite.extract_text(text))


def resolution(c: Citation, status: str = "verified") -> Resolution:
    snap = Snapshot(
        archive="test",
        original_url="https://twitter.com/x/status/1",
        archived_url="http://127.0.0.1/x",
        captured_at="2024-03-14T00:00:00Z",
    )
    return Resolution(citation=c, status=status, snapshot=snap if status == "verified" else None)  # type: ignore[arg-type]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.mediacite]\nlock = "mediacite.lock"\n')
    (tmp_path / "story.md").write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes(findings: list) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    return [(f.line, f.code) for f in findings]


def test_without_lock_every_identifiable_citation_is_mc201(project: Path) -> None:
    findings = check_files(["story.md"], Config(root=project))
    assert codes(findings) == [
        (5, "MC201"),
        (7, "MC201"),
        (9, "MC201"),
        (11, "MC101"),
        (11, "MC102"),
        (11, "MC201"),
        (13, "MC102"),
        (13, "MC103"),
    ]
    assert findings[0].text() == f"story.md:5:1: MC201 {findings[0].message}"


def test_lock_statuses_and_stable_keys(project: Path) -> None:
    lock = Lockfile(project / "mediacite.lock")
    found = cite(STORY)
    statuses = ["verified", "not_archived", "verified", "mismatch"]
    for c, status in zip(found[:4], statuses, strict=True):
        lock.record(resolution(c, status), ["story.md"])
    lock.save()
    again = Lockfile.load(project / "mediacite.lock")
    assert again.entries == lock.entries
    text = (project / "mediacite.lock").read_text()
    assert text.endswith("\n") and json.loads(text)["version"] == 2
    assert '"line"' not in text and '"start"' not in text
    findings = check_files(["story.md"], Config(root=project))
    assert codes(findings) == [
        (7, "MC202"),
        (11, "MC101"),
        (11, "MC102"),
        (11, "MC203"),
        (13, "MC102"),
        (13, "MC103"),
    ]
    (project / "story.md").write_text("New intro paragraph.\n\n" + STORY)
    assert check_files(["story.md"], Config(root=project))[0].line == 9


def test_identity_key_ignores_position() -> None:
    a, b = cite(STORY)[0], cite("x\n\n" + STORY)[0]
    assert a.start != b.start and identity_key(a) == identity_key(b)
    assert identity_key(cite(STORY)[2]) == "twitter:id:1768190000123456789"


def test_ignore_comment_and_attribute(project: Path) -> None:
    (project / "story.md").write_text(
        "<!-- mediacite: ignore -->\nStay home. — City (@EastportCity) March 14, 2024\n\n"
        "<!-- mediacite: ignore MC103 -->\nStay home. — City (@EastportCity) March 15, 2024\n"
    )
    assert codes(check_files(["story.md"], Config(root=project))) == [(5, "MC201")]
    (project / "page.html").write_text(
        '<html><body><div data-mediacite-ignore><a href="https://twitter.com/a/status/1768190000123456789">x</a></div>'
        '<p><a href="https://twitter.com/b/status/1768190000123456780">y</a></p></body></html>'
    )
    assert codes(check_files(["page.html"], Config(root=project))) == [(1, "MC201")]


def test_config_ignore_and_include(project: Path) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "a.md").write_text(STORY)
    (project / "notes" / "b.py").write_text(STORY)
    config = Config(root=project, ignore=("MC201", "MC102"))
    findings = check_files(["notes"], config)
    assert {f.path for f in findings} == {os.path.join("notes", "a.md")}
    assert {f.code for f in findings} == {"MC101", "MC103"}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mediacite", *args], cwd=cwd, capture_output=True, text=True
    )


def test_cli_formats_and_exit_codes(project: Path) -> None:
    done = run("check", "story.md", cwd=project)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("story.md:5:1: MC201 ")
    github = run("check", "story.md", "--format", "github", cwd=project)
    assert github.stdout.startswith("::error file=story.md,line=5,col=1,title=MC201::")
    as_json = json.loads(run("check", "story.md", "--format", "json", cwd=project).stdout)
    assert as_json[0]["code"] == "MC201"
    (project / "clean.md").write_text("No posts here.\n")
    clean = run("check", "clean.md", cwd=project)
    assert (clean.returncode, clean.stdout) == (0, "")
    assert run("check", cwd=project).returncode == 2
    (project / "mediacite.lock").write_text("{broken")
    broken = run("check", "story.md", cwd=project)
    assert broken.returncode == 2
    assert broken.stderr.endswith(
        "mediacite.lock: line 1 column 2: not valid JSON: Expecting property name enclosed in double quotes\n"
    )


def test_hostile_input(project: Path) -> None:
    big = project / "big.md"
    with open(big, "w") as out:
        for _ in range(1000):
            out.write(("word " * 200 + "\n") * 50)
        out.write(STORY)
    (project / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (project / "latin1.md").write_bytes("café".encode("latin-1") + b"\xff\xfe\xfa")
    (project / "dir").mkdir()
    (project / "dir" / "loop").symlink_to(project / "dir", target_is_directory=True)
    (project / "dir" / "ok.md").write_text(STORY)
    done = run("check", "binary.md", "latin1.md", "big.md", "dir", cwd=project)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("binary.md:1:1: MC901") and "binary" in line for line in lines)
    assert any(
        line.startswith("latin1.md:1:1: MC901") and "utf-8" in line.lower() for line in lines
    )
    assert any(line.startswith("big.md:") and "MC201" in line for line in lines)
    assert any(line.startswith(os.path.join("dir", "ok.md")) for line in lines)


def test_only_regular_files_are_read(project: Path) -> None:
    import socket

    os.mkfifo(project / "pipe.md")
    (project / "folder").mkdir()
    os.mkfifo(project / "folder" / "inner.md")
    (project / "folder" / "ok.md").write_text(STORY)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(project / "folder" / "sock.md"))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mediacite", "check", "pipe.md", "/dev/zero", "folder"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        server.close()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert (
        "pipe.md:1:1: MC901 cannot read the file: not a regular file: a FIFO (named pipe)" in lines
    )
    assert (
        "/dev/zero:1:1: MC901 cannot read the file: not a regular file: a character device" in lines
    )
    inner = os.path.join("folder", "inner.md")
    assert (
        f"{inner}:1:1: MC901 cannot read the file: not a regular file: a FIFO (named pipe)" in lines
    )
    sock = os.path.join("folder", "sock.md")
    assert f"{sock}:1:1: MC901 cannot read the file: not a regular file: a socket" in lines
    assert any(line.startswith(os.path.join("folder", "ok.md") + ":5:1: MC201") for line in lines)


def test_unreadable_folders_are_findings(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "desk" / "locked").mkdir(parents=True)
    (project / "desk" / "ok.md").write_text(STORY)
    locked = str(project / "desk" / "locked")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    findings = check_files([str(project / "desk")], Config(root=project))
    assert Finding(locked, 1, 1, "MC901", "cannot read the folder: Permission denied") in findings
    assert any(f.path.endswith("ok.md") and f.code == "MC201" for f in findings)


def test_a_huge_html_page_is_refused_without_being_read(project: Path) -> None:
    with open(project / "huge.html", "wb") as out:
        out.truncate(2 << 30)
    started = time.perf_counter()
    done = run("check", "huge.html", cwd=project)
    assert time.perf_counter() - started < 20
    assert (
        done.stdout == "huge.html:1:1: MC901 cannot read the file: HTML page larger than 64 MiB"
        " (the limit for one document)\n"
    )


def test_text_is_streamed_with_flat_memory(project: Path) -> None:
    size = 96 << 20
    tail = (
        "<!-- mediacite: ignore -->\n"
        "Bridge CLOSED while engineers inspect damage. pic.twitter.com/Hb7kQw2ZxA — Eastport Transport (@EastportTransit) March 14, 2024\n"
        "\n"
        "Woke up to this pic.twitter.com/r4Jd8NfTqe — Mara (@maralindq) March 14, 2024\n"
    )
    line = "Readers wrote in about the weather all week long, " * 20 + "\n"
    repeat = size // len(line)
    with open(project / "long.txt", "w", encoding="utf-8") as out:
        out.write(STORY)
        for _ in range(repeat):
            out.write(line)
        out.write(tail)
    before = STORY.count("\n") + repeat
    probe = (
        "import resource, subprocess, sys; "
        "done = subprocess.run([sys.executable, '-m', 'mediacite', 'check', 'long.txt'], capture_output=True, text=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(done.stdout, end='')"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, timeout=600
    )
    peak_kb, *lines = done.stdout.splitlines()
    assert int(peak_kb) * 1024 < size, f"peak {int(peak_kb) >> 10} MiB for a {size >> 20} MiB file"
    assert "long.txt:5:1: MC201 not in the lockfile: run `mediacite lock`" in lines
    late = [line for line in lines if int(line.split(":")[1]) > before]
    assert late == [f"long.txt:{before + 4}:1: MC201 not in the lockfile: run `mediacite lock`"]


def test_ignore_markers_in_one_pass(project: Path) -> None:
    from mediacite.check import file_citations

    (project / "marks.md").write_text(
        "# Notes\n<!-- mediacite: ignore MC201 -->\n\nMeet — Ann (@ann) May 1, 2022\n"
        "<!-- mediacite: ignore MC102 -->\nMeet — Bob (@bob) May 1, 2022\n"
        "Meet — Cy (@cy) May 1, 2022 <!-- mediacite: ignore -->\n"
        "\n<!-- MEDIACITE:  IGNORE   MC201  MC203 -->\nMeet — Di (@di) May 1, 2022\n"
    )
    silenced = {c.handle: codes for c, codes in file_citations(str(project / "marks.md"))}
    assert silenced == {
        "ann": None,
        "bob": frozenset({"MC102"}),
        "cy": None,
        "di": frozenset({"MC201", "MC203"}),
    }
    (project / "page.html").write_text(
        "<html><body><div data-mediacite-ignore><p>"
        '<a href="https://twitter.com/a/status/1768190000123456781">a</a></p></div>'
        '<img data-mediacite-ignore src="x.png"><a href="https://twitter.com/b/status/1768190000123456782">b</a>'
        '<section><div><div data-Mediacite-Ignore="yes"><div></div>'
        '<a href="https://twitter.com/c/status/1768190000123456783">c</a></div>'
        '<a href="https://twitter.com/d/status/1768190000123456784">d</a></div></section>'
        '<blockquote class="twitter-tweet" data-mediacite-ignore><a href="https://twitter.com/e/status/1768190000123456785">e</a></blockquote>'
        '<p data-mediacite-ignored><a href="https://twitter.com/f/status/1768190000123456786">f</a></p>'
    )
    silenced = {c.handle: codes for c, codes in file_citations(str(project / "page.html"))}
    assert silenced == {
        "a": frozenset(),
        "b": None,
        "c": frozenset(),
        "d": None,
        "e": frozenset(),
        "f": None,
    }


def test_ignore_scanning_is_linear_on_hostile_pages(project: Path) -> None:
    from mediacite.check import file_citations

    (project / "tags.html").write_text(
        "<html><body>" + "<a " * 200_000 + "\n" + "<div data-mediacite-ignore>" * 50_000
    )
    (project / "comments.txt").write_text(
        "# Notes\nSee " + "<!-- mediacite: ignore " * 200_000 + "\nMeet — Ann (@ann) May 1, 2022\n"
    )
    started = time.perf_counter()
    file_citations(str(project / "tags.html"))
    assert [c.handle for c, codes in file_citations(str(project / "comments.txt"))] == ["ann"]
    assert time.perf_counter() - started < 10


def test_github_annotations_cannot_be_forged(project: Path) -> None:
    names = [
        "a,line=99::forged.md",
        "b%0A::error::x.md",
        "c\n::error file=x::forged.md",
        "d\r\n%25.md",
        "e:title=MC000.md",
    ]
    for name in names:
        (project / name).write_text("Meet — Ann (@ann) May 1, 2022\n")
    done = run("check", "--format", "github", *names, cwd=project)
    lines = done.stdout.split("\n")[:-1]
    assert len(lines) == len(names), lines
    for name, line in zip(sorted(names), lines, strict=True):
        command, _, message = line.partition("::")[2].partition("::")
        assert command.startswith("error ") and "\r" not in line
        properties = dict(part.split("=", 1) for part in command.removeprefix("error ").split(","))
        assert set(properties) == {"file", "line", "col", "title"}
        assert unescape(properties["file"]) == name and properties["title"] == "MC201"
        assert unescape(message) == CODES["MC201"]
    finding = Finding("x.md", 1, 1, "MC204", "failed: 50%\r\n::error::no")
    assert (
        finding.github()
        == "::error file=x.md,line=1,col=1,title=MC204::failed: 50%25%0D%0A::error::no"
    )


def unescape(text: str) -> str:
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


MARKDOWN_STORY = """---
title: Storm week
date: 2024-03-15
twitter: "@eastportgazette"
---

The authority announced it:

{{< tweet user="EastportTransit" id="1768190000123456701" >}}

To embed a post yourself, write:

```markdown
{{< tweet user="example" id="1768190000123456799" >}}
```

or `<Tweet id="1768190000123456798" />` in MDX.
"""


def test_markdown_story_code_and_front_matter_are_not_checked(project: Path) -> None:
    (project / "story.md").write_text(MARKDOWN_STORY, encoding="utf-8")
    assert codes(check_files(["story.md"], Config(root=project))) == [(9, "MC201")]


def test_the_lockfile_is_not_a_story(project: Path) -> None:
    from mediacite.errors import UsageError

    Lockfile(project / "mediacite.lock").save()
    with pytest.raises(UsageError, match="lockfile"):
        check_files(["mediacite.lock"], Config(root=project))
    done = run("check", "mediacite.lock", cwd=project)
    assert done.returncode == 2 and "is the lockfile, not a story" in done.stderr
    assert run("lock", "mediacite.lock", cwd=project).returncode == 2
    (project / "citations.lock").write_text('{"version": 1, "entries": {}}')
    assert run("check", "citations.lock", "--lock", "citations.lock", cwd=project).returncode == 2
    everything = Config(root=project, include=("*",))
    assert {f.path for f in check_files(["."], everything)} == {os.path.join(".", "story.md")}


def test_extend_include_adds_story_globs(project: Path) -> None:
    from mediacite.check import load_config

    (project / "pyproject.toml").write_text(
        '[tool.mediacite]\nextend-include = ["*.adoc"]\n', encoding="utf-8"
    )
    (project / "notes").mkdir()
    for name in ("a.adoc", "b.MD", "c.mdx", "d.json", "e.yaml"):
        (project / "notes" / name).write_text(STORY, encoding="utf-8")
    config = load_config(project)
    assert "*.md" in config.include and "*.adoc" in config.include
    paths = {os.path.basename(f.path) for f in check_files(["notes"], config)}
    assert paths == {"a.adoc", "b.MD", "c.mdx"}


def test_a_tombstoned_post_is_mc206_with_its_kind(project: Path) -> None:
    lock = Lockfile(project / "mediacite.lock")
    first = cite(STORY)[0]
    gone = Resolution(
        citation=first,
        status="unavailable",
        evidence={"tombstone": {"kind": "deleted", "captured_at": "20240320000000"}},
    )
    lock.record(gone, ["story.md"])
    lock.save()
    findings = check_files(["story.md"], Config(root=project))
    mc206 = [f for f in findings if f.code == "MC206"]
    assert [(f.line, f.message) for f in mc206] == [
        (5, "unavailable: the archived copies show the post gone (per the lockfile): deleted")
    ]
