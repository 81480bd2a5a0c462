#!/usr/bin/env bash
# Makes a self-contained Linux x64 bundle of the `muzero` command for GPU machines that already have
# PyTorch: TorchBackend=system, so no libtorch is inside (about 30 MB compressed); libtorch is loaded
# at start-up from --libtorch DIR, $MUZERO_LIBTORCH, or the PyTorch that python3 imports.
#
#   scripts/make-gpu-bundle.sh [OUTPUT.tar.xz]      (default: .bundle/muzero-linux-x64-system.tar.xz)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.bundle/muzero-linux-x64-system.tar.xz}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
app="$stage/muzero"

dotnet publish src/Cli -c Release -r linux-x64 --self-contained -p:TorchBackend=system \
  -p:IntermediateOutputPath=obj/bundle/ -o "$app" --nologo -v quiet
# The apphost finds MuZero.Cli.dll by the name embedded in it, so it can carry the command's name.
mv "$app/MuZero.Cli" "$app/muzero"
if ls "$app"/libtorch_cpu.so "$app"/libc10.so >/dev/null 2>&1; then
  echo "error: libtorch ended up in the bundle; expected the system backend to leave it out" >&2
  exit 1
fi
test -f "$app/libLibTorchSharp.so" || { echo "error: libLibTorchSharp.so missing from the bundle" >&2; exit 1; }
cp -r configs "$app/configs"
cp scripts/run-gpu-bench.sh "$app/"
cat > "$app/RUN.txt" <<'TXT'
muzero, self-contained for Linux x64, without libtorch (TorchBackend=system).
libtorch comes from PyTorch: ./muzero ... --libtorch <site-packages>/torch/lib, or MUZERO_LIBTORCH=..., or
found automatically through `python3 -c "import torch"`.

  ./muzero bench --device cuda --json bench.json
  ./muzero train --config configs/cartpole.json --device cuda
  ./run-gpu-bench.sh results/        (the whole GPU check: symbols, bench, cuda training)
TXT
mkdir -p "$(dirname "$out")"
tar -C "$stage" -cJf "$out" muzero
echo "$out: $(du -h "$out" | cut -f1)"
