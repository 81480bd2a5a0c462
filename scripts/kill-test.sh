#!/usr/bin/env bash
# Crash-safety check: SIGKILLs a real `muzero train` at random moments KILLS times (default 20),
# resuming after each kill, then checks what a user relies on:
#   - every `train --resume` finds an intact checkpoint and starts (exit status of the next run);
#   - it resumes at most one checkpoint interval behind the last update logged before the kill;
#   - in the end metrics.jsonl holds only whole JSON lines and no update twice (a line torn by a kill
#     is dropped when the run resumes);
#   - SIGTERM and SIGINT end the last two runs with a checkpoint and exit codes 143 and 130.
# Kills land in checkpoint writes too: the script counts the temporary files a kill left behind.
#
# Usage: scripts/kill-test.sh [KILLS] [CONFIG]   (default config: a small TicTacToe run with a
# checkpoint every 10 updates, so that kills also land in checkpoint writes). Prints one line per
# kill and a summary; exits 1 on the first violation.
set -euo pipefail
set -m # job control: without it background jobs start with SIGINT ignored, and Ctrl-C could not be tested
kills=${1:-20}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# Run a copy of the build, so rebuilding the repository meanwhile cannot break the runs.
dotnet build "$repo/src/Cli" -c Release -v quiet -nologo >/dev/null
cp -a "$repo/src/Cli/bin/Release/net10.0" "$work/cli"

config=${2:-}
interval=10
if [ -z "$config" ]; then
  config="$work/config.json"
  sed -e 's/"training_steps": [0-9]*/"training_steps": 1000000/' \
      -e "s/\"checkpoint_interval\": [0-9]*/\"checkpoint_interval\": $interval/" \
      -e 's/"log_interval": [0-9]*/"log_interval": 5/' \
      -e 's/"simulations": 50/"simulations": 8/' \
      -e 's/"min_steps_before_training": [0-9]*/"min_steps_before_training": 500/' \
      "$repo/configs/tictactoe.json" > "$config"
else
  interval=$(jq '.training.checkpoint_interval' "$config")
fi
run="$work/run"

last_logged() { grep -o 'update [0-9]*/' "$1" | tr -dc '0-9\n' | tail -n 1 || true; }
check_metrics() {
  local n=0 prev=-1 step
  while IFS= read -r line; do
    n=$((n + 1))
    step=$(jq -e '.step' <<<"$line" 2>/dev/null) || { echo "FAIL: metrics.jsonl line $n is not whole JSON: $line"; exit 1; }
    if [ "$(jq -r .kind <<<"$line")" = train ]; then
      [ "$step" -gt "$prev" ] || { echo "FAIL: metrics.jsonl logs update $step after $prev (line $n)"; exit 1; }
      prev=$step
    fi
  done < "$run/metrics.jsonl"
}
# Starts a run in the background, waits until it logs its first update, then SIGNAL after a random delay.
run_and_signal() {
  local signal=$1 log=$2; shift 2
  dotnet "$work/cli/MuZero.Cli.dll" train "$@" > /dev/null 2> "$log" &
  local pid=$!
  for _ in $(seq 600); do grep -q 'update [0-9]*/' "$log" 2>/dev/null && break; kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", r / 32767 * 6 }')"
  kill -s "$signal" $pid 2>/dev/null || true
  # A run that ignores the signal would hang this script: give it 60 s, then kill it (exit 137 fails the check).
  for _ in $(seq 600); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  kill -9 $pid 2>/dev/null || true
  local code=0; wait $pid || code=$?
  echo $code
}

torn=0; in_write=0; max_lost=0
prev_logged=0
for i in $(seq "$kills"); do
  log="$work/log-$i.txt"
  if [ "$i" -eq 1 ]; then code=$(run_and_signal KILL "$log" --config "$config" --run-dir "$run")
  else code=$(run_and_signal KILL "$log" --resume "$run"); fi
  if [ "$i" -gt 1 ]; then
    resumed=$(grep -o 'at update [0-9]*' "$log" | head -n 1 | tr -dc '0-9' || true)
    [ -n "$resumed" ] || { echo "FAIL: resume $i did not start:"; cat "$log"; exit 1; }
    lost=$((prev_logged - resumed))
    [ "$lost" -le "$interval" ] || { echo "FAIL: resumed at $resumed after update $prev_logged was logged (lost $lost > $interval)"; exit 1; }
    [ "$lost" -gt "$max_lost" ] && max_lost=$lost
  fi
  logged=$(last_logged "$log"); logged=${logged:-$prev_logged}
  temps=$(find "$run/checkpoints" -name '.*.tmp' | wc -l)
  [ "$temps" -gt 0 ] && in_write=$((in_write + 1))
  tail -c 1 "$run/metrics.jsonl" | od -An -c | grep -q '\\n' || torn=$((torn + 1))
  echo "kill $i: exit $code, last update logged $logged, resumed-from update ${resumed:-new run}, checkpoint temp files left: $temps"
  prev_logged=$logged
done

code=$(run_and_signal TERM "$work/term.txt" --resume "$run")
[ "$code" -eq 143 ] || { echo "FAIL: SIGTERM exit code $code, expected 143"; cat "$work/term.txt"; exit 1; }
# Started as a background job of a non-interactive shell, this script and its children ignore SIGINT (bit 2 of
# SigIgn), and no program can be stopped with it: say so instead of failing.
if (( (0x$(awk '/^SigIgn:/ {print $2}' /proc/$$/status) & 2) != 0 )); then
  sigint="SIGINT not checked (ignored by this shell, so by every run it starts)"
else
  code=$(run_and_signal INT "$work/int.txt" --resume "$run")
  [ "$code" -eq 130 ] || { echo "FAIL: SIGINT exit code $code, expected 130"; cat "$work/int.txt"; exit 1; }
  sigint="SIGINT -> 130"
fi
check_metrics
echo "kill test passed: $kills SIGKILLs, every resume started; at most $max_lost updates lost (checkpoint interval $interval);" \
     "$in_write kill(s) left a checkpoint write unfinished, $torn left a torn metrics line; SIGTERM -> 143, $sigint; metrics.jsonl whole"
