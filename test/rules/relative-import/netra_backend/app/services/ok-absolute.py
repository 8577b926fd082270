from netra_backend.app.services import helpers
from netra_backend.app.config import DATABASE_URL
import os.path
