#!/usr/bin/env bash
# Install the system libraries and fonts jdgen's PDF output needs, when missing.
# Debian/Ubuntu: installs with apt-get (as root, or through sudo). Elsewhere, or
# without permission, prints the one command to run and carries on: every other
# format works without these. SYSTEM_EXTRA adds packages (make bench: LibreOffice;
# make test: Chromium and chromedriver for the studio's browser test).
set -u
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core ${SYSTEM_EXTRA:-}"
missing=""
for pkg in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
# Debian and Ubuntu ship Python's venv support separately: `make` needs it for .venv.
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")' 2>/dev/null)
  missing="$missing python${version:-3}-venv"
fi
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "jdgen: PDF output needs Pango, HarfBuzz and the Noto fonts; install them with your package manager (missing:$missing)" >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "jdgen: PDF output needs system packages; run: sudo apt-get install -y$missing" >&2
  exit 0
fi
echo "jdgen: installing system packages:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 \
  || { echo "jdgen: apt-get failed; run: sudo apt-get install -y$missing" >&2; exit 1; }
