#!/usr/bin/env bash
# Installs what is needed, adds the fictional demo review (once) and opens the app.
# Extra arguments go to wss-desktop, e.g. scripts/run-app.sh --data-dir /tmp/try
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The app adds the demo review (once) as it opens, after it has been unlocked: where
# this computer has no safe keyring, the app asks for the passphrase that unlocks it.
export WSS_ADD_DEMO=1
if [ "$(uname)" = Linux ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No screen found, so the app runs on a virtual one (Xvfb); use a desktop session to see it."
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/wss-desktop "$@"
fi
exec .venv/bin/wss-desktop "$@"
