// Feature detection: which build of the kernels this engine validates (relaxed SIMD with fused
// multiply-add, plain SIMD, or none). Done once, on first use, never at import time.
import { decodeBase64 } from './base64.js';
import { KERNELS_RELAXED_SIMD_BASE64, KERNELS_SIMD_BASE64 } from './generated.js';
import { wasmApi } from './wasm-api.js';

/** Which build of the kernels this engine runs: relaxed SIMD (FMA), plain SIMD, or none. */
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

/** The SIMD level the wasm backend would use here ('none': WebAssembly SIMD is unavailable). */
export function wasmFeatures(): WasmFeatures {
  return detect().features;
}
