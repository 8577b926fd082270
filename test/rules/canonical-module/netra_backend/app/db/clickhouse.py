"""The canonical ClickHouse module."""


class ClickHouseService:
    pass


class NoOpClickHouseClient:
    pass


def get_clickhouse_client():
    return ClickHouseService()
