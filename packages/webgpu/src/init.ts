// initWebGPU(): find a GPU (navigator.gpu in browsers; in Node, Dawn's bindings from the optional
// peer dependency `webgpu`), request an adapter and a device, and register the 'webgpu' device
// backend with tensor-core. Nothing happens at import time.
import { TorchletError, registerDevice } from '@torchlet/tensor-core';
import { ERROR_BYTES, decodeIndexError } from './index-errors.js';
import { BufferUsage, MAP_READ_MODE } from './usage.js';
import { GpuContext } from './context.js';
import { createWebGPUBackend } from './backend.js';
import type * as NodeGpuModule from './node-gpu.js';

/**
 * Options of `initWebGPU`: which GPU object and adapter, Dawn's flags in Node, and how many dispatches are batched.
 *
 * @pytorch none: the set-up a CUDA device does not need
 * @example
 * ```ts
 * const options: WebGPUOptions = { powerPreference: 'high-performance', maxBatch: 128 };
 * const info = await initWebGPU(options);
 * ```
 */
export interface WebGPUOptions {
  /** A GPU object to use (navigator.gpu, or the result of the `webgpu` package's create()); default: found as described above. */
  readonly gpu?: unknown;
  /** The adapter's power preference (requestAdapter's option). */
  readonly powerPreference?: 'low-power' | 'high-performance';
  /** Node: flags for Dawn's create() (default ['backend=vulkan']). */
  readonly dawnFlags?: readonly string[];
  /** Node: point VK_ICD_FILENAMES at Chromium's SwiftShader when it is unset and the file exists (default true). */
  readonly swiftshader?: boolean;
  /** Dispatches recorded before a submission is forced (default 64); reads always submit. */
  readonly maxBatch?: number;
}

/**
 * What initWebGPU() got.
 *
 * @pytorch torch.cuda.get_device_properties (here the WebGPU adapter's)
 * @example
 * ```ts
 * const info: WebGPUInfo = await initWebGPU();
 * const label = `${info.vendor} ${info.device}${info.software ? ' (software)' : ''}`;
 * ```
 */
export interface WebGPUInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** A software adapter (SwiftShader, or one the browser marks as fallback): its timings say nothing about GPUs. */
  readonly software: boolean;
  /** Where the GPU came from. */
  readonly source: 'option' | 'navigator.gpu' | 'node:webgpu';
  /** Node: the Vulkan ICD file initWebGPU pointed VK_ICD_FILENAMES at (null: none set here). */
  readonly vulkanIcd: string | null;
  readonly limits: { readonly maxBufferSize: number; readonly maxStorageBufferBindingSize: number };
}

let current: { ctx: GpuContext; info: WebGPUInfo } | null = null;

function runningInNode(): boolean {
  return typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';
}

function importAtRunTime<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}

async function loadNodeGpu(): Promise<typeof NodeGpuModule> {
  // node-gpu.js sits beside this file's chunk in dist/; from source (tests under vite) it is the .ts file
  const here = (import.meta as { url?: string }).url ?? '';
  return importAtRunTime<typeof NodeGpuModule>(here.endsWith('.ts') ? './node-gpu.ts' : './node-gpu.js');
}

async function findGpu(options: WebGPUOptions): Promise<{ gpu: GPU; source: WebGPUInfo['source']; icd: string | null }> {
  if (options.gpu !== undefined) return { gpu: options.gpu as GPU, source: 'option', icd: null };
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu !== undefined) return { gpu: nav.gpu, source: 'navigator.gpu', icd: null };
  if (!runningInNode()) {
    throw new TorchletError('initWebGPU: this browser has no WebGPU (navigator.gpu is missing); tensors stay on the CPU');
  }
  try {
    const node = await loadNodeGpu();
    const { gpu, icd } = await node.createNodeGpu(options.dawnFlags ?? ['backend=vulkan'], options.swiftshader ?? true);
    return { gpu, source: 'node:webgpu', icd };
  } catch (cause) {
    throw new TorchletError(cause instanceof Error ? cause.message : String(cause));
  }
}

const NODE_HINT =
  ' In Node, Dawn needs a Vulkan driver: a GPU driver, or SwiftShader (set VK_ICD_FILENAMES to the vk_swiftshader_icd.json that Chromium ships; on Debian `apt install chromium`), and the Vulkan loader libvulkan.so.1 (`apt install libvulkan1`, or Chromium\'s copy on LD_LIBRARY_PATH).';

/**
 * Initialise WebGPU and register the 'webgpu' device: afterwards `t.to('webgpu')`,
 * `module.to('webgpu')` and `{ device: 'webgpu' }` work. Resolves with the adapter it got. Calling
 * it again replaces the device (tensors on the old one then give a clear error). Without WebGPU or
 * an adapter it rejects with a clear error and the CPU keeps working.
 *
 * @pytorch none: PyTorch's devices need no set-up; this makes the 'webgpu' device usable (as torch.device('cuda') after CUDA initialises)
 * @example
 * ```ts
 * const info = await initWebGPU(); // throws where no adapter is found
 * const t = randn([2, 3]).to('webgpu');
 * const values = await t.toAsync('cpu');
 * ```
 */
export async function initWebGPU(options: WebGPUOptions = {}): Promise<WebGPUInfo> {
  const { gpu, source, icd } = await findGpu(options);
  const adapter = await gpu.requestAdapter(options.powerPreference === undefined ? undefined : { powerPreference: options.powerPreference });
  if (adapter === null) {
    throw new TorchletError(`initWebGPU: no WebGPU adapter is available (requestAdapter() returned null); tensors stay on the CPU.${source === 'node:webgpu' ? NODE_HINT : ''}`);
  }
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxBufferSize: limits.maxBufferSize,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
    },
  });
  const a = adapter.info;
  const info: WebGPUInfo = {
    vendor: a.vendor,
    architecture: a.architecture,
    device: a.device,
    description: a.description,
    software: a.architecture === 'swiftshader' || (a as { isFallbackAdapter?: boolean }).isFallbackAdapter === true,
    source,
    vulkanIcd: icd,
    limits: { maxBufferSize: device.limits.maxBufferSize, maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize },
  };
  current?.ctx.dispose();
  const ctx = new GpuContext(device, options.maxBatch ?? 64, [gpu, adapter]);
  current = { ctx, info };
  registerDevice(createWebGPUBackend(ctx));
  return info;
}

/**
 * The adapter of the live device, or null before initWebGPU() (or after disposeWebGPU()).
 *
 * @pytorch none: like torch.cuda.get_device_name, the adapter in use
 * @example
 * ```ts
 * await initWebGPU();
 * const info = webgpuInfo(); // { vendor, architecture, device, software, ... } or null
 * ```
 */
export function webgpuInfo(): WebGPUInfo | null {
  return current?.info ?? null;
}

/** Submit what is recorded, copy and clear the error buffer after it, and throw the error it held. */
async function throwIndexError(ctx: GpuContext): Promise<void> {
  const staging = ctx.device.createBuffer({ size: ERROR_BYTES, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
  const encoder = ctx.commandEncoder();
  encoder.copyBufferToBuffer(ctx.errors, 0, staging, 0, ERROR_BYTES);
  encoder.clearBuffer(ctx.errors);
  ctx.flush();
  await staging.mapAsync(MAP_READ_MODE);
  const error = decodeIndexError(new Uint32Array(staging.getMappedRange().slice(0)));
  staging.unmap();
  staging.destroy();
  if (error !== null) throw error;
}

/**
 * Submit the recorded commands and wait until the GPU has run them (for timing; readers do this
 * themselves). Rejects, as a read does, when a kernel met an index out of range since the last read.
 *
 * @pytorch torch.cuda.synchronize
 * @example
 * ```ts
 * await initWebGPU();
 * const y = randn([256, 256]).to('webgpu').matmul(randn([256, 256]).to('webgpu'));
 * await syncWebGPU(); // every recorded dispatch has run
 * ```
 */
export async function syncWebGPU(): Promise<void> {
  if (current === null) return;
  const ctx = current.ctx;
  ctx.check();
  await throwIndexError(ctx);
  ctx.check();
}

/**
 * Destroy the device (Node exits only once no device is alive). Tensors on 'webgpu' then give a
 * clear error; initWebGPU() starts again.
 *
 * @pytorch none: releases the GPU device (as the end of a CUDA process)
 * @example
 * ```ts
 * await initWebGPU();
 * // ... train ...
 * disposeWebGPU(); // the 'webgpu' device is unusable until initWebGPU() again
 * ```
 */
export function disposeWebGPU(): void {
  current?.ctx.dispose();
  current = null;
}

/**
 * What `webgpuMemoryInfo` reports: the GPU memory of the live device's tensors and of its pool.
 *
 * @pytorch the figures of torch.cuda.memory_allocated, torch.cuda.memory_reserved and torch.cuda.memory_stats
 * @example
 * ```ts
 * const info: WebGPUMemoryInfo = webgpuMemoryInfo();
 * const inUse = info.allocatedBytes; // buffers of storages not given back yet
 * ```
 */
export interface WebGPUMemoryInfo {
  /**
   * Bytes of the buffers held by tensor storages not given back yet (sizes rounded up to the pool's
   * power-of-two buckets), including storages unreachable but not yet finalised by the garbage collector.
   */
  readonly allocatedBytes: number;
  /** How many such buffers. */
  readonly allocatedBuffers: number;
  /** Bytes of free buffers the pool keeps for later tensors (at most 512 MiB; beyond, released buffers are destroyed). */
  readonly pooledBytes: number;
  /** How many free buffers the pool keeps. */
  readonly pooledBuffers: number;
  /** allocatedBytes + pooledBytes: the storage buffers the device holds (as torch.cuda.memory_reserved). */
  readonly reservedBytes: number;
  /** Buffers created since initWebGPU() (not taken from the pool). */
  readonly created: number;
  /** Allocations served from the pool since initWebGPU(). */
  readonly reused: number;
  /** Buffers given back since initWebGPU(): explicitly (dispose(), scope(), kernel scratch) or by the garbage collector. */
  readonly released: number;
  /** Of `released`, those the garbage collector gave back (tensors never disposed). */
  readonly collected: number;
}

/**
 * GPU memory of the live 'webgpu' device: the buffers its tensors hold and those its pool keeps for
 * reuse, with counters since initWebGPU(). All zero before initWebGPU() and after disposeWebGPU().
 * A training step run inside `scope()` gives its buffers back when the scope ends, so
 * `allocatedBytes` stays flat across steps; without scopes or `dispose()` it grows until the garbage
 * collector finalises the tensors.
 *
 * @pytorch torch.cuda.memory_allocated (allocatedBytes), torch.cuda.memory_reserved (reservedBytes)
 * @example
 * ```ts
 * await initWebGPU();
 * const x = randn([256, 256]).to('webgpu');
 * const held = webgpuMemoryInfo().allocatedBytes; // x's 256 KiB buffer included
 * x.dispose(); // back to the pool now: allocatedBytes drops by 262144, pooledBytes grows by it
 * ```
 */
export function webgpuMemoryInfo(): WebGPUMemoryInfo {
  const pool = current?.ctx.pool;
  if (pool === undefined) {
    return { allocatedBytes: 0, allocatedBuffers: 0, pooledBytes: 0, pooledBuffers: 0, reservedBytes: 0, created: 0, reused: 0, released: 0, collected: 0 };
  }
  return {
    allocatedBytes: pool.liveBytes,
    allocatedBuffers: pool.liveBuffers,
    pooledBytes: pool.freeBytes,
    pooledBuffers: pool.freeBuffers,
    reservedBytes: pool.liveBytes + pool.freeBytes,
    ...pool.stats,
  };
}

/** The live context (tests and diagnostics). */
export function currentContext(): GpuContext | null {
  return current?.ctx ?? null;
}
