import unittest


class TestOrders(unittest.TestCase):
    """Orders are listed newest first."""

    def setUp(self):
        super().setUp()
        self.orders = []

    def tearDown(self):
        self.orders.clear()

    def test_empty(self):
        self.assertEqual(self.orders, [])
