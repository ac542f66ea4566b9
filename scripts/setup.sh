#!/usr/bin/env bash
# Installs what WSS Review Desktop needs on a Debian or Ubuntu machine, then the
# app itself into .venv/. Safe to run again: it only installs what is missing.
#   scripts/setup.sh          what the app needs
#   scripts/setup.sh --test   also what the test suite needs
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

# Qt's libraries (offscreen and X11), fonts for the PDF reports, a virtual screen.
packages=(python3-venv libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
          libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
          libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xkb1 libxcb-xinerama0
          fonts-dejavu-core xvfb xauth)
if [ "$want_tests" = 1 ]; then
  packages+=(poppler-utils syncthing)
  # A real Secret Service keyring for the tests (tests/keyring_support.py starts it on a
  # private session bus, unlocked with a test password, and stops it afterwards).
  packages+=(gnome-keyring dbus-daemon libsecret-tools)
  # Real key presses into the app under Xvfb, and the screen-reader (AT-SPI) tree read
  # by the system Python's bindings in a private D-Bus session (issue 13).
  packages+=(xdotool x11-utils at-spi2-core dbus python3-gi gir1.2-atspi-2.0)
  # A real copy-on-write disk (btrfs, in a loop-mounted file) to fill up (tests/disk_support.py).
  packages+=(btrfs-progs e2fsprogs)
fi

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
else
  echo "Note: not a Debian-style system; install Qt's runtime libraries yourself if the app does not start."
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "WSS Review Desktop needs Python 3.11 or newer (found $("$python" --version 2>&1))." >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
extras=""
[ "$want_tests" = 1 ] && extras="[test,build]"
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"
