from unittest import TestCase


class TestCatalog(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.items = [1, 2]

    def test_items(self):
        assert self.items == [1, 2]
