import os
USER = os.getenv("USER")