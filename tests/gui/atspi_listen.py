"""Run by the system Python (it has the AT-SPI bindings): writes, one JSON line each,
the announcements the application makes through AT-SPI (what a screen reader such as
Orca says aloud as they come), to the file given, after a first line saying it listens.

    /usr/bin/python3 atspi_listen.py OUT_FILE
"""

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402


def main():
    out = open(sys.argv[1], "a", encoding="utf-8")

    def heard(event):
        out.write(json.dumps({"said": str(event.any_data or "")}) + "\n")
        out.flush()

    listener = Atspi.EventListener.new(heard)
    listener.register("object:announcement")
    out.write(json.dumps({"listening": True}) + "\n")
    out.flush()
    Atspi.event_main()


if __name__ == "__main__":
    main()
