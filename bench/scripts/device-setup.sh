# Sourced by device-bench.sh and device-train.sh on a lent GPU machine, from the repository root:
# unpacks .device-kit/kit.tar.xz (bench/scripts/pack-device-kit.sh) under /tmp, puts its Node first on
# PATH, installs the Vulkan loader when the image has none, and points VK_DRIVER_FILES at the NVIDIA
# driver's ICD. Sets `unpacked` to the kit's folder.
kit=.device-kit
[ -f "$kit/kit.tar.xz" ] || { echo "device: no $kit/kit.tar.xz here: run bench/scripts/pack-device-kit.sh and carry .device-kit"; exit 1; }
unpacked=/tmp/torchlet-kit
rm -rf "$unpacked" && mkdir -p "$unpacked"
xz -dc "$kit/kit.tar.xz" | tar -C "$unpacked" -xf - || { echo "device: could not unpack $kit/kit.tar.xz"; exit 1; }
export PATH="$unpacked:$PATH"

ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
if ! "$ldconfig" -p | grep -q libvulkan.so.1; then
  for deb in "$unpacked"/debs/*.deb; do dpkg -x "$deb" /; done
  "$ldconfig"
fi
for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  if [ -f "$icd" ] && [ -z "${VK_DRIVER_FILES:-}" ]; then export VK_DRIVER_FILES="$icd"; fi
done
echo "node $(node --version); VK_DRIVER_FILES=${VK_DRIVER_FILES:-unset}"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null || true
