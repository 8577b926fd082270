class UserService:
    pass
