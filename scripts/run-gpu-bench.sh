#!/usr/bin/env bash
# Runs the GPU checks and benchmarks from an unpacked bundle (scripts/make-gpu-bundle.sh) on a machine
# with PyTorch and CUDA, writing everything under OUT_DIR (default ./gpu-results):
#   versions.txt          PyTorch / CUDA versions seen by python3, nvidia-smi -L
#   missing-symbols.txt   symbols libLibTorchSharp.so needs that PyTorch's libtorch does not define
#   smoke.*               one tiny cuda bench: if it fails, the remaining steps are skipped (toolchain.txt
#                         then says whether a C++ compiler and CMake are there to rebuild the native bridge)
#   bench-cuda.json/.md   muzero bench on cuda (CartPole MLP, batch 1..4096)
#   bench-cuda-gG.*       the same with search.pipeline_groups = G (tree work overlapped with the model call)
#   bench-cuda-connect4.*, bench-cuda-gomoku.*   the residual conv networks on cuda
#   train-cuda.log, eval-cuda.json   a short CartPole training on cuda and its greedy evaluation
#   bench-cpu.json/.md    muzero bench on this machine's CPU for comparison
#   status.txt            exit code and seconds of every step
# Each step has its own time limit in seconds, so that a slow step cannot eat the rest: SMOKE_SECONDS (120),
# BENCH_SECONDS (150), PIPELINE_SECONDS (60 per G), CONV_SECONDS (90 per game), TRAIN_SECONDS (200) with
# TRAIN_MINUTES (2.5, the training's own --max-minutes), CPU_SECONDS (90); versions, symbols and eval-cuda 60 each.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-./gpu-results}
mkdir -p "$out"
muzero="$here/muzero"
: > "$out/status.txt"
step() {
  local name=$1 limit=$2; shift 2
  local start=$SECONDS
  timeout -k 30 "$limit" "$@"; local code=$?  # TERM first (muzero stops with a checkpoint), KILL 30 s later
  echo "$name: exit $code, $((SECONDS - start)) s" | tee -a "$out/status.txt"
  return $code
}

torchlib=$(python3 -c "import os, torch; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))" 2>/dev/null)
export MUZERO_LIBTORCH=${MUZERO_LIBTORCH:-$torchlib}
step versions 60 sh -c "python3 -c 'import torch; print(\"torch\", torch.__version__, \"cuda\", torch.version.cuda, \"available\", torch.cuda.is_available())' > '$out/versions.txt' 2>&1; nvidia-smi -L >> '$out/versions.txt' 2>&1; nproc >> '$out/versions.txt'"

# Does TorchSharp's native bridge (built against libtorch 2.10) find every symbol in this libtorch?
step symbols 60 sh -c "nm -D --undefined-only '$here/libLibTorchSharp.so' | awk '{print \$2}' | sort -u > '$out/needed.txt'; \
  for f in '$MUZERO_LIBTORCH'/*.so*; do nm -D --defined-only \"\$f\" 2>/dev/null; done | awk '{print \$3}' | sort -u > '$out/defined.txt'; \
  comm -23 '$out/needed.txt' '$out/defined.txt' | grep -vE '@(GLIBC|GLIBCXX|CXXABI|GCC)_' > '$out/missing-symbols.txt'; \
  echo \"\$(wc -l < '$out/missing-symbols.txt') libtorch symbols missing\"; rm -f '$out/defined.txt'"

if ! step smoke "${SMOKE_SECONDS:-120}" sh -c "'$muzero' bench --device cuda --batch-sizes 16 --simulations 10 --learner-batch-sizes 64 \
    --repetitions 3 --min-warmup-seconds 0 --max-warmup-seconds 3 --self-play-moves 0 > '$out/smoke.md' 2> '$out/smoke.log'"; then
  { command -v g++ c++ cmake nvcc; python3 -c "import torch, os; print(os.path.dirname(torch.__file__))"; } > "$out/toolchain.txt" 2>&1
  echo "the first CUDA call failed: see smoke.log; remaining steps skipped" | tee -a "$out/status.txt"
  exit 1
fi

bench_cuda() { # name, limit, extra bench arguments...
  local name=$1 limit=$2; shift 2
  step "$name" "$limit" sh -c "'$muzero' bench --device cuda $* --json '$out/$name.json' > '$out/$name.md' 2> '$out/$name.log'"
}
bench_cuda bench-cuda "${BENCH_SECONDS:-150}" --batch-sizes 1,16,64,256,1024,4096 --simulations 50 --learner-batch-sizes 256,1024
for groups in 2 4; do
  bench_cuda "bench-cuda-g$groups" "${PIPELINE_SECONDS:-60}" --batch-sizes 256,1024,4096 --simulations 50 --learner-batch-sizes 256 \
    --self-play-moves 0 --set search.pipeline_groups=$groups
done
for game in connect4 gomoku; do
  bench_cuda "bench-cuda-$game" "${CONV_SECONDS:-90}" --config "'$here/configs/$game.json'" --batch-sizes 1,64,256,1024 --simulations 50 \
    --learner-batch-sizes 128,512 --max-warmup-seconds 10
done
step train-cuda "${TRAIN_SECONDS:-200}" sh -c "'$muzero' train --config '$here/configs/cartpole.json' --device cuda --max-minutes ${TRAIN_MINUTES:-2.5} \
  --run-dir '$out/run-cuda' > '$out/train-cuda.out' 2> '$out/train-cuda.log'"
step eval-cuda 60 sh -c "'$muzero' evaluate --checkpoint '$out/run-cuda' --device cuda --json > '$out/eval-cuda.json' 2> '$out/eval-cuda.log'"
step bench-cpu "${CPU_SECONDS:-90}" sh -c "'$muzero' bench --device cpu --batch-sizes 1,64,1024 --simulations 50 \
  --learner-batch-sizes 256 --max-warmup-seconds 10 --json '$out/bench-cpu.json' > '$out/bench-cpu.md' 2> '$out/bench-cpu.log'"
cat "$out/status.txt"
