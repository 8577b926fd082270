#!/usr/bin/env python3
"""Seed a local database for development."""
import os

os.environ.setdefault("DATABASE_URL", "sqlite:///seed.db")
del os.environ["PGPASSWORD"]


def main():
    print("seeding", os.environ.get("DATABASE_URL"))
