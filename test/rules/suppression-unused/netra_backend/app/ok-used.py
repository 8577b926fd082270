from . import helpers  # ssot-lint: ignore[relative-import] -- the vendored package needs it

print(helpers)
