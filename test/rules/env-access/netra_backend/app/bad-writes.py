import os


def configure(level, extra):
    os.environ["LOG_LEVEL"] = level
    os.putenv("LOG_FORMAT", "json")
    del os.environ["LEGACY_FLAG"]
    os.environ.pop("OLD_TOKEN", None)
    previous = os.environ.pop("PREVIOUS_MODE", "off")
    os.environ.setdefault("TIMEZONE", "UTC")
    os.environ.update(extra)
    snapshot = dict(os.environ)
    copy = os.environ.copy()
    os.environ.clear()
    return previous, snapshot, copy
