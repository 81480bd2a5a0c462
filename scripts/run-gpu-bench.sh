#!/usr/bin/env bash
# Runs the GPU checks and benchmarks from an unpacked bundle (scripts/make-gpu-bundle.sh) on a machine
# with PyTorch and CUDA, writing everything under OUT_DIR (default ./gpu-results):
#   versions.txt          PyTorch / CUDA versions seen by python3
#   missing-symbols.txt   symbols libLibTorchSharp.so needs that PyTorch's libtorch does not define
#   bench-cuda.json/.md   muzero bench on cuda;  bench-cpu.json/.md on the CPU for comparison
#   train-cuda.log, eval-cuda.json   a short CartPole training on cuda and its greedy evaluation
#   status.txt            exit code of every step
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-./gpu-results}
mkdir -p "$out"
muzero="$here/muzero"
: > "$out/status.txt"
step() { local name=$1; shift; "$@"; local code=$?; echo "$name: exit $code" | tee -a "$out/status.txt"; }

torchlib=$(python3 -c "import os, torch; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))" 2>/dev/null)
export MUZERO_LIBTORCH=${MUZERO_LIBTORCH:-$torchlib}
step versions sh -c "python3 -c 'import torch; print(\"torch\", torch.__version__, \"cuda\", torch.version.cuda, \"available\", torch.cuda.is_available())' > '$out/versions.txt' 2>&1; nvidia-smi -L >> '$out/versions.txt' 2>&1"

# Does TorchSharp's native bridge (built against libtorch 2.10) find every symbol in this libtorch?
step symbols sh -c "nm -D --undefined-only '$here/libLibTorchSharp.so' | awk '{print \$2}' | sort -u > '$out/needed.txt'; \
  for f in '$MUZERO_LIBTORCH'/*.so*; do nm -D --defined-only \"\$f\" 2>/dev/null; done | awk '{print \$3}' | sort -u > '$out/defined.txt'; \
  comm -23 '$out/needed.txt' '$out/defined.txt' | grep -vE '@(GLIBC|GLIBCXX|CXXABI|GCC)_' > '$out/missing-symbols.txt'; \
  echo \"\$(wc -l < '$out/missing-symbols.txt') libtorch symbols missing\""

step bench-cuda sh -c "'$muzero' bench --device cuda --batch-sizes 1,16,64,256,1024,4096 --simulations 50 \
  --learner-batch-sizes 256,1024 --json '$out/bench-cuda.json' > '$out/bench-cuda.md' 2> '$out/bench-cuda.log'"
step bench-cpu sh -c "'$muzero' bench --device cpu --batch-sizes 1,64,1024 --simulations 50 \
  --learner-batch-sizes 256,1024 --json '$out/bench-cpu.json' > '$out/bench-cpu.md' 2> '$out/bench-cpu.log'"
step train-cuda sh -c "'$muzero' train --config '$here/configs/cartpole.json' --device cuda --run-dir '$out/run-cuda' > '$out/train-cuda.out' 2> '$out/train-cuda.log'"
step eval-cuda sh -c "'$muzero' evaluate --checkpoint '$out/run-cuda' --device cuda --json > '$out/eval-cuda.json' 2> '$out/eval-cuda.log'"
cat "$out/status.txt"
