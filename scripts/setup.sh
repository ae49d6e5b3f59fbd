#!/usr/bin/env bash
# Sets up a fresh machine for the portal: Debian packages, a Python virtualenv with the pinned
# requirements (which include the `portal` package itself), and, with --test, what the test
# suite needs (headless Chromium, nginx, poppler, zbar, Java for the HTML checker, axe-core, rsync
# for the publishing script).
# Safe to run again: every step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# A message for the person at the terminal, from the tools' catalogue (Vietnamese unless
# PORTAL_LANG=en; portal/script_messages.py): the standard library is enough, so it works before
# the virtualenv exists.
say() {
  PYTHONPATH=scripts python3 -m portal.script_messages "$@" 2>/dev/null || printf '%s\n' "$*"
}

with_tests=false
[ "${1:-}" = "--test" ] && with_tests=true

apt_packages=()
python3 -c "import venv, ensurepip" 2>/dev/null || apt_packages+=(python3-venv)
if $with_tests; then
  apt_packages+=(chromium nginx poppler-utils libzbar0 fonts-noto-cjk default-jre-headless rsync)
  # Node may be preinstalled outside Debian's packages: only install it when absent.
  command -v npm >/dev/null || apt_packages+=(nodejs npm)
fi

missing=()
for package in "${apt_packages[@]+"${apt_packages[@]}"}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say installing packages="${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -r requirements.txt

if $with_tests && [ -f tests/js/package.json ]; then
  # --ignore-scripts: vnu-jar's postinstall would try to download a Java of its own.
  npm ci --silent --ignore-scripts --no-audit --no-fund --prefix tests/js
fi
say setup-done
