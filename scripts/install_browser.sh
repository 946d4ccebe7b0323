#!/usr/bin/env bash
# Make a Chromium available for the browser tests (tests/e2e) and say which one they will use.
#
#     scripts/install_browser.sh            # `make test` runs it before pytest
#     PYTHON=.venv/bin/python scripts/install_browser.sh
#
# In order of preference:
#   1. Debian's /usr/bin/chromium when it is already there (nothing to do);
#   2. `apt-get install chromium` when we are root or have password-less sudo (the project's
#      machines: no internet, but the package registries answer);
#   3. Playwright's own download (`python -m playwright install chromium`), which works on an
#      ordinary machine with internet.
# Idempotent: once a browser is there it returns in well under a second. The tests look for
# the same two places (harness/server.py), so what this prints is what they use.
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
SYSTEM_CHROMIUM=/usr/bin/chromium

say() { printf 'install_browser: %s\n' "$*"; }

source scripts/as_root.sh

chromium_version() { "$SYSTEM_CHROMIUM" --version 2>/dev/null || echo "version unknown"; }

# Without a colour-emoji font the app's page icons show as empty boxes in screenshots. Optional:
# it only changes how screenshots look, so a failure here is a note, not an error.
ensure_emoji_font() {
    if ! command -v fc-list >/dev/null 2>&1 || fc-list | grep -qi emoji; then
        return 0
    fi
    if can_apt; then
        say "adding fonts-noto-color-emoji so page icons render in screenshots"
        apt_install fonts-noto-color-emoji \
            || say "note: could not install fonts-noto-color-emoji; icons will show as boxes in screenshots"
    fi
}

if [ -x "$SYSTEM_CHROMIUM" ]; then
    ensure_emoji_font
    say "using system Chromium at $SYSTEM_CHROMIUM ($(chromium_version))"
    exit 0
fi

if can_apt; then
    say "no $SYSTEM_CHROMIUM; installing Debian's chromium with apt-get"
    if as_root apt-get update -qq \
        && as_root apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji \
        && [ -x "$SYSTEM_CHROMIUM" ]; then
        say "using system Chromium at $SYSTEM_CHROMIUM ($(chromium_version))"
        exit 0
    fi
    say "apt-get could not install chromium; trying Playwright's own download instead"
fi

say "using Playwright's own Chromium: $PYTHON -m playwright install chromium"
if ! "$PYTHON" -m playwright install chromium; then
    say "ERROR: no browser for the e2e tests. Install Debian's chromium (apt-get install chromium)"
    say "       or run '$PYTHON -m playwright install --with-deps chromium' with internet access."
    exit 1
fi
say "using Playwright's own Chromium (installed under ~/.cache/ms-playwright)"
