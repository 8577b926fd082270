"""Mentions os.environ['X'] only in text: nothing to flag."""
from shared.isolated_environment import get_env

# os.environ.get("IN_A_COMMENT")
HELP = "set os.environ['DATABASE_URL'] before start"
TEMPLATE = f"{'os.getenv(x)'} is not code here"
URL = get_env().get("DATABASE_URL")
