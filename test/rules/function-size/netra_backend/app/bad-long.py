import functools


def five_lines(items):
    """The docstring does not count."""
    total = 0
    for item in items:
        total += item

    return total


@functools.lru_cache
async def eight_lines_with_nested(x):
    a = x

    def helper():
        b = 1
        c = 2
        d = 3
        return b + c + d
    return a + helper()


class Service:
    def method(self):
        one = 1
        two = 2
        three = 3
        four = 4
        # the comment counts: it is inside the body
        return one + two + three + four
