import unittest

from netra_backend.app.services.user_service import sync_users


class FakeDirectory:
    def __init__(self):
        self.saved = []

    def lookup(self, email):
        return None

    def create(self, user):
        self.saved.append(user)


class TestSyncUsers(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.directory = FakeDirectory()

    def test_creates_missing_users(self):
        class User:
            email = "a@corp.test"
            name = "A"
            team = "x"
            active = True

        created, updated, skipped, _ = sync_users([User()], self.directory)
        self.assertEqual(len(created), 1)
        self.assertEqual(updated, [])
        self.assertEqual(skipped, [])
