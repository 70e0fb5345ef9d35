#!/usr/bin/env bash
# Sets up and runs strata-server on a fresh Debian machine with Swift: installs the system libraries,
# builds a release binary and starts it with the built-in defaults (Redis 7's defaults: port 6379,
# protected mode on, 16 databases) and ./data as the data directory. Extra arguments are passed on,
# e.g. `Tools/run-server.sh --port 7000` or `Tools/run-server.sh /etc/redis/redis.conf`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! dpkg -s liblz4-dev zlib1g-dev pkg-config >/dev/null 2>&1; then
    SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q liblz4-dev zlib1g-dev pkg-config
fi
swift build -c release --product strata-server
mkdir -p data
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
    # A config file first, as with redis-server; its own `dir` wins unless overridden after it.
    exec .build/release/strata-server "$@"
fi
exec .build/release/strata-server --dir "$PWD/data" "$@"
