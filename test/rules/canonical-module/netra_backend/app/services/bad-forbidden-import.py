from netra_backend.app.db.clickhouse_client import ClickHouseService as CH
import netra_backend.app.db.clickhouse_client as chc
import netra_backend.app.db.client_clickhouse
from netra_backend.app.db.client_clickhouse import make_client


def query():
    return CH(), chc, netra_backend.app.db.client_clickhouse, make_client
