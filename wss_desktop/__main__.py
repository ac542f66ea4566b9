"""`python -m wss_desktop`: the command line, or the desktop app with no command."""

import sys

from .cli import main


def gui_main() -> int:
    from .gui.app import run
    return run(None)


if __name__ == "__main__":
    sys.exit(main())
