#!/usr/bin/env bash
# Install pywb into its own virtualenv for mediacite's integration tests.
#
# pywb is GPL-3.0 and monkey-patches the interpreter with gevent, so it never enters the
# project's environment: the tests start it as a subprocess from this virtualenv.
# Idempotent: a no-op (well under a second) when the pinned version is already installed.
set -euo pipefail

PYWB_VERSION="${MEDIACITE_PYWB_VERSION:-2.10.0}"
VENV="${MEDIACITE_PYWB_VENV:-$HOME/.cache/mediacite/pywb-venv}"
PYTHON="${PYTHON:-python3}"
STAMP="$VENV/.mediacite-pywb-$PYWB_VERSION"

if [[ -f "$STAMP" && -x "$VENV/bin/pywb" && -x "$VENV/bin/wb-manager" ]]; then
    exit 0
fi

echo "pywb-setup: installing pywb $PYWB_VERSION into $VENV" >&2
rm -rf "$VENV"
mkdir -p "$(dirname "$VENV")"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pywb==$PYWB_VERSION"
"$VENV/bin/wb-manager" --help >/dev/null
"$VENV/bin/python" -c "import pywb; print('pywb-setup: pywb', pywb.__version__, 'ready')" >&2
touch "$STAMP"
