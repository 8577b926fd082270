import os

USER = os.environ.get("USER")
