"""mediacite check / the lockfile: findings, ignores, formats and hostile input (offline)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mediacite import Citation, Resolution, Snapshot
from mediacite.check import Config, Lockfile, check_files, identity_key

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
    assert text.endswith("\n") and json.loads(text)["version"] == 1
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
    assert broken.returncode == 2 and "lockfile" in broken.stderr


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
