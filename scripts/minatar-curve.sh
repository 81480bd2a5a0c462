#!/usr/bin/env bash
# MinAtar learning curves: for each game, `muzero experiment` trains configs/minatar-GAME.json for a frame budget
# with one or more seeds, evaluating every M frames; then the curve is written as CSV and JSON and drawn as PNGs with
# the MinAtar paper's DQN 5M-frame level as a dashed reference line (Young & Tian 2019, read off the repository's
# plots: Asterix 17, Breakout 10, Freeway 50, Seaquest 20, Space Invaders 43).
#
# Usage: scripts/minatar-curve.sh [--games asterix,breakout,freeway,seaquest,space-invaders] [--frames 1000000]
#          [--eval-every FRAMES] [--seeds 1] [--minutes 45] [--out DIR] [--device cpu|cuda|auto] [--set FIELD=VALUE]...
#
# A "frame" is one agent step (MinAtar's convention). The run's budget is set in updates from the frame budget with the
# config's training.updates_per_env_step r (no updates happen before replay.min_steps_before_training W frames):
#   training.training_steps = ceil((frames - W) * r),   evaluation.interval = max(1, round(eval_every * r));
# without --eval-every each game keeps its config's own evaluation.interval (at r = 0.02: 50k frames for Asterix,
# Breakout and Space Invaders, 100k for Freeway and Seaquest, whose evaluation episodes are long). The frames at which
# each evaluation actually fell are in the curve (env_steps). --minutes caps each seed's wall time
# (training.max_wall_minutes); a seed stopped by it has no final evaluation, only the ones before.
#
# Writes, per game, into DIR (default experiments/minatar-curves-<timestamp>):
#   GAME/                 the experiment (experiment.json, seed-N/ run directories, aggregate.json, aggregate.csv)
#   GAME-curve.csv        the evaluation curve: step, runs, env_steps, elapsed_seconds, mean (greedy return, mean over
#                         seeds) with its 95% bootstrap interval, IQM with its interval (a copy of aggregate.csv)
#   GAME-curve.json       the same with each seed's values (a copy of aggregate.json)
#   GAME.png              greedy evaluation return against frames, with the DQN line
#   GAME-training.png     return of the last 50 training episodes against frames (the paper's curves average the last
#                         100 training episodes), with the DQN line
# Stops at the first game whose experiment fails or is interrupted (Ctrl-C / SIGTERM leave a checkpoint; continue
# that game with `muzero experiment --resume DIR/GAME`).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

games=asterix,breakout,freeway,seaquest,space-invaders
frames=1000000
eval_every="" # default: each config's evaluation.interval
seeds=1
minutes=45
out=""
device=auto
sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --games) games=$2; shift 2 ;;
    --frames) frames=$2; shift 2 ;;
    --eval-every) eval_every=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --device) device=$2; shift 2 ;;
    --set) sets+=(--set "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 1 ;;
  esac
done
for value in "$frames" ${eval_every:+"$eval_every"}; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "error: --frames and --eval-every must be positive integers, got '$value'" >&2; exit 1; }
done
[[ "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "error: --minutes must be a positive number, got '$minutes'" >&2; exit 1; }
command -v jq >/dev/null || { echo "error: jq is needed to read the configs (apt-get install jq)" >&2; exit 1; }
out=${out:-experiments/minatar-curves-$(date -u +%Y%m%d-%H%M%S)}

# DQN after 5M frames (the paper's 100-episode moving average at the end).
dqn_level() {
  case "$1" in
    asterix) echo 17 ;; breakout) echo 10 ;; freeway) echo 50 ;; seaquest) echo 20 ;; space-invaders) echo 43 ;;
    *) echo "error: unknown MinAtar game '$1'; known: asterix, breakout, freeway, seaquest, space-invaders" >&2; return 1 ;;
  esac
}

IFS=, read -r -a game_list <<< "$games"
for game in "${game_list[@]}"; do dqn_level "$game" >/dev/null; done # every name checked before anything runs

mkdir -p "$out"
dotnet build "$repo/src/Cli" -c Release -v quiet -nologo >/dev/null
muzero=(dotnet "$repo/src/Cli/bin/Release/net10.0/MuZero.Cli.dll")

for game in "${game_list[@]}"; do
  level=$(dqn_level "$game")
  config="$repo/configs/minatar-$game.json"
  ratio=$(jq -r '.training.updates_per_env_step' "$config")
  warmup=$(jq -r '.replay.min_steps_before_training' "$config")
  # A --set of either field wins over the file, as it does for the run.
  for ((k = 1; k < ${#sets[@]}; k += 2)); do
    case "${sets[k]}" in
      training.updates_per_env_step=*) ratio=${sets[k]#*=} ;;
      replay.min_steps_before_training=*) warmup=${sets[k]#*=} ;;
    esac
  done
  interval=$(jq -r '.evaluation.interval' "$config")
  for ((k = 1; k < ${#sets[@]}; k += 2)); do
    case "${sets[k]}" in evaluation.interval=*) interval=${sets[k]#*=} ;; esac
  done
  read -r steps interval every < <(awk -v f="$frames" -v w="$warmup" -v r="$ratio" -v m="$eval_every" -v i="$interval" 'BEGIN {
    s = (f - w) * r; s = (s == int(s)) ? s : int(s) + 1; if (s < 1) s = 1;
    if (m != "") { i = int(m * r + 0.5); if (i < 1) i = 1 }
    print s, i, int(i / r + 0.5) }')
  echo "== $game: $frames frames ~ $steps updates at $ratio updates per frame after $warmup frames; evaluation every $interval updates (~$every frames); seeds $seeds; at most $minutes minutes per seed"
  "${muzero[@]}" experiment --config "$config" --seeds "$seeds" --device "$device" --out "$out/$game" \
    --set "training.training_steps=$steps" --set "evaluation.interval=$interval" --set "training.max_wall_minutes=$minutes" ${sets[@]+"${sets[@]}"}
  cp "$out/$game/aggregate.csv" "$out/$game-curve.csv"
  cp "$out/$game/aggregate.json" "$out/$game-curve.json"
  reference="$level=DQN, 5M frames (Young & Tian 2019)"
  "${muzero[@]}" plot "$out/$game" --x env_steps --reference "$reference" --title "MinAtar $game: greedy evaluation return" --out "$out/$game.png"
  "${muzero[@]}" plot "$out/$game" --x env_steps --metric recent_return --reference "$reference" \
    --title "MinAtar $game: return of the last 50 training episodes" --out "$out/$game-training.png"
done
echo "curves in $out"
