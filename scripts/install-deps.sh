#!/usr/bin/env bash
# Installs what Linkage needs to build and test on Debian 12, as root. Safe to run again.
set -euo pipefail
packages=(
  g++ cmake make pkg-config git ca-certificates
  libsqlite3-dev zlib1g-dev libssl-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  libgtest-dev libxxhash-dev libreadstat-dev libeigen3-dev libigraph-dev libgraphviz-dev libboost-dev libcpp-httplib-dev
  iso-codes sqlite3 clang-format clang-tidy chromium fonts-dejavu-core
  help2man dpkg-dev file wrk clang libclang-rt-14-dev
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The charting libraries reports inline and the browser driver of the figure export and browser tests,
# exactly as the lockfile pins them (the browser itself is Debian's chromium above; nothing is downloaded).
if ! command -v npm >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi
npm ci --prefix "$(dirname "$0")/../web" --no-audit --no-fund --loglevel=error
