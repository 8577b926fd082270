"""The previous seeding script, kept "just in case"."""


def seed(connection):
    connection.execute("INSERT INTO users VALUES (1)")
