"""A cloned repository's ``[tool.mediacite]`` is not trusted: it may name only public archives.

``lock`` and ``check --online`` in a repository whose pyproject names a loopback, private,
link-local or local-file archive refuse with exit 2 and one clear line, and contact nothing (a
loopback listener counts connections). The user's own choice (``--archive``,
``MEDIACITE_ARCHIVE``) and the opt-ins (``--allow-local-archive``,
``MEDIACITE_ALLOW_LOCAL_ARCHIVE=1``) are honoured. The pyproject's ``lock`` cannot point
outside the project.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mediacite.check import load_config
from mediacite.errors import MediaciteError
from paths import ROOT
from resolve_support.loopback import Listener, listening

WACZ = ROOT / "examples" / "archive" / "tweets.wacz"
STORY = "Free water testing kits are available at every branch library starting Monday. — City Hall (@CityHall) June 2, 2020\n"


def run(repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MEDIACITE_")}
    environment.update(MEDIACITE_CACHE=str(repo.parent / "cache.sqlite"), **env)
    return subprocess.run(
        [sys.executable, "-m", "mediacite", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )


def clone(tmp_path: Path, archive: str) -> Path:
    repo = tmp_path / "cloned"
    repo.mkdir()
    (repo / "pyproject.toml").write_text(f"[tool.mediacite]\narchive = {json.dumps(archive)}\n")
    (repo / "story.md").write_text(STORY, encoding="utf-8")
    return repo


HOSTILE = {
    "loopback": ("http://127.0.0.1:{port}/coll", "a loopback address (127.0.0.1)"),
    "localhost": ("http://localhost:{port}/coll", "a loopback name (localhost)"),
    "IPv6 loopback": ("http://[::1]:{port}/coll", "a loopback address (::1)"),
    "IPv4-mapped IPv6": (
        "http://[::ffff:127.0.0.1]:{port}/coll",
        "a loopback address (127.0.0.1) inside an IPv6 address",
    ),
    "decimal": ("http://2130706433:{port}/coll", "resolves to a loopback address (127.0.0.1)"),
    "short form": (
        "http://127.1:{port}/cdx/search/cdx",
        "resolves to a loopback address (127.0.0.1)",
    ),
    "memento": ("memento:http://127.0.0.1:{port}/timemap/", "a loopback address"),
    "credentials": ("http://editor:s3cret@127.0.0.1:{port}/coll", "a loopback address"),
    "metadata": (
        "http://169.254.169.254/latest/meta-data/iam/",
        "a link-local address (169.254.169.254)",
    ),
    "private": ("http://10.20.30.40/coll", "a private-network address (10.20.30.40)"),
    "file URL": (WACZ.as_uri(), "a local archive (a file or folder on this machine)"),
    "local path": (str(WACZ), "a local archive (a file or folder on this machine)"),
}


@pytest.fixture(scope="module")
def listener() -> Listener:
    with listening() as server:
        yield server


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("command", [("lock", "story.md"), ("check", "--online", "story.md")])
def test_hostile_archives_are_refused_and_nothing_is_contacted(
    tmp_path: Path, listener: Listener, name: str, command: tuple[str, ...]
) -> None:
    spec, reason = HOSTILE[name]
    repo = clone(tmp_path, spec.format(port=listener.port))
    before = list(listener.connections)
    done = run(repo, *command)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout == "" and done.stderr.count("\n") == 1
    shown = str(WACZ) if name == "file URL" else spec.replace("editor:s3cret@", "")
    assert f"[tool.mediacite] archive '{shown.format(port=listener.port)}' is" in done.stderr
    assert reason in done.stderr and "--allow-local-archive" in done.stderr
    assert "s3cret" not in done.stderr and "Traceback" not in done.stderr
    assert not (repo / "mediacite.lock").exists()
    assert listener.connections == before


def test_the_offline_check_ignores_the_archive(tmp_path: Path, listener: Listener) -> None:
    repo = clone(tmp_path, f"http://127.0.0.1:{listener.port}/coll")
    before = list(listener.connections)
    done = run(repo, "check", "story.md")
    assert done.returncode == 1 and "MC201" in done.stdout
    assert listener.connections == before


def test_opting_in_trusts_the_repository(tmp_path: Path) -> None:
    repo = clone(tmp_path, "archive/tweets.wacz")
    (repo / "archive").mkdir()
    shutil.copy(WACZ, repo / "archive" / "tweets.wacz")
    assert run(repo, "lock", "story.md").returncode == 2
    flagged = run(repo, "lock", "--allow-local-archive", "story.md")
    assert flagged.returncode == 0, flagged.stderr
    assert '"status": "verified"' in (repo / "mediacite.lock").read_text()
    (repo / "mediacite.lock").unlink()
    by_env = run(repo, "check", "--online", "story.md", MEDIACITE_ALLOW_LOCAL_ARCHIVE="1")
    assert by_env.returncode == 0, by_env.stdout + by_env.stderr


def test_the_users_own_choice_is_honoured(
    tmp_path: Path,
    listener: Listener,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mediacite.cli import main
    from resolve_support.helpers import virtual_time

    repo = clone(tmp_path, "http://169.254.169.254/latest/meta-data/")
    local = run(repo, "lock", "--archive", str(WACZ), "story.md")
    assert local.returncode == 0, local.stderr
    (repo / "mediacite.lock").unlink()
    by_env = run(repo, "lock", "story.md", MEDIACITE_ARCHIVE=str(WACZ))
    assert by_env.returncode == 0, by_env.stderr
    (repo / "mediacite.lock").unlink()
    monkeypatch.chdir(repo)
    monkeypatch.setenv("MEDIACITE_CACHE", str(tmp_path / "cache.sqlite"))
    before = len(listener.connections)
    with virtual_time():
        code = main(
            ["check", "--online", "--archive", f"http://127.0.0.1:{listener.port}/coll", "story.md"]
        )
    assert code == 1 and "MC204" in capsys.readouterr().out
    assert len(listener.connections) > before, "the user's loopback archive is contacted"


def test_a_repository_cannot_move_the_lockfile_out(tmp_path: Path) -> None:
    for lock in ("../outside.lock", "/tmp/mediacite-outside.lock", "sub/../../outside.lock", ""):
        repo = tmp_path / "cloned"
        repo.mkdir(exist_ok=True)
        (repo / "pyproject.toml").write_text(f"[tool.mediacite]\nlock = {json.dumps(lock)}\n")
        with pytest.raises(MediaciteError, match="lock must be a path inside"):
            load_config(repo)
    (repo / "escape").symlink_to(tmp_path, target_is_directory=True)
    (repo / "pyproject.toml").write_text('[tool.mediacite]\nlock = "escape/outside.lock"\n')
    with pytest.raises(MediaciteError, match="lock must be a path inside"):
        load_config(repo)
    (repo / "story.md").write_text(STORY)
    done = run(repo, "lock", "--archive", str(WACZ), "story.md")
    assert done.returncode == 2 and "lock must be a path inside" in done.stderr
    assert not (tmp_path / "outside.lock").exists()
    (repo / "pyproject.toml").write_text('[tool.mediacite]\nlock = "records/mediacite.lock"\n')
    assert load_config(repo).lock_path == repo / "records" / "mediacite.lock"


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("archive = 5", "archive must be a string"),
        ('ignore = "MC201"', "ignore must be a list of strings"),
        ("include = [1]", "include must be a list of strings"),
        ("lock = []", "lock must be a string"),
    ],
)
def test_settings_of_the_wrong_type_are_errors(tmp_path: Path, setting: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.mediacite]\n{setting}\n")
    with pytest.raises(MediaciteError, match=message):
        load_config(tmp_path)


def test_where_the_archive_comes_from(tmp_path: Path) -> None:
    assert load_config(tmp_path, {}).archive_origin in ("default", "pyproject")
    (tmp_path / "pyproject.toml").write_text('[tool.mediacite]\narchive = "archive.today"\n')
    assert load_config(tmp_path, {}).archive_origin == "pyproject"
    chosen = load_config(tmp_path, {"MEDIACITE_ARCHIVE": "wayback"})
    assert (chosen.archive, chosen.archive_origin) == ("wayback", "environment")
    (tmp_path / "pyproject.toml").write_text("[tool.other]\n")
    assert load_config(tmp_path, {}).archive_origin == "default"
    (tmp_path / "pyproject.toml").unlink()
    os.mkfifo(tmp_path / "pyproject.toml")
    with pytest.raises(MediaciteError, match="not a regular file: a FIFO"):
        load_config(tmp_path, {})


def test_a_name_that_turns_private_after_the_check_is_still_refused(
    tmp_path: Path,
    listener: Listener,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """DNS rebinding: public when checked, loopback when connected to. Nothing is contacted."""
    import socket

    from mediacite.cli import main
    from resolve_support.helpers import virtual_time

    real = socket.getaddrinfo
    answers = iter(["93.184.216.34"])

    def rebinding(host: str, port: object, *args: object, **kwargs: object) -> object:
        if host != "archive.example":
            return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    repo = clone(tmp_path, f"http://archive.example:{listener.port}/cdx/search/cdx")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("MEDIACITE_CACHE", str(tmp_path / "cache.sqlite"))
    monkeypatch.delenv("MEDIACITE_ARCHIVE", raising=False)
    monkeypatch.delenv("MEDIACITE_ALLOW_LOCAL_ARCHIVE", raising=False)
    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    before = list(listener.connections)
    with virtual_time():
        code = main(["check", "--online", "story.md"])
    out = capsys.readouterr().out
    assert code == 1 and "MC204" in out
    assert "refusing to connect to archive.example at 127.0.0.1: a loopback address" in out
    assert listener.connections == before
