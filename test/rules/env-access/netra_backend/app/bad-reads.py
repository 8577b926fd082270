"""Settings read at import time."""
from __future__ import annotations

import os

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite://")
REDIS_URL = os.getenv('REDIS_URL')
PORT = int(os.getenv("PORT", "8000"))
SECRET_KEY = os.environ["SECRET_KEY"]
HOME_DIR = os.path.join(os.environ["HOME"], ".cache")
DEBUG = "DEBUG" in os.environ
QUIET = "QUIET" not in os.environ


def region(name):
    if name in os.environ:
        return os.environ.get(name)
