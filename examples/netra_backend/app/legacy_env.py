from os import environ, getenv


def feature_flags():
    flags = dict(environ)
    timeout = getenv("FLAG_TIMEOUT", "30")
    return flags, timeout
