import os  # ssot-lint: ignore[relative-import] -- legacy layout

# ssot-lint: ignore[relative-import] -- was a relative import once
import json
# ssot-lint: ignore[env-access] -- env-access does not run in this test, so this is not judged
x = 1  # type: ignore # ssot-lint: ignore[relative-import] -- mixed comment

print(os, json, x)
