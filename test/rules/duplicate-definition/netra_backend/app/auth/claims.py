class TokenClaims:
    sub: str
