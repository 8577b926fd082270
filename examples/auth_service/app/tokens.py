import os

JWT_ALGORITHM = os.getenv("JWT_ALGORITHM", "HS256")  # ssot-lint: ignore[env-access] -- read before the environment module is importable (bootstrap)
JWT_TTL = os.getenv("JWT_TTL", "3600")  # ssot-lint: ignore[env-access]


def reset_signing_key():
    os.environ.pop("JWT_SIGNING_KEY", None)
