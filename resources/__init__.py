"""Data files shipped with the app (installed as the package wss_desktop.resources)."""
