"""A real, tiny filesystem to fill up: a disk that is full is met as a user meets it
(ENOSPC from the kernel), not through a stand-in."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest


@contextmanager
def small_disk(path: Path, size: str) -> Iterator[Path]:
    """A real tiny filesystem where we may mount one; otherwise the test is skipped."""
    path.mkdir(exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@contextmanager
def small_btrfs(path: Path, image: Path) -> Iterator[Path]:
    """A real tiny btrfs (a copy-on-write file system, as on Fedora's and openSUSE's
    desktops), made in the file `image` and mounted at `path`; otherwise the test is
    skipped. Its metadata takes about half of the 128 MB."""
    path.mkdir(exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small btrfs")
    assert shutil.which("mkfs.btrfs"), "mkfs.btrfs is missing: scripts/setup.sh --test installs btrfs-progs"
    with image.open("wb") as fh:
        fh.truncate(128 * 1024 * 1024)
    subprocess.run(["mkfs.btrfs", "-q", "-f", str(image)], check=True, capture_output=True)
    done = subprocess.run(["mount", "-o", "loop", str(image), str(path)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a btrfs image here: {done.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)


def fill(disk: Path, name: str = "filler.bin") -> Path:
    """Fill the disk to its last byte with one file; returns it (unlink it to free the space)."""
    filler = disk / name
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    try:
        while True:
            os.write(fd, b"\0")
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def nearly_full(disk: Path, room: int) -> Path:
    """Fill the disk, then free `room` bytes (enough for small writes, not for a large
    one); returns the filler (unlink it to free the rest)."""
    filler = fill(disk)
    os.truncate(filler, filler.stat().st_size - room)
    return filler
