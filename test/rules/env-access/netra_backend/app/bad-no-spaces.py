import os

QUIET = not"QUIET" in os.environ
NAME = os.environ.get("NAME")if QUIET else None
