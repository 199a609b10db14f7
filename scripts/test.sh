#!/usr/bin/env bash
# The project's test command: unit, property and integration tests, then every conformance
# case (the project's own and the shared ones), ending with the runners' summaries.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --bin aisha
# PostgreSQL tests each make a fresh database; drop the ones earlier runs left behind.
if command -v psql >/dev/null 2>&1; then
  psql -h 127.0.0.1 -U postgres -d postgres -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'aisha_test_%'" 2>/dev/null |
    while read -r db; do psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true; done
fi
log="$(mktemp -t aisha-test.XXXXXX.log)"
trap 'rm -f "$log"' EXIT
cargo test --workspace --locked 2>&1 | tee "$log" | grep -E "^(test result|failures:|---- |thread .* panicked)" || true
if grep -qE "^test result: FAILED|error(\[E[0-9]+\])?:" "$log"; then
  tail -n 60 "$log"
  echo "cargo test failed"; exit 1
fi
# Understanding on the labeled corpus: every held-out figure must meet its floor.
./target/debug/aisha eval corpus --check-floors
cases=(conformance/cases conformance/shared/cases)
[ -d ../shared/conformance/cases ] && cases+=(../shared/conformance/cases)
./target/debug/aisha conformance run "${cases[@]}"
