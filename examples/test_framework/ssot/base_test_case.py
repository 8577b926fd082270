"""Canonical test base classes: every test class derives from one of these."""
from shared.isolated_environment import get_env


class SSotBaseTestCase:
    def setup_method(self, method=None):
        self.env = get_env()

    def teardown_method(self, method=None):
        pass

    def assertEqual(self, first, second):
        assert first == second


class SSotAsyncTestCase(SSotBaseTestCase):
    async def asyncSetUp(self):
        pass
