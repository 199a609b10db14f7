#!/usr/bin/env bash
# The OpenAPI document is the contract: Schemathesis (PyPI) generates requests from it against
# a live `aisha serve` on a temporary SQLite file and checks every answer against it.
# Needs a built ./target/debug/aisha. Examples are bounded so CI stays within a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${AISHA_API_VENV:-$HOME/.cache/aisha-api-venv}"
if [ ! -x "$venv/bin/st" ] || [ ! -x "$venv/bin/openapi-python-client" ] || [ ! -x "$venv/bin/ruff" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==4.*" "openapi-python-client==0.29.*" "ruff" "pyyaml"
fi
tmp="$(mktemp -d -t aisha-api.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
admin="admin-$RANDOM$RANDOM"
AISHA_LOG=error ./target/debug/aisha serve --bind "127.0.0.1:$port" --database "$tmp/aisha.db" \
  --no-demo --admin-token "$admin" --tick-ms 60000 >"$tmp/serve.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.1; done
key="$(curl -fs -X PUT "$base/v1/companies/acme-hvac" -H "Authorization: Bearer $admin" \
  --data-binary @companies/demo-hvac.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')"
"$venv/bin/st" run "$base/openapi.json" --url "$base" \
  -H "Authorization: Bearer $key" \
  --checks all --max-examples "${AISHA_API_EXAMPLES:-25}" --workers 1 \
  --seed 1 --no-color --suppress-health-check all "$@"

# A client generated from the document (any warning fails) books the golden call through it.
curl -fs "$base/openapi.json" -o "$tmp/openapi.json"
PATH="$venv/bin:$PATH" "$venv/bin/openapi-python-client" generate --path "$tmp/openapi.json" \
  --output-path "$tmp/client" --fail-on-warning >"$tmp/generate.log" 2>&1 || { cat "$tmp/generate.log"; exit 1; }
"$venv/bin/pip" install -q "$tmp/client"
"$venv/bin/python" scripts/api-client/golden_call.py "$base" "$admin"
