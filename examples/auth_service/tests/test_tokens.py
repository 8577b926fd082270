import pytest

from auth_service.app.tokens import JWT_ALGORITHM


class TestTokens:
    async def test_algorithm_is_hs256(self):
        assert JWT_ALGORITHM == "HS256"
