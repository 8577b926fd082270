from netra_backend.app.services.user_service import UserService
import netra_backend.app.config
from netra_backend.app import helpers

print(UserService, netra_backend.app.config, helpers)
