class Team:
    members: list
    owner: str
