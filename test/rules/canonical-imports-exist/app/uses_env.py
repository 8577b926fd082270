from shared.isolated_environment import get_env

print(get_env)
