"""Record types of the user service."""


class UserRecord:
    email: str
    name: str


def display(record):
    return f"{record.name} <{record.email}>"
