#!/usr/bin/env bash
# The project's test command: unit, property and integration tests, then every conformance
# case (the project's own and the shared ones), ending with the runners' summaries.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked --bin aisha
cargo test --workspace --locked 2>&1 | tee /tmp/aisha-test.log | grep -E "^(test result|failures:|---- |thread .* panicked)" || true
if grep -qE "^test result: FAILED|error(\[E[0-9]+\])?:" /tmp/aisha-test.log; then
  tail -n 60 /tmp/aisha-test.log
  echo "cargo test failed"; exit 1
fi
cases=(conformance/cases conformance/shared/cases)
[ -d ../shared/conformance/cases ] && cases+=(../shared/conformance/cases)
./target/debug/aisha conformance run "${cases[@]}"
