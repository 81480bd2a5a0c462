#!/usr/bin/env bash
# Connect Four solver benchmark: solves every position of Pons' six test sets (tests/data/connect4),
# checks each score, and prints per set the positions, whether all were right, the mean time (wall clock
# and process CPU) and the mean explored positions per position, beside the published figures of Pons'
# C++ solver. Exits 1 if any score is wrong.
#
# Usage: scripts/connect4-solver-bench.sh [--weak] [--quick] [--json FILE] [more `muzero solve` options]
#   --weak   win / draw / loss only (compared with the sign of the file's score)
#   --quick  skip Test_L1_R3, the hard set (its 1,000 positions take hours at a few seconds each)
# Example: scripts/connect4-solver-bench.sh --json solver-bench.json
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
data="$repo/tests/data/connect4"
sets=(Test_L3_R1 Test_L2_R1 Test_L2_R2 Test_L1_R1 Test_L1_R2 Test_L1_R3)
args=()
for arg in "$@"; do
  if [ "$arg" = "--quick" ]; then sets=("${sets[@]:0:5}"); else args+=("$arg"); fi
done
files=()
for set in "${sets[@]}"; do files+=("$data/$set"); done

dotnet build "$repo/src/Cli" -c Release -v quiet -nologo >/dev/null
exec dotnet "$repo/src/Cli/bin/Release/net10.0/MuZero.Cli.dll" solve --positions "${files[@]}" "${args[@]}"
