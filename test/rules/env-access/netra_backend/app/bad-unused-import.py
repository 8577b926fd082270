from os import environ, path


def here():
    return path.dirname(__file__)
