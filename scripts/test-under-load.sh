#!/usr/bin/env bash
# `npm run test:under-load [RUNS]`: the whole `npm test` beside two processes that keep both cores
# busy, RUNS times in a row (default 1), as a province's busy CI or a shared build host would.
# Each run's stage summary is printed; the script fails at the first red run.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
burners=()
stop_burners() { [ ${#burners[@]} -eq 0 ] || kill "${burners[@]}" 2>/dev/null; }
trap stop_burners EXIT
trap 'exit 130' INT TERM
for _ in 1 2; do
  node -e 'for (;;);' &
  burners+=($!)
done
echo "test:under-load: $(nproc) cores, 2 CPU burners (pids ${burners[*]}), $runs run(s)"
for i in $(seq 1 "$runs"); do
  log=$(mktemp)
  start=$SECONDS
  npm test 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  echo "test:under-load: run $i of $runs: exit $rc in $((SECONDS - start)) s"
  { grep -E '^test: ' "$log" | awk '!seen[$0]++'; grep -E '^Tests: ' "$log" | tail -1; } | sed "s/^/  run $i  /"
  rm -f "$log"
  [ "$rc" -eq 0 ] || exit "$rc"
done
