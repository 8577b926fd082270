from . import helpers
from .helpers import log_summary as log
from ..config import (
    DATABASE_URL,
    REDIS_URL,
)
from ... import version
from .... import too_far

import os
