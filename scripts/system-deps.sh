#!/usr/bin/env bash
# System packages the test suite needs, installed with apt-get only when missing (as root, or with sudo):
#   Java 17 for PySpark (tests/test_spark.py) and Debian's Chromium for the browser tests, which drive
#   /usr/bin/chromium through Playwright's Python package (never `playwright install`).
# Called by `make test`; does nothing when both are there.
set -euo pipefail
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing system packages for the tests: ${need[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || {
    echo "the tests need ${need[*]}: run 'apt-get install -y ${need[*]}' as root, then make test again" >&2
    exit 1
  }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q "${need[@]}"
