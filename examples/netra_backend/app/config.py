"""Backend settings, read once at start-up."""
import os

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///local.db")
SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = "DEBUG" in os.environ


def redis_url():
    return os.getenv("REDIS_URL")
