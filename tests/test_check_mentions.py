"""MC301: a sentence that reports a post the story does not cite (off unless configured)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mediacite.check import Config, check_files, load_config
from mediacite.errors import MediaciteError

STORY = """# Bridge

The mayor tweeted on Monday that the bridge would stay closed.

Governor Ames tweeted that crews were on site:

Crews are on site. — Jo Ames (@GovAmes) March 4, 2024

<!-- mediacite: ignore MC301 -->
Senator Ruth Abara retweeted the clip twice.

Follow us on Twitter for updates.
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    path.write_text(STORY, encoding="utf-8")
    return path


def mc301(findings: list) -> list[tuple[int, str]]:  # type: ignore[type-arg]
    return [(f.line, f.severity) for f in findings if f.code == "MC301"]


def test_off_by_default(story: Path) -> None:
    assert mc301(check_files([str(story)], Config(root=story.parent))) == []


@pytest.mark.parametrize("severity", ["warn", "error"])
def test_unsourced_mentions_are_reported(story: Path, severity: str) -> None:
    findings = check_files([str(story)], Config(root=story.parent, unsourced=severity))
    expected = "warning" if severity == "warn" else "error"
    assert mc301(findings) == [(3, expected)]
    (finding,) = [f for f in findings if f.code == "MC301"]
    assert "The mayor on twitter" in finding.message


def test_config_ignore_silences_mc301(story: Path) -> None:
    config = Config(root=story.parent, unsourced="error", ignore=("MC301",))
    assert mc301(check_files([str(story)], config)) == []


def test_html_mentions_use_the_block_position_and_the_ignore_attribute(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        "<html><body><article>\n<p>The mayor tweeted that roads are open.</p>\n"
        "<p data-mediacite-ignore>Governor Ames tweeted the same.</p>\n"
        "</article></body></html>\n",
        encoding="utf-8",
    )
    findings = check_files([str(page)], Config(root=tmp_path, unsourced="warn"))
    assert [(f.line, f.column) for f in findings if f.code == "MC301"] == [(2, 1)]


def test_text_stories_are_read_whole_and_ignore_comments_work(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "The mayor tweeted that roads are open.\n\n"
        "<!-- mediacite: ignore MC301 -->\nGovernor Ames tweeted the same.\n\n"
        "Senator Abara wrote on Facebook that schools reopen.\n",
        encoding="utf-8",
    )
    findings = check_files([str(story)], Config(root=tmp_path, unsourced="error"))
    assert mc301(findings) == [(1, "error"), (6, "error")]


def test_config_value_is_checked(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mediacite]\nunsourced = "loud"\n')
    with pytest.raises(MediaciteError, match="unsourced must be one of"):
        load_config(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.mediacite]\nunsourced = "warn"\n')
    assert load_config(tmp_path).unsourced == "warn"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mediacite", *args], cwd=cwd, capture_output=True, text=True
    )


def test_cli_exit_codes(story: Path) -> None:
    project = story.parent
    (project / "pyproject.toml").write_text('[tool.mediacite]\nunsourced = "warn"\n')
    lock = json.dumps({"version": 1, "entries": {}})
    (project / "mediacite.lock").write_text(lock)
    warned = run("check", "story.md", cwd=project)
    assert "story.md:3:1: MC301" in warned.stdout
    assert "MC201" in warned.stdout and warned.returncode == 1
    github = run("check", "story.md", "--format", "github", cwd=project)
    assert "::warning file=story.md,line=3,col=1,title=MC301::" in github.stdout
    (project / "pyproject.toml").write_text(
        '[tool.mediacite]\nunsourced = "warn"\nignore = ["MC201"]\n'
    )
    only_warnings = run("check", "story.md", "--format", "json", cwd=project)
    assert only_warnings.returncode == 0, only_warnings.stdout
    assert [f["severity"] for f in json.loads(only_warnings.stdout)] == ["warning"]
    (project / "pyproject.toml").write_text(
        '[tool.mediacite]\nunsourced = "error"\nignore = ["MC201"]\n'
    )
    assert run("check", "story.md", cwd=project).returncode == 1
