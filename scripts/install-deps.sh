#!/usr/bin/env bash
# Installs the Debian 12 packages Xinyong builds, tests or benchmarks with, when missing.
#   scripts/install-deps.sh            build + test packages
#   scripts/install-deps.sh bench      also wrk and nginx for the benchmarks
#   scripts/install-deps.sh fuzz       also clang for the libFuzzer targets
#   scripts/install-deps.sh fuzz-coverage  as fuzz, and llvm-cov/llvm-profdata for their coverage
#   scripts/install-deps.sh web        Node.js and npm for building web/ (only if node is missing)
#   scripts/install-deps.sh browser    as web, and Debian's chromium for the browser tests
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev libssl-dev
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libyaml-cpp-dev
  libzip-dev libexpat1-dev libopencc-dev libjemalloc-dev libicu-dev libnova-dev
  libgtest-dev libgmock-dev libbenchmark-dev faketime
  python3-openpyxl libreoffice-calc-nogui debootstrap
  libcairo2-dev libpango1.0-dev libqrencode-dev fonts-wqy-microhei poppler-utils zbar-tools
  postgresql-15
)
case "${1:-}" in
  bench) packages+=(wrk nginx-light) ;;
  fuzz) packages+=(clang libclang-rt-14-dev) ;;
  fuzz-coverage) packages+=(clang libclang-rt-14-dev llvm-14) ;;
  web | browser)
    # Only what the web build and browser tests need: a newer node already on PATH is kept.
    packages=()
    command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
    # A CJK font, so that Chromium draws the Chinese pages (and the screenshots) legibly.
    # nginx: the public walk runs once more through it, terminating TLS as in production.
    if [ "$1" = browser ]; then packages+=(chromium fonts-wqy-microhei nginx-light); fi
    ;;
esac

missing=()
for p in "${packages[@]+"${packages[@]}"}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# Tests start a private PostgreSQL of their own (scripts/with-postgres.sh) on a free port, so a
# cluster the package may start on 5432 does not matter.
$SUDO apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
