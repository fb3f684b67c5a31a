#!/usr/bin/env bash
# A headless Chromium and its ChromeDriver for the system tests' browser tests, from Debian's packages (no
# download by Selenium Manager: the tests point Selenium at these two files).
#   chromium.sh ensure   install Debian's chromium and chromium-driver (with fonts-liberation when the
#                        archive has it) when /usr/bin/chromium or /usr/bin/chromedriver is missing
#   chromium.sh status   the versions of both
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

# True when apt knows a candidate version of the package.
resolves() {
  local policy
  policy="$(apt-cache policy "$1" 2>/dev/null)" || return 1
  [[ "$policy" == *"Candidate: "[!\(]* ]]
}

ensure() {
  [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ] && return 0
  local packages="chromium chromium-driver"
  # without a font, pages render as boxes in the screenshots
  resolves fonts-liberation && packages="$packages fonts-liberation"
  echo "installing from Debian's packages: $packages"
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >"$LOG_DIR/apt-chromium.log" 2>&1 \
    || { as_root apt-get update -q >>"$LOG_DIR/apt-chromium.log" 2>&1 \
         && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $packages >>"$LOG_DIR/apt-chromium.log" 2>&1; } \
    || die "installing $packages failed: see $LOG_DIR/apt-chromium.log"
  [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ] \
    || die "installed $packages, yet $CHROMIUM or $CHROMEDRIVER is missing: see $LOG_DIR/apt-chromium.log"
}

status() {
  local missing=""
  if [ -x "$CHROMIUM" ]; then "$CHROMIUM" --version; else echo "$CHROMIUM missing"; missing=yes; fi
  if [ -x "$CHROMEDRIVER" ]; then "$CHROMEDRIVER" --version; else echo "$CHROMEDRIVER missing"; missing=yes; fi
  [ -z "$missing" ]
}

case "${1:-}" in
  ensure) ensure ;;
  status) status ;;
  *) die "usage: chromium.sh ensure|status" ;;
esac
