#!/usr/bin/env bash
# Make the real servers the class tests start available: redis-server (rooms shared by several
# app servers) and nginx (a load balancer in front of them), both from Debian's packages.
#
#     scripts/install_servers.sh     # `make test` runs it before pytest
#
# Each test starts its own on a free loopback port and stops it (harness/redis_server.py for
# Redis); nothing is left running. Idempotent: once both are there it returns at once. Without
# root or apt-get it says what to install; the tests that need a server then fail and say so.
set -euo pipefail

cd "$(dirname "$0")/.."
source scripts/as_root.sh

say() { printf 'install_servers: %s\n' "$*"; }

missing=()
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -eq 0 ]; then
    say "using $(redis-server --version | cut -d' ' -f1-3) and $(/usr/sbin/nginx -v 2>&1)"
    exit 0
fi
if can_apt && apt_install "${missing[@]}"; then
    # Debian starts the services it installs where it can; the tests run their own.
    as_root service redis-server stop >/dev/null 2>&1 || true
    as_root service nginx stop >/dev/null 2>&1 || true
    say "installed ${missing[*]}"
    exit 0
fi
say "ERROR: could not install ${missing[*]}; run 'apt-get install redis-server nginx-light' as root."
exit 1
