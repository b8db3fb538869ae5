#!/usr/bin/env bash
# Runs on a lent GPU machine, from the repository root, after bench/scripts/pack-device-kit.sh packed
# .device-kit here and the device tool carried it: the bench on the GPU's Vulkan driver, with the
# torchlet-webgpu, tfjs-webgpu and jax-js-webgpu columns. Arguments go to the bench (default: the
# webgpu target rows, matmul 1024^3, cross entropy 4096x1000 and the MLP step, 3 rounds).
set -uo pipefail
source "$(dirname "$0")/device-setup.sh"

# FP32 peak (without tensor cores) for the fraction-of-peak line: H100 SXM and H200 66.9 TFLOP/s
if [ -z "${TORCHLET_BENCH_GPU_PEAK_GFLOPS:-}" ]; then
  case "$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null)" in
    *H100*PCIe*) export TORCHLET_BENCH_GPU_PEAK_GFLOPS=51200 ;;
    *H100* | *H200*) export TORCHLET_BENCH_GPU_PEAK_GFLOPS=66900 ;;
  esac
fi

args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--only='matmul 1024^3|cross entropy fwd+bwd 4096|MLP 784-256-10 train step, batch 128' --rounds=3 --no-torch --no-threads --no-fma)
node "$unpacked/bench/run.js" "${args[@]}"
