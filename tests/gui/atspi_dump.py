"""Run by the system Python (it has the AT-SPI bindings, python3-gi and
gir1.2-atspi-2.0): prints, as JSON, every object a screen reader sees in the
application whose name is given: role, name, description, text, states and
where it is on the screen (x, y, width, height).

    /usr/bin/python3 atspi_dump.py APP_NAME
"""

import json
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402


def walk(node, out, depth=0):
    if node is None or depth > 60:
        return
    try:
        states = node.get_state_set()
        names = [s.value_nick for s in Atspi.StateType.__enum_values__.values() if states.contains(s)]
        text = ""
        iface = node if "Text" in [i for i in node.get_interfaces()] else None
        if iface is not None:
            text = Atspi.Text.get_text(iface, 0, min(Atspi.Text.get_character_count(iface), 2000))
        box = None
        if "Component" in node.get_interfaces():
            r = Atspi.Component.get_extents(node, Atspi.CoordType.SCREEN)
            box = [r.x, r.y, r.width, r.height]
        out.append({"role": node.get_role_name(), "name": node.get_name() or "",
                    "description": node.get_description() or "", "text": text or "",
                    "states": names, "depth": depth, "box": box})
        if "showing" not in names and depth > 2:
            return
        for i in range(node.get_child_count()):
            walk(node.get_child_at_index(i), out, depth + 1)
    except Exception as exc:  # a node that went away while being read
        out.append({"role": "error", "name": str(exc), "description": "", "text": "", "states": [],
                    "depth": depth})


def main():
    wanted = sys.argv[1]
    desktop = Atspi.get_desktop(0)
    apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
    app = next((a for a in apps if a is not None and wanted in (a.get_name() or "")), None)
    if app is None:
        print(json.dumps({"apps": [a.get_name() for a in apps if a is not None]}))
        return 3
    out = []
    walk(app, out)
    print(json.dumps({"nodes": out}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
