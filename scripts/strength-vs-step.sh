#!/usr/bin/env bash
# Strength against training step: evaluates every kept checkpoint of a run (RUN_DIR/checkpoints/step-N.ckpt) with
# `muzero evaluate`, either in matches against a fixed opponent or on Connect Four test-position sets, collects one
# `evaluate --json` report per checkpoint in DIR/strength.jsonl, and has `muzero plot` write DIR/strength.csv
# (step, series, value, 95% interval low, high) and draw DIR/strength.png (the value against training step, intervals shaded).
#
# Usage: scripts/strength-vs-step.sh RUN_DIR (--opponent SPEC --games N | --positions FILE...) [--out DIR] [--every K]
#            [other `muzero evaluate` options: --simulations N, --limit N, --device D, --seed N, --parallel-games N]
#   --out DIR    where the results go (default: RUN_DIR/strength)
#   --every K    only every K-th checkpoint by step, and the last one
# A checkpoint whose step is already in DIR/strength.jsonl is skipped, so an interrupted run continues where it stopped
# (delete the file to start over, e.g. after changing the options).
# Examples:
#   scripts/strength-vs-step.sh runs/connect4-s1 --positions tests/data/connect4/Test_L3_R1 tests/data/connect4/Test_L2_R1 --limit 200
#   scripts/strength-vs-step.sh runs/ttt --opponent perfect --games 100 --simulations 25
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
usage() { echo "usage: $0 RUN_DIR (--opponent SPEC --games N | --positions FILE...) [--out DIR] [--every K] [muzero evaluate options]" >&2; exit 1; }
fail() { echo "error: $*" >&2; exit 1; }

[ $# -ge 1 ] || usage
run=$1; shift
[ -d "$run/checkpoints" ] || fail "$run: no checkpoints folder (not a run directory)"
out="$run/strength"; every=1; opponent=""; games=""; positions=(); extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --every) [ $# -ge 2 ] || usage; every=$2; shift 2 ;;
    --opponent) [ $# -ge 2 ] || usage; opponent=$2; shift 2 ;;
    --games) [ $# -ge 2 ] || usage; games=$2; shift 2 ;;
    --positions)
      shift
      while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do positions+=("$1"); shift; done
      [ ${#positions[@]} -gt 0 ] || fail "--positions needs at least one FILE" ;;
    --json|--checkpoint) fail "$1 is set by this script" ;;
    *) extra+=("$1"); shift ;;
  esac
done
[[ "$every" =~ ^[1-9][0-9]*$ ]] || fail "--every must be a positive integer, got '$every'"
if [ ${#positions[@]} -gt 0 ]; then
  [ -z "$opponent" ] && [ -z "$games" ] || fail "give either --opponent SPEC --games N or --positions FILE..., not both"
  mode=(--positions "${positions[@]}")
else
  [ -n "$opponent" ] && [ -n "$games" ] || fail "give --opponent SPEC --games N, or --positions FILE..."
  mode=(--opponent "$opponent" --games "$games")
fi

# Kept checkpoints by step, in increasing order.
mapfile -t steps < <(find "$run/checkpoints" -maxdepth 1 -name 'step-*.ckpt' -printf '%f\n' | sed -n 's/^step-\([0-9][0-9]*\)\.ckpt$/\1/p' | sort -n)
[ ${#steps[@]} -gt 0 ] || fail "$run/checkpoints: no step-N.ckpt checkpoints"
chosen=()
for i in "${!steps[@]}"; do
  if [ $((i % every)) -eq 0 ] || [ "$i" -eq $((${#steps[@]} - 1)) ]; then chosen+=("${steps[$i]}"); fi
done

dotnet build "$repo/src/Cli" -c Release -v quiet -nologo >/dev/null
muzero=(dotnet "$repo/src/Cli/bin/Release/net10.0/MuZero.Cli.dll")
mkdir -p "$out"
results="$out/strength.jsonl"
touch "$results"
for step in "${chosen[@]}"; do
  if grep -q "\"training_step\":$step[,}]" "$results"; then
    echo "step $step: already in $results" >&2
    continue
  fi
  echo "step $step: evaluating $run/checkpoints/step-$step.ckpt" >&2
  # --json alone prints the report as one line on stdout (logs go to stderr); append it only when the evaluation succeeded.
  report=$("${muzero[@]}" evaluate --checkpoint "$run/checkpoints/step-$step.ckpt" "${mode[@]}" "${extra[@]}" --json)
  printf '%s\n' "$report" >> "$results"
done
"${muzero[@]}" plot "$results" --out "$out/strength.png" --csv "$out/strength.csv"
