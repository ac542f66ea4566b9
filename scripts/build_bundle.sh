#!/usr/bin/env bash
# Builds the desktop bundle with PyInstaller into dist/wss-desktop/ and runs its selftest.
#   scripts/build_bundle.sh            set up .venv if needed, build, selftest
#   scripts/build_bundle.sh --no-setup  skip the set-up step (.venv already has PyInstaller)
# The bundle is one folder: copy or zip dist/wss-desktop/ as a whole; the program is
# dist/wss-desktop/wss-desktop (wss-desktop.exe on Windows).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" != "--no-setup" ]; then
  scripts/setup.sh
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[build]"
fi

rm -rf build/wss-desktop dist/wss-desktop
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build build_installer.spec

app=dist/wss-desktop/wss-desktop
[ -x "$app.exe" ] && app="$app.exe"
echo "Built $(du -sh dist/wss-desktop | cut -f1) in dist/wss-desktop/; running its selftest:"
QT_QPA_PLATFORM=offscreen "$app" --selftest
