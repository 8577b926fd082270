from shared.users import UserService
from auth_service.app import tokens
from . import helpers
import json

print(UserService, tokens, helpers, json)
