import pytest

from wss_desktop.core.demo import add_demo
from wss_desktop.core.workspace import Workspace


@pytest.fixture(autouse=True)
def private_config(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real configuration (the remembered data folder)."""
    monkeypatch.setenv("WSS_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(autouse=True)
def default_keyring(monkeypatch):
    """Every test starts with a fresh in-memory keyring counted as safe, so no test reads or
    writes the user's real keyring; tests of the keyring policy replace it."""
    import keyring

    from sync_support import MemoryKeyring
    from wss_desktop.core import secrets
    monkeypatch.setattr(secrets, "ENCRYPTED_BACKENDS",
                        getattr(secrets, "ENCRYPTED_BACKENDS", set())
                        | {f"{MemoryKeyring.__module__}.MemoryKeyring"}, raising=False)
    before = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(before)


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
