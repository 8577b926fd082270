import os as operating_system

from shared.isolated_environment import get_env as env

TOKEN = operating_system.getenv("TOKEN")
NAME = env().get("NAME")
