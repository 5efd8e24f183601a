#!/bin/sh
# Unpacks another Debian Chromium build (default: 150, the other build seen on this machine type) into a cache
# folder, next to the installed one, and prints its CHROME_PATH. Nothing is installed or replaced:
#   CHROME_PATH=$(scripts/debian-chromium.sh) npx playwright test tests/e2e/<spec>
#   scripts/debian-chromium.sh 156.0.8078.114-1~deb12u1   # any version `apt-cache policy chromium` lists
# `.ci/run` and `npm test` keep using the installed chromium (docs/architecture.md, "Test machine facts").
set -eu
version=${1:-150.0.7871.100-1~deb12u1}
dir=${XDG_CACHE_HOME:-$HOME/.cache}/dg-nearby/chromium-$version
binary=$dir/usr/lib/chromium/chromium
fail() {
  echo "debian-chromium: $1" >&2
  exit 2
}
if [ ! -x "$binary" ]; then
  command -v apt-get >/dev/null && command -v dpkg >/dev/null || fail "needs apt-get and dpkg (Debian or Ubuntu)"
  debs=$(mktemp -d)
  trap 'rm -rf "$debs"' EXIT
  # chromium-common holds the resources and locales; the binary finds them next to itself.
  (cd "$debs" && apt-get download -q "chromium=$version" "chromium-common=$version" >/dev/null 2>"$debs/apt.log") ||
    fail "apt cannot fetch chromium $version ($(grep -m1 '^E:' "$debs/apt.log" || echo 'see apt-get download')): \`apt-cache policy chromium\` lists the versions offered"
  mkdir -p "$dir"
  for deb in "$debs"/*.deb; do dpkg -x "$deb" "$dir"; done
fi
"$binary" --version >/dev/null 2>&1 || fail "$binary does not start (remove $dir and run again)"
echo "$binary"
