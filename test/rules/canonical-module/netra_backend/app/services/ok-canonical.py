from netra_backend.app.db.clickhouse import get_clickhouse_client, ClickHouseService as Service
from netra_backend.app.db import clickhouse
import netra_backend.app.db.clickhouse as ch

print(get_clickhouse_client, Service, clickhouse, ch)
