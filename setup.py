"""Package discovery, which pyproject.toml alone cannot express for this layout.

The code packages are found by setuptools (so a new sub-package can never be left out
of a wheel), and the top-level resources/ folder installs as wss_desktop.resources
with every file in it and in each of its sub-folders (also found, never listed), so
frameworks, fonts, icons and demo data are read through importlib.resources the
same way from source, from a wheel and from the frozen bundle. Everything else is
in pyproject.toml.
"""

from setuptools import find_namespace_packages, find_packages, setup

code = find_packages(include=["wss_desktop", "wss_desktop.*"])
resource_folders = find_namespace_packages(where="resources", exclude=["*__pycache__*"])
resources = ["wss_desktop.resources"] + [f"wss_desktop.resources.{name}" for name in resource_folders]

setup(
    packages=code + resources,
    package_dir={"wss_desktop.resources": "resources"},
    package_data={name: ["*"] for name in resources},
    exclude_package_data={"": ["*.pyc"]},
)
