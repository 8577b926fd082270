def only_docstring():
    """A docstring-only body counts 0 lines."""


def four_lines(x):
    """Doc."""
    y = x + 1
    z = y * 2
    w = z - 3
    return w
    # trailing comments after the last statement do not count


def one_liner(x): return x
