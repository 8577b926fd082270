"""The canonical ClickHouse module: every ClickHouse client comes from here."""


class ClickHouseService:
    def query(self, sql):
        return []


def get_clickhouse_client():
    return ClickHouseService()
