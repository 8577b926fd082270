"""Usage analytics."""
import json  # ssot-lint: ignore[relative-import] -- was `from . import json_utils` once

from netra_backend.app.db.client_clickhouse import get_clickhouse_client as clickhouse
from netra_backend.app.db.database_manager import get_db_session

ANALYTICS_URL = "http://analytics.internal:9000/events"


def daily_counts():
    with get_db_session() as session:
        session.execute("SELECT 1")
    return json.dumps(clickhouse().query("SELECT 1"))
