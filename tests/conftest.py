import os

import pytest
from hypothesis import settings

from wss_desktop.core.demo import add_demo
from wss_desktop.core.workspace import Workspace

# Property tests draw the same examples on every run: the suite passes or fails for the
# code, never for the luck of the draw. WSS_HYPOTHESIS_EXPLORE=1 draws fresh examples
# (and keeps none between runs), to search for failures not yet found; a failure found so
# prints the example, which then goes into the test as an @example.
settings.register_profile("same-every-run", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False, database=None)
settings.load_profile("explore" if os.environ.get("WSS_HYPOTHESIS_EXPLORE") else "same-every-run")


@pytest.fixture(autouse=True)
def private_config(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real configuration (the remembered data folder)."""
    monkeypatch.setenv("WSS_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def private_temp(tmp_path_factory, monkeypatch):
    """The system's temporary folder is one of each test's own (beside its tmp_path): the
    PDF viewer's copies (core/viewer.py, one private folder per running app) never meet
    another test's."""
    import tempfile
    folder = tmp_path_factory.mktemp("os-temp")
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


TEST_UNLOCK_PASSPHRASE = "test unlock passphrase for every data folder"


def _memory_keyring_counted_safe(mp: pytest.MonkeyPatch):
    import keyring

    from sync_support import MemoryKeyring
    from wss_desktop.core import secrets
    mp.setattr(secrets, "ENCRYPTED_BACKENDS",
               getattr(secrets, "ENCRYPTED_BACKENDS", set())
               | {f"{MemoryKeyring.__module__}.MemoryKeyring"}, raising=False)
    keyring.set_keyring(MemoryKeyring())


@pytest.fixture(autouse=True, scope="session")
def private_session():
    """No test reads or writes the user's real keyring, and data folders stay cheap to unlock.

    Every data folder is encrypted at rest. Its key goes into an in-memory keyring
    counted as safe and, because scripts may unlock with WSS_UNLOCK_PASSPHRASE, a copy
    wrapped by that passphrase is kept too: the programs a test starts (which cannot
    see the in-memory keyring) open the same folders with it. Key stretching is cheap
    in tests (sync_support.FAST). Fixtures shared by a module use this keyring."""
    import keyring

    from sync_support import FAST
    from wss_desktop.core import atrest
    from wss_desktop.core.sync import crypto
    before = keyring.get_keyring()
    with pytest.MonkeyPatch.context() as mp:
        _memory_keyring_counted_safe(mp)
        mp.setenv(atrest.ENV_PASSPHRASE, TEST_UNLOCK_PASSPHRASE)
        mp.setattr(crypto, "STRONG", FAST)
        yield
    keyring.set_keyring(before)


@pytest.fixture(autouse=True)
def default_keyring(monkeypatch):
    """Each test starts with a fresh in-memory keyring; tests of the keyring policy replace it."""
    import keyring

    from wss_desktop.core import atrest
    before = keyring.get_keyring()
    _memory_keyring_counted_safe(monkeypatch)
    yield
    keyring.set_keyring(before)
    atrest.lock_all()


@pytest.fixture
def shared(tmp_path):
    """An empty shared folder, as a team's OneDrive or network folder starts."""
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def trio(tmp_path):
    """Three computers, each with its own data folder (tests/sync_support.Device)."""
    from sync_support import Device
    devices = [Device(tmp_path, n) for n in ("a", "b", "c")]
    yield devices
    for d in devices:
        d.close()


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def ws(data_dir):
    with Workspace.open(data_dir) as workspace:
        yield workspace


@pytest.fixture
def demo(ws):
    review_id, _ = add_demo(ws)
    return review_id


# A test may skip only for one of these reasons (a fact about the machine it runs on,
# not a missing install: the project's scripts install everything the suite needs).
# Any other skip fails the run, so a test can never silently stop running in CI.
ALLOWED_SKIPS = (
    "needs SIGKILL",                     # Windows has no SIGKILL
    "needs root to mount a small tmpfs",  # the full-disk test mounts a tiny filesystem
    "cannot mount a tmpfs here",
    "needs root to mount a small btrfs",  # the copy-on-write full-disk test mounts a btrfs image
    "cannot mount a btrfs image here",    # (a machine with no loop devices)
)
_unexpected_skips: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if not any(allowed in reason for allowed in ALLOWED_SKIPS):
            _unexpected_skips.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    if _unexpected_skips and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _unexpected_skips:
        terminalreporter.section("skipped for a reason not in tests/conftest.py ALLOWED_SKIPS")
        for line in _unexpected_skips:
            terminalreporter.line(line)
