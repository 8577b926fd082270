import unittest as ut


class TestMatrix(ut.TestCase):
    def test_cases(self):
        for n in range(3):
            with self.subTest(n=n):
                self.assertTrue(n >= 0)
