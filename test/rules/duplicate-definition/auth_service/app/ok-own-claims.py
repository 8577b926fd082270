class TokenClaims:
    """auth_service owns its own copy: services do not share code except through shared/."""
    sub: str


class _Private:
    pass
