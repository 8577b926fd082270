from django.test import TestCase

from test_framework.ssot.base_test_case import SSotAsyncTestCase, SSotBaseTestCase
from tests.helpers import ProjectTestBase


class TestOrders(SSotBaseTestCase):
    def test_empty(self):
        assert [] == []


class TestStream(SSotAsyncTestCase):
    async def test_read(self):
        assert True


class TestViaProjectBase(ProjectTestBase):
    def test_ok(self):
        assert True


class TestDjangoView(TestCase):
    def test_view(self):
        assert True


class OrderFactory:
    def build(self):
        return {}
