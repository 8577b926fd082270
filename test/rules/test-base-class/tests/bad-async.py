from unittest import IsolatedAsyncioTestCase

from test_framework.ssot.base_test_case import SSotBaseTestCase


class TestClient(IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.client = object()

    async def test_connect(self):
        assert self.client


class TestStream:
    async def test_read(self):
        assert True
