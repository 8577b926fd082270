"""An old copy of the ClickHouse client: must not exist."""


class ClickHouseClient:
    pass
