def test_three_lines():
    a = 1
    b = 2
    assert a < b


def helper_four_lines():
    a = 1
    b = 2
    c = 3
    return a + b + c
