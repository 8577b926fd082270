"""Users as the auth service sees them."""
from netra_backend.app.services.user_service import sync_users


def refresh(directory, users):
    return sync_users(directory, users)
