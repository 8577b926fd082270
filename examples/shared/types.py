"""Types shared by every service."""


class UserRecord:
    email: str
    name: str
