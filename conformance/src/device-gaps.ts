// What does not replay on the webgpu device yet, and why: the cases each gap removes from the
// webgpu project (loadFixture leaves them out there) and the test files it does not run. The case
// count reporter prints how many cases these remove, so the gaps stay visible in every run.
// float64 cases are not gaps: WebGPU has no float64 (as PyTorch's MPS device), so they never run there
// (usesFloat64 below). This file imports nothing: vitest.config.ts and the reporter load it.

export interface CaseGap {
  /** `<package>/<fixture>` under fixtures/. */
  readonly fixture: string;
  /** The case ids it covers. */
  readonly ids: RegExp;
  readonly reason: string;
}

export interface FileGap {
  /** The test file (relative to conformance/), excluded from the webgpu project. */
  readonly file: string;
  /** The fixture whose cases it replays (counted as not run). */
  readonly fixture: string;
  readonly reason: string;
}

// Empty: what once needed a synchronous read of device memory (item, allclose, oneHot's inferred
// class count and its class checks, bool-mask and 0-d tensor indexing, clipGradNorm_'s
// errorIfNonfinite) replays on webgpu through the async variants (src/tensor-core/ops.ts ASYNC_OPS,
// test/nn-layers/utils.test.ts).
export const WEBGPU_CASE_GAPS: readonly CaseGap[] = [];

export const WEBGPU_FILE_GAPS: readonly FileGap[] = [];

/** Whether case `id` of `fixture` is a webgpu gap. */
export function isWebGPUGap(fixture: string, id: string): boolean {
  return WEBGPU_CASE_GAPS.some((g) => g.fixture === fixture && g.ids.test(id));
}

/** Whether a fixture case holds a float64 tensor or asks for float64 anywhere (devices without float64 skip it). */
export function usesFloat64(value: unknown): boolean {
  if (value === 'float64') return true;
  if (Array.isArray(value)) return value.some(usesFloat64);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(usesFloat64);
  return false;
}
