#!/usr/bin/env bash
# System set-up for the pipeline: Pango (WeasyPrint), HarfBuzz subsetting, poppler-utils,
# and static Noto fonts (Latin and Simplified/Traditional Chinese). Idempotent: when all
# are present it does nothing. As root on Debian/Ubuntu it installs what is missing with apt;
# elsewhere it stops with one line naming the command to run. Extra packages may be named as
# arguments (`make test` adds LibreOffice, which the DOCX rendering tests use).
set -euo pipefail

packages=(fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
          fonts-noto-core fonts-noto-cjk "$@")

if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && exit 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing system packages; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! ls /var/lib/apt/lists/*Packages* >/dev/null 2>&1; then apt-get update -qq; fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
  fc-cache -f >/dev/null 2>&1 || true
  exit 0
fi

# Not Debian: check by capability and name what is lacking.
lacking=()
for family in "Noto Serif" "Noto Sans" "Noto Serif CJK SC" "Noto Sans CJK SC"; do
  fc-list ":family=$family" 2>/dev/null | grep -q . || lacking+=("font '$family'")
done
command -v pdffonts >/dev/null 2>&1 || lacking+=("poppler-utils")
for extra in "$@"; do
  case "$extra" in libreoffice*) command -v soffice >/dev/null 2>&1 || lacking+=("LibreOffice");; esac
done
if [ ${#lacking[@]} -gt 0 ]; then
  echo "setup: missing ${lacking[*]}; install Pango, HarfBuzz (with hb-subset), poppler-utils and the Noto and Noto CJK fonts with your package manager" >&2
  exit 2
fi
