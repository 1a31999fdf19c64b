"""End to end: the real ``pre-commit`` runs the ``mediacite-check`` hook from this repository.

A temporary git repository holds a story citing posts. The hook fails on it, ``mediacite
lock`` pins the posts from the bundled offline archive (once the user trusts the repository's
local archive), and the hook passes — also after an edit above a citation; a new, unpinned
citation fails it until an ignore comment silences it. A cloned repository whose pyproject
names a loopback or cloud-metadata archive makes the hook, also run with ``--online``, contact
nothing. Installing the hook's environment needs PyPI (pre-commit pip-installs this project).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from paths import ROOT
from resolve_support.loopback import listening

ARCHIVE = ROOT / "examples" / "archive" / "tweets.wacz"

STORY = """# Five years in posts

When the river rose, the newsroom's account was first:

The bridge on Route 9 is closed in both directions after this morning's flooding. — News Desk (@NewsDesk) March 14, 2019

City Hall followed a year later:

Free water testing kits are available at every branch library starting Monday. — City Hall (@CityHall) June 2, 2020
"""

NEW_CITATION = (
    "\nA post we could not find anywhere:\n\nHello from nowhere. — Nobody (@Nobody) May 5, 2022\n"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is needed")
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "desk@example.org")
    git(repo, "config", "user.name", "Desk")
    (repo / "pyproject.toml").write_text(
        f'[tool.mediacite]\nlock = "mediacite.lock"\narchive = "{ARCHIVE.as_posix()}"\n'
    )
    (repo / "story.md").write_text(STORY, encoding="utf-8")
    git(repo, "add", ".")
    return repo


def hook(
    repo: Path, home: Path, lint: tuple[str, ...] = ("--files", "story.md")
) -> subprocess.CompletedProcess[str]:
    """Run the hook from this repository in ``repo`` on ``lint`` (files, or --all-files)."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("MEDIACITE_CACHE", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            "mediacite-check",
            *lint,
            "--color",
            "never",
            "--verbose",
        ],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def lock(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mediacite", "lock", *args, "story.md"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "MEDIACITE_CACHE": str(repo.parent / "cache")},
    )


def test_pre_commit_hook_end_to_end(repo: Path, pre_commit_home: Path) -> None:
    first = hook(repo, pre_commit_home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "story.md:5:1: MC201 not in the lockfile" in first.stdout
    assert "story.md:9:1: MC201 not in the lockfile" in first.stdout

    refused = lock(repo)
    assert refused.returncode == 2 and "--allow-local-archive" in refused.stderr
    locked = lock(repo, "--allow-local-archive")
    assert locked.returncode == 0, locked.stderr
    lock_text = (repo / "mediacite.lock").read_text()
    assert lock_text.count('"status": "verified"') == 2
    git(repo, "add", "mediacite.lock")
    passed = hook(repo, pre_commit_home, ("--files", "story.md", "mediacite.lock"))
    assert passed.returncode == 0, passed.stdout + passed.stderr

    story = repo / "story.md"
    story.write_text(
        story.read_text().replace(
            "# Five years in posts\n", "# Five years in posts\n\nAn editor's note added later.\n"
        )
    )
    after_edit = hook(repo, pre_commit_home)
    assert after_edit.returncode == 0, after_edit.stdout + after_edit.stderr
    assert (repo / "mediacite.lock").read_text() == lock_text

    story.write_text(story.read_text() + NEW_CITATION)
    unpinned = hook(repo, pre_commit_home)
    assert unpinned.returncode == 1
    assert "MC201" in unpinned.stdout and "story.md:15:1" in unpinned.stdout
    story.write_text(
        story.read_text().replace(
            "\nHello from nowhere.", "\n<!-- mediacite: ignore MC201 -->\nHello from nowhere."
        )
    )
    silenced = hook(repo, pre_commit_home)
    assert silenced.returncode == 0, silenced.stdout + silenced.stderr


SITE = {
    "content/posts/storm.md": """---
title: Storm week
date: 2024-03-15
twitter: "@eastportgazette"
---

The authority closed the bridge:

{{< tweet user="EastportTransit" id="1768190000123456701" >}}

The weather service followed:

{{< x user="EastportWx" id="1768190000123456702" >}}

To embed a post yourself, write:

```markdown
{{< tweet user="example" id="1768190000123456799" >}}
```
""",
    "content/posts/draft.mdx": """import { Tweet } from "astro-embed";

{/* <Tweet id="1768190000123456798" /> */}

<Tweet id="https://x.com/EastportCity/status/1768190000123456703" />
""",
    "README.md": "# The site\n\nEmbed posts with `{{< tweet >}}`:\n\n"
    '```\n{{< tweet user="example" id="1768190000123456797" >}}\n```\n',
    "data/tweets.yaml": "- text: Stay home. — City (@EastportCity) March 14, 2024\n"
    "  url: https://twitter.com/EastportCity/status/1768190000123456796\n",
    "package.json": '{"homepage": "https://twitter.com/EastportCity/status/1768190000123456795"}\n',
    "_config.yml": "twitter: EastportGazette\ntweet: https://twitter.com/a/status/1768190000123456794\n",
}


def test_pre_commit_on_a_markdown_site_reports_only_the_stories(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    from mediacite.check import Lockfile
    from mediacite.extract.markdown import extract_markdown
    from mediacite.models import Resolution, Snapshot

    site = tmp_path / "site"
    site.mkdir()
    git(site, "init", "-q")
    (site / "pyproject.toml").write_text('[tool.mediacite]\nlock = "mediacite.lock"\n')
    for name, text in SITE.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    pinned = extract_markdown(SITE["content/posts/storm.md"])[0]
    lock = Lockfile(site / "mediacite.lock")
    snapshot = Snapshot(
        archive="local",
        original_url=pinned.url or "",
        archived_url="http://127.0.0.1/archived",
        captured_at="2024-03-15T00:00:00Z",
    )
    lock.record(
        Resolution(citation=pinned, status="verified", snapshot=snapshot),
        ["content/posts/storm.md"],
    )
    lock.save()
    git(site, "add", ".")
    done = hook(site, pre_commit_home, lint=("--all-files",))
    assert done.returncode == 1, done.stdout + done.stderr
    findings = sorted(line for line in done.stdout.splitlines() if ": MC" in line)
    assert findings == [
        "content/posts/draft.mdx:5:1: MC201 not in the lockfile: run `mediacite lock`",
        "content/posts/storm.md:13:1: MC201 not in the lockfile: run `mediacite lock`",
    ]


def test_hook_checks_the_story_suffixes_only() -> None:
    import re

    import yaml

    from mediacite.check import STORY_SUFFIXES

    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    assert all(files.search(f"posts/story{suffix.upper()}") for suffix in STORY_SUFFIXES)
    named = re.fullmatch(r"\(\?i\)\\\.\((.*)\)\$", hook["files"])
    assert named is not None
    assert sorted(named.group(1).split("|")) == sorted(s[1:] for s in STORY_SUFFIXES)
    for data in ("mediacite.lock", "package.json", "_config.yml", "data/a.yaml", "poetry.lock"):
        assert not files.search(data) or exclude.search(data)
    assert exclude.search("site/mediacite.lock")


HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def hostile(tmp_path: Path, archive: str) -> Path:
    repo = tmp_path / "cloned"
    repo.mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "pyproject.toml").write_text(f'[tool.mediacite]\narchive = "{archive}"\n')
    (repo / "story.md").write_text(STORY, encoding="utf-8")
    git(repo, "add", ".")
    return repo


def test_the_hook_in_a_hostile_clone_contacts_nothing(
    tmp_path: Path, pre_commit_home: Path
) -> None:
    with listening() as listener:
        repo = hostile(tmp_path, f"http://127.0.0.1:{listener.port}/coll")
        offline = hook(repo, pre_commit_home)
        assert offline.returncode == 1 and "story.md:5:1: MC201" in offline.stdout
        assert listener.connections == []


def test_the_hook_online_refuses_a_hostile_archive(tmp_path: Path, pre_commit_home: Path) -> None:
    """The project's own hook definition, run by pre-commit with ``args: [--online]``."""
    definition = next(h for h in HOOKS if h["id"] == "mediacite-check")
    local = {
        **definition,
        "args": ["--online"],
        "additional_dependencies": [str(ROOT)],
    }
    with listening() as listener:
        for n, archive in enumerate(
            (f"http://127.0.0.1:{listener.port}/coll", "http://169.254.169.254/latest/meta-data/")
        ):
            repo = hostile(tmp_path / str(n), archive)
            config = {"repos": [{"repo": "local", "hooks": [local]}]}
            (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
            git(repo, "add", ".")
            env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "NO_COLOR": "1"}
            done = subprocess.run(
                [sys.executable, "-m", "pre_commit", "run", "--files", "story.md", "--verbose"],
                cwd=repo,
                env=env,
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert done.returncode == 1, done.stdout + done.stderr
            assert "- exit code: 2" in done.stdout
            assert f"[tool.mediacite] archive '{archive}' is" in done.stdout
            assert "Traceback" not in done.stdout + done.stderr
        assert listener.connections == []
