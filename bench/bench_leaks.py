"""What closing the last at-rest leaks costs (issue 12): files named by keyed hashes,
logos encrypted, viewer copies kept in a private folder.

    python bench/bench_leaks.py [--photos 100] [--runs 5]

1. The one-off tidy when an older folder is opened: N photos (random bytes, as
   compressed as a JPEG) left unencrypted under their SHA-256 names are sealed,
   renamed and the plaintext overwritten; and the last version's folder, whose photos
   are sealed but named by their SHA-256, renamed. Beside a floor measured in the same
   run: reading and writing the same bytes once each (a plain copy, fsynced like the
   app's writes).
2. What every later open adds: the check for viewer copies of apps no longer running
   (viewer.discard_stale), beside the whole Workspace.open of the same folder.
3. A photo's keyed name (HMAC-SHA256) beside the SHA-256 of the same photo, which the
   app computes anyway when it keeps one.

Figures are printed and merged into bench/results.json under "privacy_files".
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from results import record  # noqa: E402


def old_folder(root: Path, photos: list[bytes], seal=None) -> None:
    for data in photos:
        digest = hashlib.sha256(data).hexdigest()
        target = root / "attachments" / digest[:2] / (digest + ".jpg")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(seal(data) if seal else data)


def copy_floor(root: Path, photos: list[bytes]) -> float:
    old_folder(root, photos)
    began = time.perf_counter()
    for path in sorted((root / "attachments").rglob("*.jpg")):
        data = path.read_bytes()
        with open(path.with_suffix(".copy"), "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return time.perf_counter() - began


def main() -> None:
    from wss_desktop.core import viewer
    from wss_desktop.core.attachments import AttachmentStore
    from wss_desktop.core.paths import Paths
    from wss_desktop.core.workspace import Workspace, tidy_files

    parser = argparse.ArgumentParser()
    parser.add_argument("--photos", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = __import__("random").Random(12)
    photos = [rng.randbytes(150_000) for _ in range(args.photos)]

    tidy, renames, floor, opens, stale, names, digests = [], [], [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            root = Path(tmp) / f"data-{run}"
            with Workspace.open(root) as ws:
                key = ws.store.key
            old_folder(root, photos)
            began = time.perf_counter()
            tidy_files(Paths.resolve(root), key)
            tidy.append(time.perf_counter() - began)
            assert not list((root / "attachments").rglob("*.jpg"))
            # The last version's folder: photos sealed already, but named by their SHA-256.
            store = AttachmentStore(root / "attachments", key)
            for path in [p for p in (root / "attachments").rglob("*") if p.is_file()]:
                path.unlink()
            old_folder(root, photos, store._seal)
            began = time.perf_counter()
            tidy_files(Paths.resolve(root), key)
            renames.append(time.perf_counter() - began)
            floor.append(copy_floor(Path(tmp) / f"floor-{run}", photos))
            began = time.perf_counter()
            with Workspace.open(root):
                pass
            opens.append(time.perf_counter() - began)
            began = time.perf_counter()
            viewer.discard_stale()
            stale.append(time.perf_counter() - began)
            store = AttachmentStore(root / "attachments", key)
            began = time.perf_counter()
            for data in photos:
                hashlib.sha256(data).hexdigest()
            digests.append((time.perf_counter() - began) / len(photos))
            shas = [hashlib.sha256(data).hexdigest() for data in photos]
            began = time.perf_counter()
            for sha in shas:
                store.path(sha)
            names.append((time.perf_counter() - began) / len(photos))

    med = statistics.median
    figures = {
        "tidy_on_open": {"photos": args.photos, "photo_kb": 150, "runs": args.runs,
                         "median_ms": round(med(tidy) * 1000, 1),
                         "floor_copy_median_ms": round(med(floor) * 1000, 1),
                         "ratio": round(med(tidy) / med(floor), 2),
                         "note": "once per folder, the first time this version opens it"},
        "rename_on_open": {"photos": args.photos, "runs": args.runs,
                           "median_ms": round(med(renames) * 1000, 1),
                           "floor_copy_median_ms": round(med(floor) * 1000, 1),
                           "note": "the last version's folder: sealed photos renamed, once"},
        "every_open": {"discard_stale_median_ms": round(med(stale) * 1000, 3),
                       "workspace_open_median_ms": round(med(opens) * 1000, 1)},
        "keyed_name": {"median_us": round(med(names) * 1e6, 2),
                       "floor_sha256_of_photo_us": round(med(digests) * 1e6, 2)},
    }
    for name, values in figures.items():
        print(name, values)
    record("privacy_files", figures)


if __name__ == "__main__":
    main()
