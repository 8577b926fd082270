"""The single source of truth for environment access.

Everything else calls get_env(); this module is the one place allowed to touch
os.environ directly.
"""
import os
from typing import Dict, Optional


class IsolatedEnvironment:
    _instance: Optional["IsolatedEnvironment"] = None

    def __new__(cls) -> "IsolatedEnvironment":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def get(self, key: str, default: Optional[str] = None) -> Optional[str]:
        return os.environ.get(key, default)

    def set(self, key: str, value: str, source: str = "unknown") -> bool:
        os.environ[key] = str(value)
        return True

    def delete(self, key: str, source: str = "unknown") -> bool:
        return os.environ.pop(key, None) is not None

    def exists(self, key: str) -> bool:
        return key in os.environ

    def get_all(self) -> Dict[str, str]:
        return dict(os.environ)


def get_env() -> IsolatedEnvironment:
    return IsolatedEnvironment()
