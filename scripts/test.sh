#!/usr/bin/env bash
# `npm test`: lint, type check, web builds, unit tests, end-to-end tests. Each stage prints one
# line with its duration against its budget (seconds on a 2-core machine); the run ends with one
# plain line counting every test, "Tests: N passed, N failed, N skipped".
# A failing lint, type check or build stops the run (the tests would test stale code); unit and
# end-to-end tests both run so one failure does not hide another.
set -uo pipefail
cd "$(dirname "$0")/.."

summary=()
failed_stages=()
passed=0 failed=0 skipped=0

# stage NAME BUDGET COMMAND...: runs the command, records "NAME took Ns (budget Bs)".
stage() {
  local name=$1 budget=$2
  shift 2
  local start=$SECONDS
  "$@"
  local rc=$? took=$((SECONDS - start))
  local note=ok
  [ "$rc" -eq 0 ] || { note="FAILED (exit $rc)"; failed_stages+=("$name"); }
  [ "$took" -le "$budget" ] || note="$note, OVER BUDGET"
  summary+=("$(printf 'test: %-10s %5ds of %5ds  %s' "$name" "$took" "$budget" "$note")")
  printf '\n%s\n' "${summary[-1]}"
  return "$rc"
}

# vitest run for one project, counting its tests from the summary reporter's closing line.
tests() {
  local out
  out=$(mktemp)
  npx vitest run --project "$1" 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  local line
  line=$(grep -E '^Tests: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$out" | tail -1)
  rm -f "$out"
  if [[ $line =~ ^Tests:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    skipped=$((skipped + BASH_REMATCH[3]))
  elif [ "$rc" -ne 0 ]; then
    failed=$((failed + 1)) # the run itself failed before it could count (a crash, a syntax error)
  fi
  return "$rc"
}

finish() {
  printf '\n'
  printf '%s\n' "${summary[@]}"
  if [ ${#failed_stages[@]} -gt 0 ]; then printf 'test: failed stages: %s\n' "${failed_stages[*]}"; fi
  printf '\nTests: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
  [ ${#failed_stages[@]} -eq 0 ]
  exit $?
}

stage lint 180 npm run --silent lint || finish
stage typecheck 240 npm run --silent typecheck || finish
stage build 180 npm run --silent build || finish
stage unit 600 tests unit
stage e2e 900 tests e2e
finish
