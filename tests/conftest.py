import pytest

from wss_desktop.core.demo import add_demo
from wss_desktop.core.workspace import Workspace


@pytest.fixture(autouse=True)
def private_config(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real configuration (the remembered data folder)."""
    monkeypatch.setenv("WSS_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


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
