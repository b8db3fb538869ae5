// Where a tsup.device.config.ts writes its bundle: the folder bench/scripts/pack-device-kit.sh names
// in TORCHLET_DEVICE_KIT (the configs are only for that script).

/** The output folder of a device-kit bundle. */
export function deviceKitDir(): string {
  const dir = process.env.TORCHLET_DEVICE_KIT;
  if (dir === undefined || dir === '') throw new Error('tsup.device.config.ts: run bench/scripts/pack-device-kit.sh (it sets TORCHLET_DEVICE_KIT)');
  return dir;
}
