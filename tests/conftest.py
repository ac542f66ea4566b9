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
