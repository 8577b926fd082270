"""Run the suite with: python tests/unified_test_runner.py (not pytest.main(...))."""
import subprocess

# pytest.main( is only mentioned here
HELP = "never call unittest.main() directly"
subprocess.run(["python", "tests/unified_test_runner.py"], check=True)

import os
import subprocess

subprocess.run(["python", "tests/unified_test_runner.py", "--category", "unit"], check=True)
os.system("echo pytest-free")  # mentions pytest only in this comment
