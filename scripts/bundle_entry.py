"""The frozen bundle's entry point (build_installer.spec): the desktop app with no
arguments, the command line with a command, or `--selftest` (all handled by cli.main)."""

import sys

from wss_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
