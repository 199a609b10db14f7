#!/usr/bin/env bash
# Scheduler throughput on PostgreSQL with two `aisha serve` workers: seed leads that are all
# due for their first outreach, start two workers, time until every message is in the outbox
# and sent (console channel). Needs wrk, psql and a release build.
# Usage: scripts/bench/scheduler.sh [seed-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
name="aisha_sched_$$"
psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $name"
db="postgres://postgres@127.0.0.1:5432/$name"
dir=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
# One server key for every process: it keys the audit chain they all append to.
AISHA_SECRET_KEY=$(./target/release/aisha keygen)
export AISHA_SECRET_KEY
# A seeding server whose scheduler never wakes during the run.
AISHA_LOG=error ./target/release/aisha serve --bind 127.0.0.1:18081 --database "$db" --no-demo --admin-token bench --tick-ms 3600000 > "$dir/seed.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf http://127.0.0.1:18081/health >/dev/null && break; sleep 0.1; done
# A fixed-offset zone where it is about noon now, so quiet hours defer nothing.
zone=$(python3 -c 'import datetime as d; h=d.datetime.now(d.timezone.utc).hour; o=12-h; o=o-24 if o>14 else (o+24 if o<-12 else o); print("Etc/UTC" if o==0 else ("Etc/GMT-%d"%o if o>0 else "Etc/GMT+%d"%-o))')
company=$(python3 -c "import json,sys; c=json.load(open('companies/demo-hvac.json')); c['companyId']='bench-co'; c['timezone']='$zone'; print(json.dumps(c))")
key=$(curl -sf -X PUT http://127.0.0.1:18081/v1/companies/bench-co -H 'Authorization: Bearer bench' -d "$company" | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiKey"])')
AISHA_KEY="$key" wrk -t2 -c16 -d"${secs}s" -s scripts/bench/customer.lua http://127.0.0.1:18081 | grep -E "Requests/sec"
n=$(psql -h 127.0.0.1 -U postgres -d "$name" -Atc "SELECT count(*) FROM relationships")
echo "seeded $n due leads"
start=$(date +%s.%N)
for w in 1 2; do
  AISHA_LOG=error ./target/release/aisha serve --bind 127.0.0.1:0 --database "$db" --no-demo --tick-ms 50 --batch 200 --worker-id "bench-$w" > "$dir/w$w.log" 2>&1 &
  pids+=($!)
done
while :; do
  sent=$(psql -h 127.0.0.1 -U postgres -d "$name" -Atc "SELECT count(*) FROM outbox WHERE status = 'sent'")
  [ "$sent" -ge "$n" ] && break
  sleep 0.05
done
end=$(date +%s.%N)
python3 -c "n=$n; t=$end-$start; print(f'{n} relationships decided and delivered by 2 workers in {t:.2f}s: {n/t:.0f} deliveries/s')"
