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

const SYNC_READ = 'a synchronous read of device memory, which WebGPU cannot do';

export const WEBGPU_CASE_GAPS: readonly CaseGap[] = [
  {
    fixture: 'tensor-core/compare',
    ids: /^allclose\//,
    reason: `allclose returns a JS boolean: ${SYNC_READ} (on a device: await a.isclose(b).all().itemAsync())`,
  },
  { fixture: 'tensor-core/creation', ids: /^item\//, reason: `item() is ${SYNC_READ} (on a device: await t.itemAsync())` },
  {
    fixture: 'tensor-core/indexing',
    ids: /^oneHot\/int64\/infer$/,
    reason: `oneHot without numClasses needs the largest class value, ${SYNC_READ} (give numClasses on a device)`,
  },
  {
    fixture: 'tensor-core/errors',
    ids: /^error\/oneHot\/(negative|too-small)$/,
    reason: `checking the class values against numClasses is ${SYNC_READ}`,
  },
  {
    fixture: 'tensor-core/getitem',
    ids: /^[^/]+\/[^/]+\/(mask(?!-bool-list|-scalar)|bool-0d-tensor$|accumulate-mask$)/,
    reason: `a bool tensor mask's count of true elements decides the result's shape: reading it is ${SYNC_READ} (torchlet throws the sync-read error; PyTorch synchronises there); x[mask] = number needs no count (a maskedFill_) and runs there`,
  },
  {
    fixture: 'tensor-core/getitem',
    ids: /^get\/float32\/0d-int-tensor$/,
    reason: `PyTorch reads a 0-d integer index to select a view; on a device that is ${SYNC_READ}, so torchlet indexes with it as a tensor (same values, a copy)`,
  },
  {
    fixture: 'nn-layers/utils',
    ids: /finite-error-flag/,
    reason: `clipGradNorm_'s errorIfNonfinite tests the total norm on the host, ${SYNC_READ} (PyTorch synchronises there too)`,
  },
];

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
