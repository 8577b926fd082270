API = "http://localhost:8000/api"
CACHE_HOST = '10.0.0.12'
DSN = "postgresql://app:secret@db.internal:5432/app"
