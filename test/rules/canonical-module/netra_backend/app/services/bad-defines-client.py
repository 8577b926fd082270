class AnalyticsClickHouseClient:
    """A second ClickHouse client, outside the canonical module."""


def get_clickhouse_client():
    return AnalyticsClickHouseClient()
