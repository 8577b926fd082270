"""User models."""
from dataclasses import dataclass


@dataclass
class UserRecord:
    id: int
    name: str


class Team:
    members: list
