#!/usr/bin/env bash
# Builds the web front ends as a newcomer on a stock Debian 12 does: in a fresh Debian 12 root
# (debootstrap, minbase) with Debian's own nodejs and npm (Node 18.20, what
# `apt-get install nodejs npm` gives), `npm ci` then `npm run build`. Fails when the toolchain
# needs a newer Node than Debian ships (as Vite 8 did).
#   scripts/check-web-debian-node.sh [SOURCE_DIR]
# The root is made once (about a minute) and kept in XY_DEBIAN_ROOT (default
# /var/tmp/xinyong-debian12); needs root, debootstrap and the Debian and npm registries.
set -euo pipefail
src=$(cd "${1:-$(dirname "$0")/..}" && pwd)
root=${XY_DEBIAN_ROOT:-/var/tmp/xinyong-debian12}
if [ "$(id -u)" -ne 0 ]; then
  echo "check-web-debian-node: skipped: needs root (debootstrap, chroot)" >&2
  exit 77
fi
if [ ! -x "$root/usr/bin/npm" ]; then
  rm -rf "$root"
  debootstrap --variant=minbase bookworm "$root" >"${root}.log" 2>&1 ||
    { tail -n 20 "${root}.log" >&2; exit 1; }
  chroot "$root" apt-get install -y -q --no-install-recommends nodejs npm ca-certificates \
    >>"${root}.log" 2>&1 || { tail -n 20 "${root}.log" >&2; exit 1; }
fi
# The registries as this machine reaches them: its certificate authorities.
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
work=/tmp/xinyong-web.$$
rm -rf "$root$work"
mkdir -p "$root$work"
# npm runs install scripts (esbuild's) as child processes: they need /proc and /dev.
mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
cleanup() {
  rm -rf "$root$work"
  umount "$root/dev" 2>/dev/null || true
  umount "$root/proc" 2>/dev/null || true
}
trap cleanup EXIT
cp -r "$src/web/"{package.json,package-lock.json,tsconfig.json,vite.config.ts,index.html,src} "$root$work/"
chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root \
  NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
  npm_config_cafile=/etc/ssl/certs/ca-certificates.crt \
  bash -c "cd $work && echo \"Debian's node \$(node --version), npm \$(npm --version)\" &&
           npm ci --no-audit --no-fund --loglevel=error && npm run build"
test -f "$root$work/dist/index.html"
echo "check-web-debian-node: the web front ends build with Debian 12's own Node.js"
