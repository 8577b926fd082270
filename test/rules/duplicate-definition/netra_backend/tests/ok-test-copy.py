class UserRecord:
    id: int
    name: str
