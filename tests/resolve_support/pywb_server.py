"""A real pywb on 127.0.0.1, run as a subprocess from its own virtualenv (never imported).

pywb is GPL-3.0 and monkey-patches with gevent, so it lives in the virtualenv that
``.ci/pywb-setup.sh`` creates at ``$MEDIACITE_PYWB_VENV`` (default
``~/.cache/mediacite/pywb-venv``). The first test that needs it runs the script (pip from
PyPI), under a file lock so that parallel test processes install it once; a fresh clone's
``python -m pytest`` therefore runs the archive tests. Only when the install itself fails (no
network) do they skip, and under ``CI`` they fail instead.

Import the fixture into a test module: ``from resolve_support.pywb_server import pywb_url``.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from paths import ROOT

from .corpus import write_warc_file

COLLECTION = "tweets"
SETUP_SCRIPT = ROOT / ".ci" / "pywb-setup.sh"
SETUP_TIMEOUT = 900
"""Seconds the first install may take (pip resolving and building pywb and gevent)."""


def pywb_venv() -> Path:
    default = Path.home() / ".cache" / "mediacite" / "pywb-venv"
    return Path(os.environ.get("MEDIACITE_PYWB_VENV") or default)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _installed(venv: Path) -> bool:
    return (venv / "bin" / "pywb").exists() and (venv / "bin" / "wb-manager").exists()


def _provision(venv: Path) -> str | None:
    """Run the setup script under a lock; return why it failed, or ``None``."""
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / f".{venv.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        env = {**os.environ, "MEDIACITE_PYWB_VENV": str(venv), "PYTHON": sys.executable}
        try:
            done = subprocess.run(
                ["bash", str(SETUP_SCRIPT)],
                env=env,
                capture_output=True,
                text=True,
                timeout=SETUP_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"{SETUP_SCRIPT.name} did not finish in {SETUP_TIMEOUT} s"
    if done.returncode != 0 or not _installed(venv):
        return f"{SETUP_SCRIPT.name} failed ({done.returncode}): {done.stderr[-1000:]}"
    return None


def _require_venv() -> Path:
    """The pywb virtualenv, installed by the setup script on first use."""
    venv = pywb_venv()
    failure = _provision(venv)
    if failure is None:
        return venv
    reason = f"cannot install pywb into {venv}: {failure}"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pywb_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a pywb collection serving the fixture corpus."""
    venv = _require_venv()
    root = tmp_path_factory.mktemp("pywb")
    warc = write_warc_file(root / "corpus.warc.gz")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    for args in (["init", COLLECTION], ["add", COLLECTION, str(warc)]):
        subprocess.run(
            [str(venv / "bin" / "wb-manager"), *args],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
    port = free_port()
    log = (root / "pywb.log").open("wb")
    process = subprocess.Popen(
        [str(venv / "bin" / "pywb"), "-b", "127.0.0.1", "-p", str(port)],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/{COLLECTION}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                log.flush()
                output = (root / "pywb.log").read_text(errors="replace")
                pytest.fail(f"pywb exited with {process.returncode}:\n{output[-2000:]}")
            try:
                probe = httpx.get(f"{base}/cdx", params={"url": "t.co/x"}, timeout=2)
                if probe.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("pywb did not become ready within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()
