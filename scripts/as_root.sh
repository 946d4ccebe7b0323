# Sourced by the install scripts: run a command as root, and tell whether apt-get can be used.
#
#     source scripts/as_root.sh
#     can_apt && as_root apt-get install -y --no-install-recommends redis-server

# Runs a command as root: directly when we are root, through sudo when that needs no password.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        return 1
    fi
}

can_apt() { command -v apt-get >/dev/null 2>&1 && as_root true; }

# Installs Debian packages, refreshing the package lists once if the first try fails.
apt_install() {
    as_root apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 \
        || { as_root apt-get update -qq >/dev/null 2>&1 \
             && as_root apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1; }
}
