from netra_backend.app.db.clickhouse import get_clickhouse_client

__all__ = ["get_clickhouse_client"]
