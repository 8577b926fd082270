"""Addresses."""
import json


class Address:
    street: str
    city: str


def dump(a):
    return json.dumps(a.__dict__)
