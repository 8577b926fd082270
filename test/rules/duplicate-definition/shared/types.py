class UserRecord:
    id: int
    name: str


class Address:
    street: str
    city: str
