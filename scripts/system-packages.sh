#!/usr/bin/env bash
# Installs the Debian packages Tianping's browser tests and documents need,
# when they are missing and we may install them; otherwise says what is missing.
set -euo pipefail
# run: translations, CJK fonts and Pango (WeasyPrint lays out PDFs with it); test: also the browser
# for page tests and espeak-ng, so the 12368 prompts are really synthesized in the tests.
PACKAGES=(gettext fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0)
[ "${1:-run}" = "test" ] && PACKAGES+=(chromium espeak-ng)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages: ${missing[*]} — install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
