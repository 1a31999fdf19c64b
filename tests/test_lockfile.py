"""The lockfile schema: every invalid file is exit 2 with one line naming file, entry and field.

Also: merge-conflict markers, version 1 files (read, and upgraded by ``lock``), ``lock`` never
rewriting an invalid file, and local archives recorded relative to the lockfile, so a project
folder can move (checked by moving one after ``lock``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mediacite.check import identity_key
from mediacite.errors import LockfileError
from mediacite.lockfile import MAX_LOCKFILE_BYTES, Lockfile, absolute_url, portable_url
from paths import ROOT

WACZ = ROOT / "examples" / "archive" / "tweets.wacz"
KEY = "twitter:id:1106133365683126273"
STORY = """# Council and floods

Council votes 7-2 to extend library opening hours through the summer. — News Desk (@NewsDesk) March 20, 2019

The first alert: https://twitter.com/NewsDesk/status/1106133365683126273
"""


def entry(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "archive": "wayback",
        "archived_url": "https://web.archive.org/web/20190315080000/https://twitter.com/NewsDesk/status/1106133365683126273",
        "captured_at": "2019-03-15T08:00:00Z",
        "date": "2019-03-14",
        "error": None,
        "evidence": {"handle": "match"},
        "files": ["story.md"],
        "handle": "NewsDesk",
        "media": [],
        "original_url": "https://twitter.com/NewsDesk/status/1106133365683126273",
        "platform": "twitter",
        "post_id": "1106133365683126273",
        "status": "verified",
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


def document(entries: Any = None, version: Any = 2, **extra: Any) -> dict[str, Any]:
    return {"version": version, "entries": {KEY: entry()} if entries is None else entries, **extra}


INVALID: list[tuple[str, Any, str]] = [
    (
        "unknown status",
        document({KEY: entry(status="pending")}),
        f"entry {KEY}: status: unknown status 'pending' (one of verified, archived, mismatch, unavailable, not_archived, ambiguous, error)",
    ),
    (
        "misspelt status",
        document({KEY: entry(status="verifed")}),
        f"entry {KEY}: status: unknown status 'verifed'",
    ),
    (
        "numeric status",
        document({KEY: entry(status=1)}),
        f"entry {KEY}: status: must be a string, not a number",
    ),
    (
        "null status",
        document({KEY: entry(status=None)}),
        f"entry {KEY}: status: must be a string, not null",
    ),
    ("missing status", document({KEY: entry(status=...)}), f"entry {KEY}: status: missing"),
    (
        "verified without URL",
        document({KEY: entry(archived_url=None)}),
        f"entry {KEY}: archived_url: a verified entry needs the archived copy's URL",
    ),
    (
        "archived with empty URL",
        document({KEY: entry(status="archived", archived_url="")}),
        f"entry {KEY}: archived_url: a archived entry needs",
    ),
    (
        "script URL",
        document({KEY: entry(archived_url="javascript:alert(1)")}),
        f"entry {KEY}: archived_url: must be an http(s) URL, or a local archive's path relative to the lockfile",
    ),
    (
        "absolute file URL in version 2",
        document({KEY: entry(archive="local", archived_url="file:///home/ed/tweets.wacz#1/x")}),
        f"entry {KEY}: archived_url: must be an http(s) URL",
    ),
    (
        "absolute path",
        document({KEY: entry(archived_url="/home/ed/tweets.wacz#1/x")}),
        f"entry {KEY}: archived_url: must be",
    ),
    (
        "original URL not http",
        document({KEY: entry(original_url="data:text/html,x")}),
        f"entry {KEY}: original_url: must be an http(s) URL",
    ),
    (
        "capture time",
        document({KEY: entry(captured_at="yesterday")}),
        f"entry {KEY}: captured_at: must be a UTC time",
    ),
    (
        "media of numbers",
        document({KEY: entry(media=[1])}),
        f"entry {KEY}: media: must be a list of strings",
    ),
    (
        "files a string",
        document({KEY: entry(files="story.md")}),
        f"entry {KEY}: files: must be a list, not a string",
    ),
    (
        "evidence a list",
        document({KEY: entry(evidence=[])}),
        f"entry {KEY}: evidence: must be an object, not a list",
    ),
    (
        "boolean handle",
        document({KEY: entry(handle=True)}),
        f"entry {KEY}: handle: must be a string or null, not true or false",
    ),
    (
        "unknown field",
        document({KEY: entry(verified_by="me")}),
        f"entry {KEY}: verified_by: unknown field",
    ),
    (
        "key of another post",
        document({"twitter:id:1": entry()}),
        "entry twitter:id:1: post_id: the key names another post than '1106133365683126273'",
    ),
    (
        "key of another platform",
        document({"bluesky:id:1106133365683126273": entry()}),
        "entry bluesky:id:1106133365683126273: platform: the key does not start with the platform 'twitter'",
    ),
    ("entry a list", document({KEY: []}), f"entry {KEY}: must be an object, not a list"),
    (
        "null entries",
        document(entries=None) | {"entries": None},
        "entries: must be an object of entries, not null",
    ),
    ("list entries", document([entry()]), "entries: must be an object of entries, not a list"),
    ("missing entries", {"version": 2}, "entries: missing"),
    ("missing version", {"entries": {}}, "version: unsupported version null"),
    (
        "future version",
        document(version=3),
        "version: unsupported version 3: this mediacite reads versions 1 and 2",
    ),
    ("version as text", document(version="2"), 'version: unsupported version "2"'),
    ("version true", document(version=True), "version: unsupported version true"),
    ("unknown top level", document(comment="hi"), "unknown top-level field(s) 'comment'"),
    ("a list", [], "must be a JSON object with version and entries, not a list"),
    (
        "key with a newline",
        document({"twitter:id:1\n::error::x": entry()}),
        'entry "twitter:id:1\\n::error::x": post_id',
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), INVALID, ids=[case[0] for case in INVALID])
def test_invalid_lockfiles_are_refused_with_one_line(
    tmp_path: Path, name: str, data: Any, message: str
) -> None:
    path = tmp_path / "mediacite.lock"
    path.write_text(json.dumps(data, indent=2))
    with pytest.raises(LockfileError) as caught:
        Lockfile.load(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ") and message in text, text
    assert "\n" not in text


RAW_INVALID = {
    "merge conflict": (
        '{\n  "version": 2,\n  "entries": {\n<<<<<<< HEAD\n    "a": {}\n=======\n    "b": {}\n>>>>>>> other\n  }\n}\n',
        "line 4: unresolved merge conflict (<<<<<<< marker)",
    ),
    "conflict, their side only": (
        '{"version": 2, "entries": {}}\n=======\n',
        "line 2: unresolved merge conflict (======= marker)",
    ),
    "duplicate key": (
        '{"version": 2, "entries": {"k": {}, "k": {}}}',
        "the key 'k' appears twice in one object",
    ),
    "NaN": ('{"version": 2, "entries": {}, "x": NaN}', "not valid JSON: NaN is not a JSON number"),
    "empty": ("", "empty: delete it, then run `mediacite lock`"),
    "broken JSON": ('{"version": 2,\n "entries": {', "line 2 column 14: not valid JSON"),
    "deep nesting": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("name", sorted(RAW_INVALID))
def test_broken_files_and_merge_conflicts(tmp_path: Path, name: str) -> None:
    text, message = RAW_INVALID[name]
    path = tmp_path / "mediacite.lock"
    path.write_text(text)
    with pytest.raises(LockfileError) as caught:
        Lockfile.load(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_unreadable_lockfiles(tmp_path: Path) -> None:
    path = tmp_path / "mediacite.lock"
    path.write_bytes(b'{"version": 2, "entries": {"\xff": {}}}')
    with pytest.raises(LockfileError, match=r"not UTF-8 \(byte 28\)"):
        Lockfile.load(path)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(LockfileError, match="not a regular file: a FIFO"):
        Lockfile.load(path)
    path.unlink()
    path.mkdir()
    with pytest.raises(LockfileError, match="is a directory"):
        Lockfile.load(path)
    path.rmdir()
    with open(path, "wb") as out:
        out.truncate(MAX_LOCKFILE_BYTES + 1)
    with pytest.raises(LockfileError, match="lockfile larger than 256 MiB"):
        Lockfile.load(path)
    path.unlink()
    assert Lockfile.load(path).entries == {}


def test_valid_files_load_and_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "mediacite.lock"
    path.write_text("\ufeff" + json.dumps(document()))
    lock = Lockfile.load(path)
    assert lock.version == 2 and lock.entries[KEY]["status"] == "verified"
    snapshot = lock.snapshot(KEY)
    assert snapshot is not None and snapshot.archived_url.startswith("https://web.archive.org/")


def test_portable_urls_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "news room"
    archive = folder / "archive" / "tweets #1.wacz"
    url = f"{archive.as_uri()}#20190315080000/https://twitter.com/a/status/1?s=20"
    reference = portable_url(url, folder)
    assert (
        reference == "archive/tweets%20%231.wacz#20190315080000/https://twitter.com/a/status/1?s=20"
    )
    assert absolute_url(reference, folder) == url
    outside = portable_url(f"{(tmp_path / 'a:b.wacz').as_uri()}#1/x", folder)
    assert outside == "../a%3Ab.wacz#1/x", "no colon that could read as a scheme"
    assert absolute_url(outside, folder) == f"{tmp_path.as_uri()}/a%3Ab.wacz#1/x"
    assert (
        portable_url("https://web.archive.org/web/1/x", folder) == "https://web.archive.org/web/1/x"
    )


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mediacite", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "MEDIACITE_CACHE": str(cwd.parent / "cache.sqlite"), **env},
    )


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    root = tmp_path / "newsroom"
    (root / "archive").mkdir(parents=True)
    shutil.copy(WACZ, root / "archive" / "tweets.wacz")
    (root / "pyproject.toml").write_text('[tool.mediacite]\narchive = "archive/tweets.wacz"\n')
    (root / "stories").mkdir()
    (root / "stories" / "council.md").write_text(STORY, encoding="utf-8")
    return root


def test_lock_never_rewrites_an_invalid_file(newsroom: Path) -> None:
    lock = newsroom / "mediacite.lock"
    for text in (json.dumps(document({KEY: entry(status="pending")})), "<<<<<<< ours\n{}\n"):
        lock.write_text(text)
        done = run("lock", "--allow-local-archive", "stories", cwd=newsroom)
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith(f"mediacite: {lock}: ")
        assert lock.read_text() == text
        check = run("check", "stories", cwd=newsroom)
        assert check.returncode == 2 and check.stdout == "" and "Traceback" not in check.stderr


def test_local_archives_are_recorded_relative_so_the_folder_can_move(
    newsroom: Path, tmp_path: Path
) -> None:
    done = run("lock", "--allow-local-archive", "stories", cwd=newsroom)
    assert done.returncode == 0, done.stderr
    text = (newsroom / "mediacite.lock").read_text()
    assert str(tmp_path) not in text and "file:" not in text
    data = json.loads(text)
    assert data["version"] == 2
    first = data["entries"][KEY]
    assert first["status"] == "verified" and first["files"] == ["stories/council.md"]
    assert first["archived_url"].startswith("archive/tweets.wacz#")

    moved = tmp_path / "elsewhere" / "renamed"
    moved.parent.mkdir()
    newsroom.rename(moved)
    assert run("check", "stories", cwd=moved).returncode == 0
    again = run("lock", "--allow-local-archive", "stories", cwd=moved)
    assert again.returncode == 0 and "nothing new" in again.stderr
    assert (moved / "mediacite.lock").read_text() == text
    snapshot = Lockfile.load(moved / "mediacite.lock").snapshot(KEY)
    assert snapshot is not None
    assert snapshot.archived_url.startswith((moved / "archive" / "tweets.wacz").as_uri() + "#")


def test_version_1_files_are_read_and_upgraded_by_lock(newsroom: Path) -> None:
    wacz = (newsroom / "archive" / "tweets.wacz").resolve()
    old = {
        "version": 1,
        "entries": {
            KEY: entry(
                archive="local",
                archived_url=f"{wacz.as_uri()}#20190315080000/https://twitter.com/NewsDesk/status/1106133365683126273",
                evidence={
                    "mementos": [
                        {"uri_m": f"{wacz.as_uri()}#20190315080000/x", "outcome": "verified"}
                    ]
                },
                files=["stories/council.md"],
            )
        },
    }
    path = newsroom / "mediacite.lock"
    path.write_text(json.dumps(old, indent=2, sort_keys=True) + "\n")
    loaded = Lockfile.load(path)
    assert loaded.version == 1
    assert loaded.entries[KEY]["archived_url"].startswith("archive/tweets.wacz#")
    check = run("check", "stories/council.md", cwd=newsroom)
    assert (
        check.returncode == 1
        and "MC201" in check.stdout
        and path.read_text() == json.dumps(old, indent=2, sort_keys=True) + "\n"
    )
    done = run("lock", "--allow-local-archive", "stories", cwd=newsroom)
    assert done.returncode == 0, done.stderr
    assert "upgraded from version 1 to 2" in done.stderr
    upgraded = json.loads(path.read_text())
    assert upgraded["version"] == 2 and "file:" not in path.read_text()
    assert (
        upgraded["entries"][KEY]["evidence"]["mementos"][0]["uri_m"]
        == "archive/tweets.wacz#20190315080000/x"
    )


def test_the_lockfile_is_no_story(newsroom: Path) -> None:
    (newsroom / "mediacite.lock").write_text(json.dumps(document()))
    for command in ("check", "lock"):
        done = run(command, "mediacite.lock", cwd=newsroom)
        assert done.returncode == 2 and "is the lockfile, not a story" in done.stderr
    (newsroom / "mediacite.lock").write_text(json.dumps(document({KEY: entry(status="pending")})))
    broken = run("check", "stories/council.md", cwd=newsroom)
    assert broken.returncode == 2 and "status: unknown status 'pending'" in broken.stderr
    (newsroom / "mediacite.lock").write_text(json.dumps(document()))
    (newsroom / "stories" / "notes.txt").write_text("nothing cited\n")
    shutil.copy(newsroom / "mediacite.lock", newsroom / "stories" / "mediacite.lock")
    done = run("check", "--lock", "stories/mediacite.lock", "stories", cwd=newsroom)
    assert done.returncode == 1 and "stories/mediacite.lock" not in done.stdout


def test_identity_keys_match_what_the_schema_expects() -> None:
    import mediacite

    for citation in mediacite.extract_text(STORY):
        key = identity_key(citation)
        assert key.startswith(f"{citation.platform}:")
        if citation.post_id:
            assert key == f"{citation.platform}:id:{citation.post_id}"
