"""WSS Review Desktop: offline SEND reviews of schools in England."""


def __getattr__(name: str) -> str:
    # Looked up on first use: reading package metadata costs tens of milliseconds,
    # which the desktop app's start-up should not pay.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version
        try:
            return version("wss-desktop")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0.0.0+source"
    raise AttributeError(name)
