#!/usr/bin/env bash
# The fault-injection suite (issue 13): webhook replays, a worker killed with SIGKILL during
# delivery, PostgreSQL restarted under load, a provider answering 500 and timing out, a full
# disk under SQLite. Prints the table RELIABILITY.md reports (messages lost and duplicated per
# scenario). PostgreSQL is restarted in a cluster of its own (initdb in a temporary folder on
# another port), never the shared server other tests use.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian keeps initdb and pg_ctl beside the server, off PATH.
if ! command -v initdb >/dev/null 2>&1; then
  for bin in /usr/lib/postgresql/*/bin; do [ -x "$bin/initdb" ] && PATH="$bin:$PATH"; done
fi
PORT="${AISHA_FAULT_PG_PORT:-55432}"
DIR="$(mktemp -d)"
PG="$DIR/pg"
# initdb and the server refuse to run as root.
AS=()
if [ "$(id -u)" = 0 ]; then
  AS=(runuser -u postgres --)
  chown postgres "$DIR"
fi
OPTS="-p $PORT -k $DIR -c listen_addresses=127.0.0.1"
cleanup() {
  "${AS[@]}" pg_ctl -D "$PG" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${AS[@]}" initdb -D "$PG" -A trust -U postgres >/dev/null
"${AS[@]}" pg_ctl -D "$PG" -o "$OPTS" -l "$DIR/pg.log" -w start >/dev/null

export AISHA_FAULT_PG="postgres://postgres@127.0.0.1:$PORT"
export AISHA_FAULT_PG_RESTART="${AS[*]} pg_ctl -D $PG -m fast -w restart -o '$OPTS' -l $DIR/pg.log >/dev/null"

cargo test -p aisha --test faults -- --include-ignored --test-threads=1 --nocapture \
  | tee "$DIR/out.log" | grep -E '^test ' || true

echo
echo "| Fault | Messages | Lost | Duplicated | How the service recovered |"
echo "|---|---:|---:|---:|---|"
# With --nocapture a line may start with libtest's "test name ... ".
grep -o 'FAULT|.*' "$DIR/out.log" | awk -F'|' '{ printf "| %s | %s | %s | %s | %s |\n", $2, $3, $4, $5, $6 }'
grep -q '^test result: ok' "$DIR/out.log"
