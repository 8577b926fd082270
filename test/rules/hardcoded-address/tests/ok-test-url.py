BASE = "http://localhost:8000"
