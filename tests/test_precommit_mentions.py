"""End to end: the real ``pre-commit`` runs ``mediacite-check`` with ``unsourced`` set.

A story reports a post it does not cite. With ``unsourced = "warn"`` the hook prints MC301
and passes; with ``"error"`` it fails until an ignore comment silences the sentence.
Installing the hook's environment needs PyPI (pre-commit pip-installs this project).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_precommit import git, hook

STORY = """# Roads

The mayor tweeted on Monday that every road is open again.

Crews cleared the last of the debris overnight.
"""


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is needed")
    return tmp_path_factory.mktemp("pre-commit-home")


def project(tmp_path: Path, unsourced: str) -> Path:
    repo = tmp_path / "newsroom"
    repo.mkdir(exist_ok=True)
    if not (repo / ".git").exists():
        git(repo, "init", "-q")
        git(repo, "config", "user.email", "desk@example.org")
        git(repo, "config", "user.name", "Desk")
    (repo / "pyproject.toml").write_text(f'[tool.mediacite]\nunsourced = "{unsourced}"\n')
    (repo / "story.md").write_text(STORY, encoding="utf-8")
    git(repo, "add", ".")
    return repo


def test_unsourced_mentions_in_the_hook(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = project(tmp_path, "warn")
    warned = hook(repo, pre_commit_home)
    assert warned.returncode == 0, warned.stdout + warned.stderr
    assert "story.md:3:1: MC301 social claim without a cited post" in warned.stdout

    repo = project(tmp_path, "error")
    failed = hook(repo, pre_commit_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "story.md:3:1: MC301" in failed.stdout

    story = repo / "story.md"
    story.write_text(
        STORY.replace("The mayor tweeted", "<!-- mediacite: ignore MC301 -->\nThe mayor tweeted")
    )
    silenced = hook(repo, pre_commit_home)
    assert silenced.returncode == 0, silenced.stdout + silenced.stderr
    assert "MC301" not in silenced.stdout
