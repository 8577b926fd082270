import sys
import unittest

import pytest
from pytest import main as run_pytest

if __name__ == "__main__":
    sys.exit(pytest.main(["-q", "tests"]))

run_pytest(["tests"])
unittest.main()

import os
import subprocess

subprocess.run([sys.executable, "-m", "pytest", "-q"], check=True)
subprocess.check_call(
    ["pytest", "tests/unit"],
)
os.system("python -m pytest tests")
