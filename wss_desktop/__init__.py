"""WSS Review Desktop: offline SEND reviews of schools in England."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("wss-desktop")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
