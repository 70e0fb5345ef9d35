#!/usr/bin/env bash
# Sets up and runs the whole test suite on a fresh Debian machine with Swift: installs the system
# libraries and Debian's Redis 7.0 (the oracle the differential tests compare against), builds every
# product (the integration tests start the real strata-server binary) and runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q liblz4-dev zlib1g-dev pkg-config redis-server redis-tools
# Installing redis-server may start its service on 6379; the tests pick free ports themselves and
# never need it, so stop it to keep the machine quiet.
if command -v service >/dev/null 2>&1; then $SUDO service redis-server stop >/dev/null 2>&1 || true; fi
swift build
swift test
