"""Shared by the command-line tests."""

import pytest

from wss_desktop.cli import main


@pytest.fixture
def cli(data_dir, capsys):
    def run(*argv):
        """Run wss-desktop in this process on the test's data folder."""
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run
