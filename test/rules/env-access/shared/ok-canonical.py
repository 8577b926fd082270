import os


def get(key):
    return os.environ.get(key)
