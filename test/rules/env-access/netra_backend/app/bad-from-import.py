from os import environ, getenv as read_env


def flags():
    return dict(environ), read_env("FLAGS", "")
