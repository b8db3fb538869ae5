// Feature detection: which build of the kernels this engine validates (relaxed SIMD with fused
// multiply-add, plain SIMD, or none). Done once, on first use, never at import time.
import { decodeBase64 } from './base64.js';
import { KERNELS_RELAXED_SIMD_BASE64, KERNELS_SIMD_BASE64 } from './generated.js';
import { wasmApi } from './wasm-api.js';

/**
 * What `wasmFeatures` reports: 'relaxed-simd', 'simd' or 'none'.
 *
 * @pytorch the strings of torch.backends.cpu.get_cpu_capability
 * @example
 * ```ts
 * const level: WasmFeatures = wasmFeatures();
 * ```
 */
export type WasmFeatures = 'relaxed-simd' | 'simd' | 'none';

/** The detected level and the single-threaded binary for it (null with 'none'). */
export interface Detected {
  readonly features: WasmFeatures;
  readonly bytes: Uint8Array | null;
}

let detected: Detected | undefined;

export function detect(): Detected {
  if (detected) return detected;
  const api = wasmApi();
  detected = { features: 'none', bytes: null };
  if (api) {
    try {
      const relaxed = decodeBase64(KERNELS_RELAXED_SIMD_BASE64);
      if (api.validate(relaxed)) detected = { features: 'relaxed-simd', bytes: relaxed };
      else {
        const simd = decodeBase64(KERNELS_SIMD_BASE64);
        if (api.validate(simd)) detected = { features: 'simd', bytes: simd };
      }
    } catch {
      // no usable WebAssembly: stay on 'none'
    }
  }
  return detected;
}

/**
 * The WebAssembly SIMD level this runtime supports: 'relaxed-simd', 'simd' or 'none'.
 *
 * @pytorch torch.backends.cpu.get_cpu_capability
 * @example
 * ```ts
 * const level = wasmFeatures();
 * if (level !== 'none') useBackend('wasm');
 * ```
 */
export function wasmFeatures(): WasmFeatures {
  return detect().features;
}
