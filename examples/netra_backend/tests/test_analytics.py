from unittest.mock import MagicMock

import pytest

from netra_backend.app.services.analytics import daily_counts
from test_framework.ssot.base_test_case import SSotBaseTestCase


class TestDailyCounts(SSotBaseTestCase):
    def test_counts_are_json(self):
        client = MagicMock()
        client.query.return_value = []
        assert daily_counts() == "[]"


if __name__ == "__main__":
    pytest.main([__file__])
