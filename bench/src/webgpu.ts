// The webgpu phase's shared ground: one GPU object of Dawn's node bindings (npm `webgpu`), made once
// per process and set as navigator.gpu before any peer's webgpu code is imported (TensorFlow.js's
// webgpu backend registers itself at import time only when navigator.gpu exists), and the
// environment its child process needs at spawn (the Vulkan driver and loader).
import { existsSync, readdirSync } from 'node:fs';

/** Chromium's software Vulkan driver (Debian: chromium-common) and the directory with its Vulkan loader. */
export const CHROMIUM_DIR = '/usr/lib/chromium';
export const SWIFTSHADER_ICD = `${CHROMIUM_DIR}/vk_swiftshader_icd.json`;
const SYSTEM_VULKAN_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1', '/usr/lib/libvulkan.so.1'];
const ICD_DIRS = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];

/** The label of the webgpu columns when the adapter is a software one. */
export const SOFTWARE_LABEL = 'software adapter (SwiftShader): timings say nothing about GPUs';

/** Whether a GPU's Vulkan driver is installed (an ICD file other than Mesa's lavapipe, which Dawn refuses). */
function gpuDriverPresent(): boolean {
  for (const dir of ICD_DIRS) {
    try {
      if (readdirSync(dir).some((f) => f.endsWith('.json') && !f.startsWith('lvp_'))) return true;
    } catch {
      // no such directory
    }
  }
  return false;
}

/**
 * The environment for the webgpu child: VK_ICD_FILENAMES at Chromium's SwiftShader when it is unset
 * and no GPU driver is installed, and Chromium's libvulkan.so.1 on LD_LIBRARY_PATH when the system
 * has no Vulkan loader (the dynamic linker reads LD_LIBRARY_PATH when a process starts, so it must be
 * there at spawn). The second value says what was set.
 */
export function webgpuChildEnv(base: NodeJS.ProcessEnv = process.env): [NodeJS.ProcessEnv, string[]] {
  const env = { ...base };
  const set: string[] = [];
  if (env.VK_ICD_FILENAMES === undefined && env.VK_DRIVER_FILES === undefined && !gpuDriverPresent() && existsSync(SWIFTSHADER_ICD)) {
    env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    set.push(`VK_ICD_FILENAMES=${SWIFTSHADER_ICD}`);
  }
  if (!SYSTEM_VULKAN_LOADERS.some((p) => existsSync(p)) && existsSync(`${CHROMIUM_DIR}/libvulkan.so.1`)) {
    env.LD_LIBRARY_PATH = [CHROMIUM_DIR, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    set.push(`LD_LIBRARY_PATH=${CHROMIUM_DIR}`);
  }
  return [env, set];
}

let gpu: Promise<GPU> | undefined;

/**
 * Dawn's GPU object, made once per process (on SwiftShader when no GPU driver is installed): its globals (GPUBufferUsage, ...) are installed and
 * `globalThis.navigator.gpu` is set, so import the peers' webgpu code after this resolves.
 */
export function dawnGpu(): Promise<GPU> {
  gpu ??= import('webgpu').then(({ create, globals }) => {
    // the Vulkan loader reads VK_ICD_FILENAMES when Dawn creates its instance: setting it here works
    // (LD_LIBRARY_PATH, read at process start, comes from the parent: webgpuChildEnv)
    const icd = webgpuChildEnv()[0].VK_ICD_FILENAMES;
    if (process.env.VK_ICD_FILENAMES === undefined && icd !== undefined) process.env.VK_ICD_FILENAMES = icd;
    Object.assign(globalThis, globals);
    const g = create(['backend=vulkan']);
    const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
    // a userAgent too: jax-js's webgpu backend reads navigator.userAgent (a Firefox workaround)
    if (nav === undefined) Object.defineProperty(globalThis, 'navigator', { value: { gpu: g, userAgent: `Node.js/${process.version}` }, configurable: true, writable: true });
    else nav.gpu = g; // Node 21+ has a navigator
    return g;
  });
  return gpu;
}

/** What the adapter says it is: a header line, and whether it is a software one. */
export interface AdapterSummary {
  readonly line: string;
  readonly software: boolean;
}

/** The adapter Dawn offers (null: none, with the reason). */
export async function probeAdapter(): Promise<AdapterSummary | string> {
  let adapter: GPUAdapter | null;
  try {
    adapter = await (await dawnGpu()).requestAdapter();
  } catch (e) {
    return `no WebGPU adapter (${(e as Error).message})`;
  }
  if (adapter === null) return 'no WebGPU adapter (requestAdapter() returned null: no Vulkan driver Dawn accepts)';
  const a = adapter.info;
  const software = a.architecture === 'swiftshader' || /swiftshader/i.test(a.description) || (a as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  const line = `vendor ${a.vendor || '?'}, architecture ${a.architecture || '?'}, description ${a.description || '?'}`;
  return { line, software };
}
