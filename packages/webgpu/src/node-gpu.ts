// Node only (loaded at run time by init.ts through a specifier bundlers do not follow): creates the
// GPU object of Dawn's node bindings, the optional peer dependency `webgpu`, on Vulkan. Without a
// Vulkan driver given (VK_ICD_FILENAMES unset) it points the Vulkan loader at SwiftShader, the
// software driver that Chromium ships, when one of its usual paths exists.

interface NodeFs {
  existsSync(path: string): boolean;
}

/** Node's process.env (typed here: the package's sources carry no Node types). */
function env(): Record<string, string | undefined> {
  return (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
}

/** Where distributions install Chromium's SwiftShader ICD (Debian: `dpkg -S vk_swiftshader_icd.json`). */
export const SWIFTSHADER_ICD_PATHS: readonly string[] = [
  '/usr/lib/chromium/vk_swiftshader_icd.json', // Debian, Ubuntu's deb: chromium-common
  '/usr/lib64/chromium-browser/vk_swiftshader_icd.json', // Fedora
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json', // older Ubuntu
  '/usr/lib/chromium-bin/vk_swiftshader_icd.json',
];

export interface NodeGpu {
  readonly gpu: GPU;
  /** The ICD file this call set VK_ICD_FILENAMES to (null: left as it was). */
  readonly icd: string | null;
}

interface WebGpuModule {
  create(flags: string[]): GPU;
}

function importAtRunTime<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}

/** The first existing SwiftShader ICD among `candidates`, or null. */
export async function findSwiftShaderIcd(candidates: readonly string[] = SWIFTSHADER_ICD_PATHS): Promise<string | null> {
  const fs = await importAtRunTime<NodeFs>('node:fs');
  for (const path of candidates) if (fs.existsSync(path)) return path;
  return null;
}

export async function createNodeGpu(flags: readonly string[], swiftshader: boolean): Promise<NodeGpu> {
  let icd: string | null = null;
  const vars = env();
  if (swiftshader && vars.VK_ICD_FILENAMES === undefined && vars.VK_DRIVER_FILES === undefined) {
    icd = await findSwiftShaderIcd();
    if (icd !== null) vars.VK_ICD_FILENAMES = icd;
  }
  let mod: WebGpuModule;
  try {
    mod = await importAtRunTime<WebGpuModule>('webgpu');
  } catch (cause) {
    throw new Error(
      `initWebGPU: in Node the GPU comes from the optional peer dependency 'webgpu' (Dawn's node bindings), which could not be loaded: npm install webgpu@0.6.2 (${String(cause)})`,
      { cause },
    );
  }
  return { gpu: mod.create([...flags]), icd };
}
