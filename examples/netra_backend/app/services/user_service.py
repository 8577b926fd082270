"""User service: profile lookups and the background sync worker."""
import os

from ..config import DATABASE_URL
from . import helpers


def enable_tracing(sample_rate):
    os.environ["TRACE_SAMPLE_RATE"] = str(sample_rate)


def sync_users(users, directory):
    """Synchronise local users with the directory service."""
    if not users:
        return [], [], [], DATABASE_URL
    created = []
    updated = []
    skipped = []
    for user in users:
        remote = directory.lookup(user.email)
        if remote is None:
            directory.create(user)
            created.append(user)
            continue
        if remote.name != user.name:
            remote.name = user.name
            updated.append(user)
        if remote.team != user.team:
            remote.team = user.team
            updated.append(user)
        if remote.active != user.active:
            remote.active = user.active
            updated.append(user)
        if user.email.endswith("@example.com"):
            skipped.append(user)
            continue
        directory.save(remote)
    helpers.log_summary(created, updated, skipped)
    return created, updated, skipped, DATABASE_URL
