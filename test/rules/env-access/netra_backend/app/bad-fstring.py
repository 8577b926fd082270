import os

DSN = f"postgresql://{os.getenv('PGUSER')}@{os.environ['PGHOST']}:{os.environ.get('PGPORT', '5432')!s:>5}/app"
BANNER = f"{{os.getenv('NOT_A_FIELD')}} {'os.getenv(IN_A_STRING)'}"
