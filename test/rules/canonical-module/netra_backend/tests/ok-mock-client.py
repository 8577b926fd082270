from netra_backend.app.db.clickhouse import get_clickhouse_client


class FakeClickHouseClient:
    """Tests may define their own doubles."""


def test_client():
    assert get_clickhouse_client
