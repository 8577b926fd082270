import os

A = os.getenv("A")  # ssot-lint: ignore[env-access]
B = os.getenv("B")  # ssot-lint: ignore[env-acess] -- typo in the rule id
# ssot-lint: ignore[] -- names nothing
C = os.getenv("C")
