#!/usr/bin/env bash
# Round robin between the saved checkpoints of a training run: picks the run's checkpoints/step-N.ckpt files in
# order of N (optionally every k-th, always keeping the newest), adds any reference opponents named with --with,
# and runs `muzero tournament`, which prints Elo ratings with 95% intervals and the pairwise results.
#
# Usage: scripts/round-robin.sh RUN_DIR [--every K] [--max N] [--with SPEC]... [more `muzero tournament` options]
#   --every K    every K-th checkpoint (step-0, then every K-th after it; the newest is always included)
#   --max N      at most N checkpoints, evenly spread from the first to the newest (applied after --every)
#   --with SPEC  add a reference opponent (random, perfect, alphabeta:DEPTH, mcts:PLAYOUTS) or another checkpoint
# Other options go to `muzero tournament` (--games, --simulations, --anchor, --json, --opening-plies, --seed, ...).
# Example: scripts/round-robin.sh runs/tictactoe-20261126-083000 --every 2 --with perfect --anchor perfect --games 40
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 1
fi
run=$1; shift
every=1; max=0; extra_players=(); args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --every) every=${2:?--every needs K}; shift 2 ;;
    --max) max=${2:?--max needs N}; shift 2 ;;
    --with) extra_players+=("${2:?--with needs a SPEC}"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
case "$every" in ''|*[!0-9]*|0) echo "error: --every must be a positive integer, got '$every'" >&2; exit 1 ;; esac
case "$max" in ''|*[!0-9]*) echo "error: --max must be a non-negative integer, got '$max'" >&2; exit 1 ;; esac
[ -d "$run/checkpoints" ] || { echo "error: $run: not a run directory (no checkpoints/ folder)" >&2; exit 1; }

# step-N.ckpt sorted by N (numerically, not as text: step-1000 after step-200).
mapfile -t all < <(find "$run/checkpoints" -maxdepth 1 -name 'step-*.ckpt' -printf '%f\n' \
  | sed -n 's/^step-\([0-9][0-9]*\)\.ckpt$/\1/p' | sort -n | sed "s|^|$run/checkpoints/step-|; s|$|.ckpt|")
[ ${#all[@]} -gt 0 ] || { echo "error: $run/checkpoints holds no step-N.ckpt files" >&2; exit 1; }

picked=()
for i in "${!all[@]}"; do
  if [ $((i % every)) -eq 0 ] || [ "$i" -eq $((${#all[@]} - 1)) ]; then picked+=("${all[$i]}"); fi
done
if [ "$max" -gt 0 ] && [ ${#picked[@]} -gt "$max" ]; then
  if [ "$max" -eq 1 ]; then picked=("${picked[-1]}")
  else
    spread=()
    for ((k = 0; k < max; k++)); do spread+=("${picked[$(( k * (${#picked[@]} - 1) / (max - 1) ))]}"); done
    picked=("${spread[@]}")
  fi
fi
players=("${picked[@]}" "${extra_players[@]}")
if [ ${#players[@]} -lt 2 ]; then
  echo "error: a round robin needs two players; $run has only ${picked[*]} (add one with --with SPEC)" >&2; exit 1
fi
echo "round robin of ${#players[@]} players: ${players[*]}" >&2

dotnet build "$repo/src/Cli" -c Release -v quiet -nologo >/dev/null
exec dotnet "$repo/src/Cli/bin/Release/net10.0/MuZero.Cli.dll" tournament --players "${players[@]}" "${args[@]}"
