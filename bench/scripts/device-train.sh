#!/usr/bin/env bash
# Runs on a lent GPU machine, from the repository root, with .device-kit carried (see
# device-bench.sh): the trainer on digits/mlp on the CPU and on webgpu (the GPU), whose test
# accuracies and losses should agree (about 1e-7 relative per epoch on SwiftShader). Arguments go
# to both trainer runs (default: --dataset digits --model mlp). The names dataset is not in the kit.
set -uo pipefail
source "$(dirname "$0")/device-setup.sh"
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--dataset digits --model mlp)
out=$(mktemp -d)
echo "== cpu"
(cd "$out" && time node "$unpacked/trainer/bin.js" "${args[@]}" --device cpu)
echo "== webgpu"
(cd "$out" && time node "$unpacked/trainer/bin.js" "${args[@]}" --device webgpu)
