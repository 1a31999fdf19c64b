"""The archive trust policy: public hosts only for untrusted specs, credentials never recorded.

Covers address classification (IPv4, IPv6 and the IPv4 forms hidden in IPv6), host names that
resolve to private addresses, local archives, credential splitting, netrc, the authenticated
wrapper, and the transport that re-checks each address when it connects (DNS rebinding).
"""

from __future__ import annotations

import base64
import ipaddress
import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from mediacite.errors import UntrustedArchive
from mediacite.resolver import open_archive
from mediacite.resolver.archives import LocalArchive, PywbArchive, WaybackArchive
from mediacite.resolver.guard import PublicOnlyBackend, PublicOnlyTransport
from mediacite.resolver.trust import (
    AuthenticatedArchive,
    address_problem,
    allow_local_from_env,
    check_public,
    host_problem,
    netrc_credentials,
    parse_spec,
)
from paths import ROOT
from resolve_support.loopback import listening, password_archive

WACZ = ROOT / "examples" / "archive" / "tweets.wacz"


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("8.8.8.8", None),
        ("2606:4700::1111", None),
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("::1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fd00::1", "private"),
        ("100.64.0.1", "not a globally routable"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("192.0.2.10", "private"),
        ("240.0.0.1", "private"),
        ("::ffff:127.0.0.1", "loopback address (127.0.0.1) inside"),
        ("::ffff:169.254.169.254", "link-local address (169.254.169.254) inside"),
        ("::ffff:8.8.8.8", None),
        ("2002:7f00:1::", "loopback address (127.0.0.1) inside"),
        ("2002:a9fe:a9fe::1", "link-local address (169.254.169.254) inside"),
        ("2002:808:808::", None),
        ("64:ff9b::a00:1", "private-network address (10.0.0.1) inside"),
        ("64:ff9b::808:808", None),
        ("::127.0.0.1", "loopback address (127.0.0.1) inside"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "inside"),
    ],
)
def test_address_classification(address: str, problem: str | None) -> None:
    found = address_problem(ipaddress.ip_address(address))
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def fake_dns(table: dict[str, list[str]]) -> Any:
    def getaddrinfo(host: str, port: int, *args: object, **kwargs: object) -> list[Any]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in table[host]
        ]

    return getaddrinfo


def test_host_names_are_judged_by_every_address() -> None:
    dns = fake_dns(
        {
            "archive.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
            "split.example": ["93.184.216.34", "10.1.2.3"],
            "metadata.example": ["169.254.169.254"],
            "v6.example": ["2606:2800:220:1:248:1893:25c8:1946", "::ffff:127.0.0.1"],
        }
    )
    assert host_problem("archive.example", getaddrinfo=dns) is None
    assert "private-network address (10.1.2.3)" in (
        host_problem("split.example", getaddrinfo=dns) or ""
    )
    assert "link-local" in (host_problem("metadata.example", getaddrinfo=dns) or "")
    assert "loopback" in (host_problem("v6.example", getaddrinfo=dns) or "")
    assert "could not be resolved" in (host_problem("nowhere.example", getaddrinfo=dns) or "")
    for name in ("localhost", "LOCALHOST.", "api.localhost"):
        assert host_problem(name, getaddrinfo=dns) == "a loopback name (localhost)"


@pytest.mark.parametrize(
    "host",
    [
        "127.1",
        "0x7f000001",
        "2130706433",
        "0177.0.0.1",
        "[::1]",
        "[::ffff:7f00:1]",
        "[0:0:0:0:0:ffff:127.0.0.1]",
    ],
)
def test_numeric_spellings_of_loopback_are_refused(host: str) -> None:
    problem = host_problem(host)
    assert problem is not None and "loopback" in problem


def test_check_public_refuses_local_archives_and_private_urls() -> None:
    for spec in (
        "wayback",
        "archive.today",
        "https://93.184.216.34/coll",
        "memento:https://8.8.8.8/timemap/",
    ):
        check_public(parse_spec(spec))
    refused = {
        "http://169.254.169.254/latest/meta-data/": "link-local address (169.254.169.254)",
        "http://[::ffff:a9fe:a9fe]/coll": "link-local address (169.254.169.254) inside",
        "memento:http://127.0.0.1:8080/timemap/": "loopback",
        "http://user:secret@10.0.0.2/coll": "private-network",
        str(WACZ): "a local archive",
        WACZ.as_uri(): "a local archive",
        "archive-folder": "a local archive",
    }
    for spec, reason in refused.items():
        with pytest.raises(UntrustedArchive) as caught:
            check_public(parse_spec(spec))
        assert reason in caught.value.reason
        assert "secret" not in str(caught.value)


def test_parse_spec_splits_credentials_off() -> None:
    spec = parse_spec("https://ed%40news:p%3Ass w0rd@archive.example:8443/coll?x=1")
    assert spec.text == "https://archive.example:8443/coll?x=1" and spec.kind == "url"
    assert spec.credentials is not None
    assert (spec.credentials.username, spec.credentials.password) == ("ed@news", "p:ss w0rd")
    assert "w0rd" not in repr(spec) and "w0rd" not in repr(spec.credentials)
    assert parse_spec("HTTPS://u:p@h/c").text == "https://h/c"
    assert parse_spec("memento:https://u:p@h/timemap/").text == "memento:https://h/timemap/"
    assert parse_spec("file:///srv/a%20b.wacz") == parse_spec("/srv/a b.wacz")
    with pytest.raises(ValueError, match="this machine"):
        parse_spec("file://fileserver/share/a.wacz")


def test_open_archive_keeps_credentials_out_of_keys_and_urls() -> None:
    archive = open_archive("https://editor:s3cret@archive.example/cdx/search/cdx")
    assert isinstance(archive, AuthenticatedArchive)
    assert isinstance(archive.inner, WaybackArchive)
    assert archive.key == "archive.example" and archive.hosts == {"archive.example"}
    assert "s3cret" not in repr(archive) and "s3cret" not in archive.inner.cdx_url
    assert "editor" not in archive.inner.memento_url("20190101000000", "https://twitter.com/a")


def test_untrusted_specs_open_only_public_archives() -> None:
    with pytest.raises(UntrustedArchive):
        open_archive(str(WACZ), trusted=False)
    with pytest.raises(UntrustedArchive):
        open_archive("http://localhost:8080/coll", trusted=False)
    assert isinstance(open_archive(str(WACZ)), LocalArchive)
    assert isinstance(open_archive(WACZ.as_uri()), LocalArchive)
    assert isinstance(open_archive("http://127.0.0.1:8080/coll"), PywbArchive)
    assert isinstance(open_archive("wayback", trusted=False), WaybackArchive)


def test_netrc_is_read_for_archives_the_user_chose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 93.184.216.34 login editor password s3cret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    found = netrc_credentials("93.184.216.34")
    assert found is not None and (found.username, found.password) == ("editor", "s3cret")
    assert netrc_credentials("elsewhere.example") is None
    assert isinstance(open_archive("https://93.184.216.34/coll"), AuthenticatedArchive)
    untrusted = open_archive("https://93.184.216.34/coll", trusted=False)
    assert isinstance(untrusted, PywbArchive), "a repository's archive never gets the user's netrc"
    netrc.write_text("machine 93.184.216.34 login\n")
    assert netrc_credentials("93.184.216.34") is None


def test_allow_local_switch() -> None:
    assert allow_local_from_env({"MEDIACITE_ALLOW_LOCAL_ARCHIVE": "1"})
    assert allow_local_from_env({"MEDIACITE_ALLOW_LOCAL_ARCHIVE": " Yes "})
    assert not allow_local_from_env({"MEDIACITE_ALLOW_LOCAL_ARCHIVE": "0"})
    assert not allow_local_from_env({})


def test_credentials_go_only_to_the_archive_and_nowhere_into_results(tmp_path: Path) -> None:
    from mediacite.resolver import resolve
    from resolve_support.corpus import CASES

    citations = [case.citation for case in CASES]
    with password_archive("editor", "s3cret") as server:
        spec = f"http://editor:s3cret@127.0.0.1:{server.port}/cdx/search/cdx"
        results = resolve(citations, archive=spec, cache=tmp_path / "cache.sqlite")
        assert server.authorizations and all(a == server.expected for a in server.authorizations)
        assert {r.status for r in results} >= {"verified", "not_archived"}
        dumped = str([r.to_dict() for r in results])
        assert "s3cret" not in dumped and "editor" not in dumped
        assert b"s3cret" not in (tmp_path / "cache.sqlite").read_bytes()
        server.authorizations.clear()
        wrong = resolve(citations[:1], archive=spec.replace("s3cret", "wrong"), cache=None)
        assert wrong[0].status == "error" and "wrong" not in str(wrong[0].to_dict())


def test_the_transport_refuses_an_address_that_turned_private() -> None:
    with listening() as listener:
        rebinding = fake_dns({"archive.example": ["127.0.0.1"]})
        transport = PublicOnlyTransport(PublicOnlyBackend(getaddrinfo=rebinding))
        with (
            httpx.Client(transport=transport) as client,
            pytest.raises(httpx.ConnectError) as caught,
        ):
            client.get(f"http://archive.example:{listener.port}/cdx")
        assert "refusing to connect to archive.example at 127.0.0.1: a loopback address" in str(
            caught.value
        )
        with (
            httpx.Client(transport=PublicOnlyTransport()) as client,
            pytest.raises(httpx.ConnectError),
        ):
            client.get(f"http://127.0.0.1:{listener.port}/cdx")
        assert listener.connections == []


def test_the_transport_carries_requests_to_addresses_it_accepts() -> None:
    with password_archive("editor", "s3cret") as server:
        dns = fake_dns({"archive.example": ["127.0.0.1"]})
        backend = PublicOnlyBackend(getaddrinfo=dns, problem=lambda address: None)
        with httpx.Client(transport=PublicOnlyTransport(backend)) as client:
            answer = client.get(
                f"http://archive.example:{server.port}/cdx/search/cdx",
                params={"url": "twitter.com/NewsDesk/status/*", "output": "json"},
                auth=("editor", "s3cret"),
            )
        assert answer.status_code == 200 and answer.json()[0][0] == "urlkey"


def test_no_command_output_file_or_cache_holds_the_password(tmp_path: Path) -> None:
    from resolve_support.corpus import CASES, ID_A, ID_C

    story = tmp_path / "story.md"
    story.write_text(
        f"First: https://twitter.com/NewsDesk/status/{ID_A}\n\n"
        f"Then: https://twitter.com/SpaceAgency/status/{ID_C}\n"
    )
    (tmp_path / "cited.jsonl").write_text(
        "".join(json.dumps(case.citation.to_dict()) + "\n" for case in CASES[:3])
    )
    netrc = tmp_path / "netrc"
    secrets = ("s3cret", base64.b64encode(b"editor:s3cret").decode())
    with password_archive("editor", "s3cret") as server:
        base = f"127.0.0.1:{server.port}/cdx/search/cdx"
        netrc.write_text("machine 127.0.0.1 login editor password s3cret\n")
        netrc.chmod(0o600)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("MEDIACITE_")},
            "MEDIACITE_CACHE": str(tmp_path / "cache.sqlite"),
            "NETRC": str(tmp_path / "no-netrc"),
        }
        runs = [
            (["lock", "--archive", f"http://editor:s3cret@{base}", "story.md"], {}),
            (
                ["check", "--online", "--lock", "other.lock", "story.md"],
                {"MEDIACITE_ARCHIVE": f"http://editor:s3cret@{base}"},
            ),
            (
                ["resolve", "--archive", f"http://{base}", "--format", "jsonl", "cited.jsonl"],
                {"NETRC": str(netrc)},
            ),
            (
                [
                    "lock",
                    "--lock",
                    "third.lock",
                    "--archive",
                    f"http://editor:wrong@{base}",
                    "story.md",
                ],
                {},
            ),
        ]
        outputs = []
        for args, extra in runs:
            done = subprocess.run(
                [sys.executable, "-m", "mediacite", *args],
                cwd=tmp_path,
                env={**env, **extra},
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert "Traceback" not in done.stderr
            outputs.append(done.stdout + done.stderr)
        assert server.authorizations.count(server.expected) >= 3
    locked = json.loads((tmp_path / "mediacite.lock").read_text())
    assert {e["status"] for e in locked["entries"].values()} <= {"verified", "archived"}
    assert '"status"' in outputs[2]
    written = [(tmp_path / "mediacite.lock").read_bytes(), (tmp_path / "third.lock").read_bytes()]
    written += [p.read_bytes() for p in tmp_path.glob("cache.sqlite*")]
    for secret in secrets:
        assert not any(secret in text for text in outputs)
        assert not any(secret.encode() in data for data in written)
