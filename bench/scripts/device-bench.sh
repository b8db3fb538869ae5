#!/usr/bin/env bash
# Runs on a lent GPU machine, from the repository root, after bench/scripts/pack-device-kit.sh packed
# .device-kit here and the device tool carried it: the bench's rows (default: the WebGPU targets of
# issue-level interest, matmul 1024^3, cross entropy and the MLP step) on the GPU's Vulkan driver,
# with the torchlet-webgpu, tfjs-webgpu and jax-js-webgpu columns. Arguments go to the bench
# (default: --only=<the three rows> --rounds=3 --no-torch --no-threads --no-fma).
set -uo pipefail
kit=.device-kit
[ -d "$kit" ] || { echo "device-bench: no $kit here: run bench/scripts/pack-device-kit.sh and carry .device-kit"; exit 1; }
unpacked=/tmp/torchlet-kit
rm -rf "$unpacked" && mkdir -p "$unpacked"
xz -dc "$kit/kit.tar.xz" | tar -C "$unpacked" -xf - || { echo "device-bench: could not unpack $kit/kit.tar.xz"; exit 1; }
export PATH="$unpacked:$PATH"

ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
if ! "$ldconfig" -p | grep -q libvulkan.so.1; then
  for deb in "$unpacked"/debs/*.deb; do dpkg -x "$deb" /; done
  "$ldconfig"
fi
# the NVIDIA driver's Vulkan ICD where the image mounts the driver
for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  if [ -f "$icd" ] && [ -z "${VK_DRIVER_FILES:-}" ]; then export VK_DRIVER_FILES="$icd"; fi
done
echo "node $(node --version); VK_DRIVER_FILES=${VK_DRIVER_FILES:-unset}"
nvidia-smi --query-gpu=name,clocks.max.sm --format=csv,noheader 2>/dev/null || true

# FP32 peak (non-tensor-core) for the fraction-of-peak line: H100 SXM and H200 both 67 TFLOP/s
if [ -z "${TORCHLET_BENCH_GPU_PEAK_GFLOPS:-}" ]; then
  case "$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null)" in
    *H100*PCIe*) export TORCHLET_BENCH_GPU_PEAK_GFLOPS=51200 ;;
    *H100* | *H200*) export TORCHLET_BENCH_GPU_PEAK_GFLOPS=66900 ;;
  esac
fi

args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--only='matmul 1024^3|cross entropy fwd+bwd 4096|MLP 784-256-10 train step, batch 128' --rounds=3 --no-torch --no-threads --no-fma)
node "$unpacked/bench/run.js" "${args[@]}"
