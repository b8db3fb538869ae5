// What does not replay on the webgpu device yet, and why: the cases each gap removes from the
// webgpu project (loadFixture leaves them out there) and the test files it does not run. The case
// count reporter prints how many cases these remove, so the gaps stay visible in every run.
// float64 cases are not gaps: WebGPU has no float64 (as PyTorch's MPS device), so they never run there.

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
