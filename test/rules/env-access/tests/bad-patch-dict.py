import os
from unittest.mock import patch


@patch.dict(os.environ, {"MODE": "test"})
def test_mode():
    assert True
