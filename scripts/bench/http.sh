#!/usr/bin/env bash
# HTTP load on the turn endpoint and on /health (the ceiling), on SQLite and on PostgreSQL.
# Needs wrk (apt-get install wrk) and a release build: cargo build --release --bin aisha
# Usage: scripts/bench/http.sh [sqlite|postgres] [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
backend=${1:-sqlite}
secs=${2:-20}
dir=$(mktemp -d)
case "$backend" in
  sqlite) db="$dir/bench.db" ;;
  postgres)
    name="aisha_bench_$$"
    psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $name"
    db="postgres://postgres@127.0.0.1:5432/$name" ;;
esac
AISHA_LOG=error ./target/release/aisha serve --bind 127.0.0.1:18080 --database "$db" --tick-ms 60000 > "$dir/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf http://127.0.0.1:18080/health >/dev/null && break; sleep 0.1; done
key=$(grep -o 'API key: [^ ]*' "$dir/serve.log" | awk '{print $3}')
echo "== $backend: /health"
wrk -t2 -c32 -d"${secs}s" --latency http://127.0.0.1:18080/health | grep -E "Requests/sec|50%|99%|Latency "
echo "== $backend: POST turns"
AISHA_KEY="$key" wrk -t2 -c32 -d"${secs}s" --latency -s scripts/bench/turn.lua http://127.0.0.1:18080 | grep -E "Requests/sec|50%|99%|Latency |Non-2xx"
