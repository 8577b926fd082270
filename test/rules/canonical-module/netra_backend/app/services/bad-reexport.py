from netra_backend.app.services.helpers import get_clickhouse_client as client


def rows():
    return client()
