"""Two real Syncthing instances on loopback keep two shared folders in step while two
data folders edit one review; both databases end up the same.

Only 127.0.0.1 is used: no global or local discovery, relays, NAT traversal, usage
reporting, crash reporting or upgrades. Skipped where Debian's `syncthing` is not
installed. Bounded: gives up after a fixed time and says where it stood.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sync_support import Device, fast_kdf, memory_keyring, state  # noqa: F401

from wss_desktop.core.demo import add_demo
from wss_desktop.core.paths import shared_by
from wss_desktop.core.sync.folder import MARKER, marker_copies, read_marker

SYNCTHING = shutil.which("syncthing")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.usefixtures("memory_keyring", "fast_kdf"),
    pytest.mark.skipif(SYNCTHING is None, reason="Syncthing is not installed "
                                                 "(apt-get install syncthing) so this test cannot run"),
]
DEADLINE = 90  # seconds for everything to converge


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Instance:
    def __init__(self, home: Path, folder: Path):
        self.home, self.folder = home, folder
        self.listen, self.gui = free_port(), free_port()
        done = subprocess.run([SYNCTHING, "generate", f"--home={home}", "--no-default-folder",
                               "--skip-port-probing"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        self.device_id = next(line.split("Device ID:")[1].strip()
                              for line in (done.stdout + done.stderr).splitlines() if "Device ID:" in line)
        self.proc: subprocess.Popen | None = None

    def configure(self, peer: "Instance", dial: bool) -> None:
        self.configure_many([(peer, dial)])

    def configure_many(self, peers: list[tuple["Instance", bool]]) -> None:
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        gui = root.find("gui")
        gui.find("address").text = f"127.0.0.1:{self.gui}"
        options = root.find("options")
        settings = {"listenAddress": f"tcp://127.0.0.1:{self.listen}", "globalAnnounceEnabled": "false",
                    "localAnnounceEnabled": "false", "relaysEnabled": "false", "natEnabled": "false",
                    "urAccepted": "-1", "autoUpgradeIntervalH": "0", "crashReportingEnabled": "false",
                    "startBrowser": "false", "reconnectionIntervalS": "1", "minHomeDiskFree": "0",
                    "setLowPriority": "false"}
        for name, value in settings.items():
            node = options.find(name)
            if node is None:
                node = ET.SubElement(options, name)
            node.text = value
        for name in ("globalAnnounceServer",):
            for node in options.findall(name):
                options.remove(node)
        for peer, dial in peers:
            device = ET.SubElement(root, "device", {"id": peer.device_id, "name": "peer",
                                                   "compression": "metadata", "introducer": "false"})
            # Only one side dials: when both do at once, Syncthing can sit out a 20 s
            # handshake timeout before it keeps one of the two connections.
            ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{peer.listen}" if dial else "dynamic"
        folder = ET.Element("folder", {"id": "wss-team", "label": "wss-team", "path": str(self.folder),
                                       "type": "sendreceive", "rescanIntervalS": "2",
                                       "fsWatcherEnabled": "true", "fsWatcherDelayS": "1"})
        ET.SubElement(folder, "filesystemType").text = "basic"
        for dev in (self.device_id, *(peer.device_id for peer, _ in peers)):
            ET.SubElement(folder, "device", {"id": dev})
        ET.SubElement(folder, "minDiskFree", {"unit": "%"}).text = "0"
        # Conflict copies ON, as Syncthing ships (maxConflicts 10): when two versions of
        # a file meet, the older is kept as NAME.sync-conflict-DATE-TIME-DEVICE.EXT.
        ET.SubElement(folder, "maxConflicts").text = "10"
        root.insert(0, folder)
        tree.write(path)

    def start(self) -> None:
        env = {**os.environ, "STNOUPGRADE": "1", "STNORESTART": "1", "HOME": str(self.home)}
        self.log = open(self.home / "syncthing.log", "w")
        self.proc = subprocess.Popen([SYNCTHING, "serve", f"--home={self.home}", "--no-browser",
                                      "--no-restart", "--no-upgrade", "--no-default-folder"],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.log.close()


def wait_for(condition, what: str, timeout: float = DEADLINE, explain=None) -> None:
    """Wait for `condition`; on giving up, `explain()` says what was seen last (so a rare
    failure in CI tells why)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"gave up after {timeout:.0f} s waiting for {what}"
                         + (f"; last seen: {explain()}" if explain else ""))


def test_two_syncthing_instances_carry_edits_between_two_data_folders(tmp_path):
    folders = [tmp_path / "shared-a", tmp_path / "shared-b"]
    for f in folders:
        f.mkdir()
    st = [Instance(tmp_path / "st-a", folders[0]), Instance(tmp_path / "st-b", folders[1])]
    st[0].configure(st[1], dial=False)
    st[1].configure(st[0], dial=True)
    a, b = Device(tmp_path, "a"), Device(tmp_path, "b")
    try:
        for inst in st:
            inst.start()
        rid, _ = add_demo(a.ws)
        a.sync(folders[0])
        wait_for(lambda: (folders[1] / MARKER).exists() and list(folders[1].rglob("00000001.wsc")),
                 "the first files to reach the second folder")
        # Syncthing's own mark on a folder it shares is how the app knows a data folder
        # put there is shared (core/paths.shared_by; tests/core/test_data_folder_placement.py).
        wait_for(lambda: (folders[1] / ".stfolder").is_dir(), "Syncthing to mark the folder it shares")
        assert shared_by(folders[1] / "WSS data", mounts="") == "Syncthing"

        def b_has_review() -> bool:
            try:
                b.sync(folders[1])
            except Exception:  # marker half-copied; Syncthing writes temp files, so unlikely
                return False
            return bool(b.ws.reviews())
        wait_for(b_has_review, "the second computer to receive the review")

        # Both edit the same review at once, several times, including the same text.
        for round_ in range(3):
            a.ws.judge(rid, "1.1", rating=["emerging", "developing", "established"][round_],
                       strengths=f"Seen by A in round {round_}")
            b.ws.judge(rid, "1.1", strengths=f"Seen by B in round {round_}")
            a.ws.add_observation(rid, room="Y2 Wrens", text=f"A's note {round_}")
            b.ws.add_observation(rid, room="Y6 Falcons", text=f"B's note {round_}")
            a.sync(folders[0], passphrase=None)
            b.sync(folders[1], passphrase=None)

        def converged() -> bool:
            a.sync(folders[0], passphrase=None)
            b.sync(folders[1], passphrase=None)
            return state(a.ws) == state(b.ws)
        wait_for(converged, "the two databases to converge")
        texts = {e.text for e in a.ws.bundle(rid).evidence}
        assert {f"A's note {i}" for i in range(3)} | {f"B's note {i}" for i in range(3)} <= texts
        [conflict] = [c for c in a.ws.store.conflicts(rid) if c.field == "strengths"]
        assert {v.value for v in conflict.versions} == {"Seen by A in round 2", "Seen by B in round 2"}
    finally:
        for inst in st:
            inst.stop()
        a.close()
        b.close()


def test_three_instances_with_conflict_copies_and_a_late_joiner_who_set_up_a_second_team(tmp_path):
    """Issue 10, with real Syncthing: conflict copies on (maxConflicts 10); a third
    device joins late and, its copy of the folder still empty, sets up a team of its
    own. The two markers meet as a Syncthing conflict copy; nobody is locked out and
    every device ends with every edit."""
    folders = [tmp_path / f"shared-{n}" for n in "abc"]
    for f in folders:
        f.mkdir()
    st = [Instance(tmp_path / f"st-{n}", f) for n, f in zip("abc", folders)]
    st[0].configure_many([(st[1], False), (st[2], False)])
    st[1].configure_many([(st[0], True), (st[2], False)])
    st[2].configure_many([(st[0], True), (st[1], True)])
    a, b, c = (Device(tmp_path, n) for n in "abc")
    try:
        st[0].start()
        st[1].start()
        rid, _ = add_demo(a.ws)
        a.sync(folders[0])
        wait_for(lambda: (folders[1] / MARKER).exists(), "the marker to reach b's folder")

        last: dict[str, str] = {}

        def synced(device, folder, passphrase=None) -> bool:
            name = device.root.name
            try:
                report = device.sync(folder, passphrase=passphrase)
            except Exception as exc:  # a marker or file half-arrived: try again
                last[name] = f"{type(exc).__name__}: {exc}"
                return False
            last[name] = f"problem={report.problem!r} skipped={[s.reason for s in report.skipped][:3]!r}"
            return True

        def seen() -> str:
            counts = {d.root.name: (len(d.ws.reviews()), sum(len(d.ws.bundle(r["id"]).evidence)
                                                            for r in d.ws.reviews())) for d in (a, b, c)}
            files = {f.name: sorted(p.name for p in f.iterdir()) for f in folders}
            return f"syncs {last}; (reviews, evidence) {counts}; folders {files}"
        wait_for(lambda: synced(b, folders[1], "correct horse battery staple") and bool(b.ws.reviews()),
                 "b to receive the review")
        for round_ in range(2):
            a.ws.judge(rid, "1.1", strengths=f"A, round {round_}")
            b.ws.judge(rid, "1.1", strengths=f"B, round {round_}")
            b.ws.add_observation(rid, room="Y3", text=f"B's note {round_}")
            a.sync(folders[0], passphrase=None)
            b.sync(folders[1], passphrase=None)
        # c, late, with an empty copy: sets up a second team before anything arrives.
        other = c.ws.new_review("Chestnut Academy", "send-review")
        c.ws.judge(other, "2.1", strengths="Written on the late laptop")
        c.sync(folders[2])
        st[2].start()

        def everyone_has_everything() -> bool:
            # The founder and b never give the passphrase again: nobody is locked out.
            ok = [synced(a, folders[0]), synced(b, folders[1]),
                  synced(c, folders[2], "correct horse battery staple")]
            return all(ok) and state(a.ws) == state(b.ws) == state(c.ws) and len(a.ws.reviews()) == 2
        wait_for(everyone_has_everything, "the three databases to converge", timeout=2 * DEADLINE,
                 explain=seen)
        for d in (a, b, c):
            assert {f"B's note {i}" for i in range(2)} <= {e.text for e in d.ws.bundle(rid).evidence}
            assert d.ws.bundle(other).judgements["2.1"].strengths == "Written on the late laptop"
        # The founder's team stands; the late set-up survives only as a conflict copy.
        assert read_marker(folders[0]).key_id == a.ws.store.setting("sync.team_key_id")
        wait_for(lambda: all(marker_copies(f) for f in folders), "the conflict copy to be everywhere")
        assert all(".sync-conflict-" in p.name for f in folders for p in marker_copies(f))
        assert a.sync(folders[0], passphrase=None).problem is None
    finally:
        for inst in st:
            inst.stop()
        for d in (a, b, c):
            d.close()
