"""Where linkadviser keeps its data and finds its bundled resources.

The store lives in the platform's user data directory unless ``LINKADVISER_HOME`` names
another folder (tests, demos, and advisers who keep their data on an encrypted volume).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "linkadviser"
HOME_ENV = "LINKADVISER_HOME"
RESOURCES_ENV = "LINKADVISER_RESOURCES"


def data_dir() -> Path:
    """The folder holding the store, backups and exported documents; created on demand."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    return data_dir() / "linkadviser.sqlite3"


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """The ``resources/`` folder beside the package (programme, demo data, icons)."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def programme_path() -> Path:
    return resources_dir() / "programme" / "norfolk-secondary.yaml"
