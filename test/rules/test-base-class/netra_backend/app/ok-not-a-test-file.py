import unittest


class TestHarness(unittest.TestCase):
    """Lives in production code, so it is not a test class for this rule."""
