from .clickhouse_client import ClickHouseService
from .clickhouse import get_clickhouse_client

print(ClickHouseService, get_clickhouse_client)
