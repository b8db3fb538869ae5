// The WebAssembly SIMD backend: float32 kernels for the hot paths (matmul, add / mul, exp, softmax
// and log-softmax along the last dim, cross entropy rows); every other case (other dtypes, strided
// outputs, small sizes where the copy in and out would cost more than it saves) runs the pure-
// TypeScript reference kernels. Operands in JS typed arrays are copied into the module's memory per
// call; tensors made inside `scope()` live in that memory already (resident.ts) and are read and
// written in place.
import type { DataArray } from '../../dtype.js';
import type { Backend, BinaryKernelOp, ReduceKernelOp, StridedView, UnaryKernelOp } from '../interface.js';
import type { CrossEntropyRowsResult } from '../kernels/loss.js';
import { cpuBackend } from '../cpu/index.js';
import { isRowMajor as rowMajor } from '../cpu/strided.js';
import { numel } from '../../shape.js';
import { matmulScratchBytes, type WasmKernels } from './arena.js';
import { WasmMemoryFull } from './heap.js';
import { loadKernelsSync, residentKernelsIfAny } from './loaders.js';
import { heapOf } from './heap.js';
import { wasmStorage } from './resident.js';
import { JOB } from './protocol.js';

/**
 * Below these sizes the reference kernels run instead: a wasm call costs the copies in and out plus
 * about a microsecond, which the reference kernels beat on tiny tensors (measured on Node 20 with
 * the tutorial's step: Linear(3, 3) on a batch of 10). `parallel*` sizes are where a job is split
 * over the worker threads, when there are any (`initWasmBackend({ threads })`).
 */
export const WASM_THRESHOLDS = {
  /** m * k * n */
  matmul: 4096,
  /** m * k * n from which matmul splits its work (column panels or rows) over the worker threads */
  parallelMatmul: 1 << 21,
  /** elements, for add / sub / mul (at 1024 the wasm kernel is 1.5 to 2.7x faster, at 256 even) */
  binary: 1024,
  /** elements, for exp and relu */
  exp: 1024,
  /** elements, for softmax / log-softmax / cross entropy */
  rows: 1024,
  /** elements from which exp / relu and the row kernels split over the worker threads */
  parallelElements: 1 << 17,
};

let active: typeof WASM_THRESHOLDS | undefined;

/**
 * The thresholds in force: WASM_THRESHOLDS, or with TORCHLET_WASM_THRESHOLDS=0 in the environment
 * (Node) every size taking the wasm kernels, so that tests on tiny tensors (the conformance suite's
 * wasm project) exercise them.
 */
function limits(): typeof WASM_THRESHOLDS {
  if (active === undefined) {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const zero = env?.TORCHLET_WASM_THRESHOLDS?.trim() === '0';
    active = zero ? { ...WASM_THRESHOLDS, matmul: 0, binary: 0, exp: 0, rows: 0 } : WASM_THRESHOLDS;
  }
  return active;
}

/** Rows per block when a row kernel is split over threads: about 32K elements per block. */
function rowBlock(rows: number, cols: number): number {
  return Math.max(1, Math.min(rows, Math.floor((1 << 15) / Math.max(1, cols))));
}

/** Elements from the view's offset to its last element + 1 (strides must be >= 0). */
function spanOf(shape: readonly number[], strides: readonly number[]): number {
  let last = 0;
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 0) return 0;
    last += (shape[d] - 1) * strides[d];
  }
  return last + 1;
}

function nonNegative(strides: readonly number[]): boolean {
  for (const s of strides) if (s < 0) return false;
  return true;
}

/**
 * The kernels for one call: the instance whose memory holds one of `views` already (scope storage:
 * no copy in or out), else those over the worker threads' shared memory when the call is split over
 * them (`parallel` and a pool is running), else the ones over this thread's own memory (faster
 * copies in and out). Split the call over `K.pool` only when `parallel` (see poolFor).
 */
function kernelsFor(parallel: boolean, ...views: StridedView[]): WasmKernels {
  for (const v of views) {
    const heap = heapOf(v.data);
    if (heap !== undefined) {
      const R = residentKernelsIfAny();
      if (R !== null && R.heap === heap) return R;
    }
  }
  const K = loadKernelsSync();
  return parallel && K.pool !== null ? K : K.local();
}

/** The pool to split a call over: K's, when the call is large enough (`parallel`). */
function poolFor(K: WasmKernels, parallel: boolean): WasmKernels['pool'] {
  return parallel ? K.pool : null;
}

/** A float32 operand's byte offset in K's memory: in place when it lives there, else copied into the arena. */
function operand(K: WasmKernels, v: StridedView, offset: number, count: number): number {
  return K.heap.owns(v.data) ? v.data.byteOffset + offset * 4 : copyIn(K, v.data, offset, count);
}

/**
 * Where a kernel writes `count` float32 results for `out` (from out.offset + `offset`): in place
 * when out lives in K's memory; else over `scratch`, the arena copy of an input of the same size
 * that the kernel reads element by element before writing it (fewer bytes touched than a third
 * buffer), when there is one; else a new arena block.
 */
function destination(K: WasmKernels, out: StridedView, count: number, offset = 0, scratch: number | null = null): number {
  if (K.heap.owns(out.data)) return out.data.byteOffset + (out.offset + offset) * 4;
  return scratch ?? K.alloc(count * 4);
}

/** `ptr` when it is an arena copy of `v` (not `v`'s own storage in K's memory), else null. */
function arenaCopy(K: WasmKernels, v: StridedView, ptr: number): number | null {
  return K.heap.owns(v.data) ? null : ptr;
}

/** Copy results written by destination() to `out` unless they were written in place. */
function deliver(K: WasmKernels, ptr: number, count: number, out: StridedView, offset = 0): void {
  if (!K.heap.owns(out.data)) copyOut(K, ptr, count, out, out.offset + offset);
}

/** Copy `count` float32 values of `data` from `offset` into the arena; returns the byte offset. */
function copyIn(k: WasmKernels, data: DataArray, offset: number, count: number): number {
  const ptr = k.alloc(count * 4);
  k.f32.set((data as Float32Array).subarray(offset, offset + count), ptr >>> 2);
  return ptr;
}

function copyOut(k: WasmKernels, ptr: number, count: number, out: StridedView, offset: number): void {
  (out.data as Float32Array).set(k.f32.subarray(ptr >>> 2, (ptr >>> 2) + count), offset);
}

function matmul(a: StridedView, b: StridedView, out: StridedView): void {
  matmulInto(a, b, out, null);
}

/** out = a @ b + row, `row` a bias repeated over rows (stride 0; see matmulInto). */
function matmulAddRow(a: StridedView, b: StridedView, row: StridedView, out: StridedView): void {
  matmulInto(a, b, out, row);
}

/**
 * The matmul kernels; with `row`, the bias row is added to the product in the arena before it is
 * copied out. Layouts the kernels do not take run the reference matmul (and add).
 */
function matmulInto(a: StridedView, b: StridedView, out: StridedView, row: StridedView | null): void {
  if (numel(out.shape) === 0) return;
  const nd = a.shape.length;
  const m = a.shape[nd - 2];
  const k = a.shape[nd - 1];
  const n = b.shape[nd - 1];
  const rowTaken = row === null || (row.dtype === 'float32' && (row.strides[nd - 1] === 1 || n === 1));
  if (
    a.dtype !== 'float32' || b.dtype !== 'float32' || out.dtype !== 'float32' || !rowTaken ||
    m * k * n < limits().matmul || !rowMajor(out) || !nonNegative(a.strides) || !nonNegative(b.strides)
  ) {
    cpuBackend.matmul(a, b, out);
    if (row !== null) cpuBackend.binary('add', out, row, out);
    return;
  }
  const parallel = m * k * n >= limits().parallelMatmul;
  const K = kernelsFor(parallel, a, b, out);
  const pool = poolFor(K, parallel);
  pool?.prewake();
  const as0 = a.strides[nd - 2];
  const as1 = a.strides[nd - 1];
  const bs0 = b.strides[nd - 2];
  const bs1 = b.strides[nd - 1];
  const aSpan = spanOf([m, k], [as0, as1]);
  const bSpan = spanOf([k, n], [bs0, bs1]);
  const batchShape = out.shape.slice(0, nd - 2);
  const batches = numel(batchShape);
  const index = batchShape.map(() => 0);
  for (let t = 0; t < batches; t++) {
    let ao = a.offset;
    let bo = b.offset;
    for (let d = 0; d < batchShape.length; d++) {
      ao += index[d] * a.strides[d];
      bo += index[d] * b.strides[d];
    }
    K.reset();
    let pa = operand(K, a, ao, aSpan);
    let [s0, s1] = [as0, as1];
    if (as1 !== 1 && m > 1) {
      // a transposed (or strided) A: make its rows contiguous first, so the kernel's A loads stream
      const packed = K.alloc(m * k * 4);
      K.exports.copy2D(pa, as0, as1, packed, m, k);
      [pa, s0, s1] = [packed, k, 1];
    }
    let pb = operand(K, b, bo, bSpan);
    let [t0, t1] = [bs0, bs1];
    if (bs1 !== 1 && bs0 !== 1 && n > 1 && k > 1) {
      // a B strided both ways: a blocked copy first, then packing streams (a transposed B, x @ w.t()
      // in a linear layer, is packed straight from w's rows)
      const packed = K.alloc(k * n * 4);
      K.exports.copy2D(pb, bs0, bs1, packed, k, n);
      [pb, t0, t1] = [packed, n, 1];
    }
    const pc = destination(K, out, m * n, t * m * n);
    // split by column panels when there are a few per thread, else by rows
    if (pool !== null && n >= 16 * 4 * pool.threads) pool.matmulColumns(pa, s0, s1, pb, t0, t1, pc, m, k, n);
    else if (pool !== null && m >= 4) pool.matmul(pa, s0, s1, pb, t0, t1, pc, m, k, n);
    else K.exports.matmul(pa, s0, s1, pb, t0, t1, pc, m, k, n, K.allocKernelSized(matmulScratchBytes(k, n)));
    if (row !== null) {
      // product + bias in float32 (one rounding each, as the separate add): no second round trip
      const pr = operand(K, row, row.offset, n);
      K.exports.binaryF32(0, pc, pr, pc, m * n, n, 1, 1);
    }
    deliver(K, pc, m * n, out, t * m * n);
    for (let d = batchShape.length - 1; d >= 0; d--) {
      if (++index[d] < batchShape[d]) break;
      index[d] = 0;
    }
  }
}

function unary(op: UnaryKernelOp, x: StridedView, out: StridedView): void {
  const n = numel(out.shape);
  if (n === 0) return;
  if (op === 'copy' && x.dtype === 'float32' && out.dtype === 'float32' && rowMajor(out) && !rowMajor(x) && copyStrided(x, out)) return;
  if ((op !== 'exp' && op !== 'relu') || x.dtype !== 'float32' || out.dtype !== 'float32' || n < limits().exp || !rowMajor(x) || !rowMajor(out)) {
    cpuBackend.unary(op, x, out);
    return;
  }
  const parallel = n >= limits().parallelElements;
  const K = kernelsFor(parallel, x, out);
  const pool = poolFor(K, parallel);
  pool?.prewake();
  K.reset();
  const px = operand(K, x, x.offset, n);
  const po = destination(K, out, n, 0, arenaCopy(K, x, px));
  const code = op === 'exp' ? 0 : 1;
  if (pool !== null) {
    pool.run({ kind: JOB.unary, args: [code, px, po], units: n, blockUnits: 1 << 15 });
  } else if (code === 0) K.exports.expArray(px, po, n);
  else K.exports.reluF32(px, po, n);
  deliver(K, po, n, out);
}

/**
 * A float32 copy of a 2-D strided view (size-1 dims dropped; a transpose is the common case) into a
 * contiguous `out`; false when the view is not 2-D or has negative / overlapping strides.
 */
function copyStrided(x: StridedView, out: StridedView): boolean {
  const shape: number[] = [];
  const strides: number[] = [];
  for (let d = 0; d < x.shape.length; d++) {
    if (x.shape[d] === 1) continue;
    shape.push(x.shape[d]);
    strides.push(x.strides[d]);
  }
  if (shape.length !== 2 || strides[0] <= 0 || strides[1] <= 0) return false;
  const [rows, cols] = shape;
  const K = kernelsFor(false);
  K.reset();
  const px = copyIn(K, x.data, x.offset, spanOf(shape, strides));
  const po = K.alloc(rows * cols * 4);
  K.exports.copy2D(px, strides[0], strides[1], po, rows, cols);
  copyOut(K, po, rows * cols, out, out.offset);
  return true;
}

/** b's layout relative to out: the same row-major shape, or one row of `cols` repeated (a bias). */
function operandLayout(v: StridedView, out: StridedView): 'full' | 'row' | null {
  if (v.shape.length !== out.shape.length) return null;
  if (rowMajor(v)) {
    for (let d = 0; d < v.shape.length; d++) if (v.shape[d] !== out.shape[d]) return null;
    return 'full';
  }
  const last = v.shape.length - 1;
  if (last < 0 || v.strides[last] !== 1) return null;
  for (let d = 0; d < last; d++) if (v.strides[d] !== 0 && v.shape[d] !== 1) return null;
  return 'row';
}

function binary(op: BinaryKernelOp, a: StridedView, b: StridedView, out: StridedView, alpha?: number): void {
  const n = numel(out.shape);
  if (n === 0) return;
  const al = alpha ?? 1;
  // 0: a + b, 1: a * b, 2: a + alpha * b in float64 (sub: alpha negated)
  const code = op === 'mul' ? 1 : op === 'add' ? (al === 1 ? 0 : 2) : op === 'sub' ? 2 : -1;
  if (code < 0 || n < limits().binary || a.dtype !== 'float32' || b.dtype !== 'float32' || out.dtype !== 'float32' || !rowMajor(out)) {
    cpuBackend.binary(op, a, b, out, alpha);
    return;
  }
  let la = operandLayout(a, out);
  let lb = operandLayout(b, out);
  // plain add and mul commute (bit for bit in float32): put the repeated row second
  if (code < 2 && la === 'row' && lb === 'full') [a, b, la, lb] = [b, a, lb, la];
  if (la !== 'full' || lb === null) {
    cpuBackend.binary(op, a, b, out, alpha);
    return;
  }
  const row = lb === 'row';
  const cols = out.shape.length ? out.shape[out.shape.length - 1] : 1;
  // one thread even with the worker pool: the copies in and out dominate, and splitting the kernel
  // itself was measured no faster (add of 1M, in-place add of 200K elements)
  const K = kernelsFor(false, a, b, out);
  // split over the worker threads only when every operand is in the pool's memory already: with
  // copies in and out, those dominate, and splitting the kernel was measured no faster
  const inPlace = K.heap.owns(a.data) && K.heap.owns(b.data) && K.heap.owns(out.data);
  const pool = inPlace && n >= limits().parallelElements ? K.pool : null;
  pool?.prewake();
  K.reset();
  const pa = operand(K, a, a.offset, n);
  const pb = operand(K, b, b.offset, row ? cols : n);
  const po = destination(K, out, n, 0, arenaCopy(K, a, pa));
  const scaled = op === 'sub' ? -al : al;
  if (pool !== null) {
    const rows = n / cols;
    if (row) pool.run({ kind: JOB.binary, args: [code, pa, pb, po, cols], f64: scaled, units: rows, blockUnits: rowBlock(rows, cols) });
    else pool.run({ kind: JOB.binary, args: [code, pa, pb, po, 0], f64: scaled, units: n, blockUnits: 1 << 15 });
  } else K.exports.binaryF32(code, pa, pb, po, n, cols, row ? 1 : 0, scaled);
  deliver(K, po, n, out);
}

const COMPARE: Partial<Record<BinaryKernelOp, number>> = { lt: 0, le: 1, gt: 2, ge: 3, eq: 4, ne: 5 };

function binaryScalar(op: BinaryKernelOp, x: StridedView, scalar: number, out: StridedView, scalarFirst: boolean, alpha?: number): void {
  const n = numel(out.shape);
  const code = scalarFirst ? undefined : COMPARE[op];
  if (n === 0 || code === undefined || x.dtype !== 'float32' || out.dtype !== 'bool' || !rowMajor(x) || !rowMajor(out) || Math.fround(scalar) !== scalar) {
    cpuBackend.binaryScalar(op, x, scalar, out, scalarFirst, alpha);
    return;
  }
  const K = kernelsFor(false);
  K.reset();
  const px = copyIn(K, x.data, x.offset, n);
  const po = K.alloc(n);
  K.exports.compareScalarF32(code, px, scalar, po, n);
  (out.data as Uint8Array).set(K.u8.subarray(po, po + n), out.offset);
}

/** A where() operand: n contiguous float32 values, or one value repeated (stride 0 everywhere). */
function whereOperand(K: WasmKernels, v: StridedView, out: StridedView, n: number): [number, number] | null {
  if (v.strides.every((s) => s === 0)) {
    const value = v.data[v.offset];
    if (Math.fround(value) !== value && !Number.isNaN(value)) return null;
    const p = K.alloc(4);
    K.f32[p >>> 2] = value;
    return [p, 0];
  }
  if (v.dtype !== 'float32' || !rowMajor(v) || operandLayout(v, out) !== 'full') return null;
  return [copyIn(K, v.data, v.offset, n), 4];
}

function where(cond: StridedView, a: StridedView, b: StridedView, out: StridedView): void {
  const n = numel(out.shape);
  if (n === 0) return;
  if (out.dtype === 'float32' && rowMajor(out) && cond.dtype === 'bool' && rowMajor(cond) && operandLayout(cond, out) === 'full') {
    const K = kernelsFor(false);
    K.reset();
    const pa = whereOperand(K, a, out, n);
    const pb = pa === null ? null : whereOperand(K, b, out, n);
    if (pa !== null && pb !== null) {
      const pc = K.alloc(n);
      K.u8.set((cond.data as Uint8Array).subarray(cond.offset, cond.offset + n), pc);
      const po = K.alloc(n * 4);
      K.exports.whereF32(pc, pa[0], pa[1], pb[0], pb[1], po, n);
      copyOut(K, po, n, out, out.offset);
      return;
    }
  }
  cpuBackend.where(cond, a, b, out);
}

function softmax(x: StridedView, dim: number, log: boolean, out: StridedView): void {
  const n = numel(x.shape);
  if (n === 0) return;
  if (
    x.dtype !== 'float32' || out.dtype !== 'float32' || dim !== x.shape.length - 1 || n < limits().rows ||
    !rowMajor(x) || !rowMajor(out)
  ) {
    cpuBackend.softmax(x, dim, log, out);
    return;
  }
  const cols = x.shape[dim];
  const parallel = n >= limits().parallelElements;
  const K = kernelsFor(parallel, x, out);
  const pool = poolFor(K, parallel);
  pool?.prewake();
  K.reset();
  const px = operand(K, x, x.offset, n);
  const po = destination(K, out, n, 0, arenaCopy(K, x, px));
  const rows = n / cols;
  if (pool !== null) {
    pool.run({ kind: JOB.softmax, args: [px, po, cols, log ? 1 : 0, 0], units: rows, blockUnits: rowBlock(rows, cols), scratchBytes: cols * 4, scratchArg: 4 });
  } else K.exports.softmaxRows(px, po, rows, cols, log ? 1 : 0, K.alloc(cols * 4));
  deliver(K, po, n, out);
}

/** Sums over leading dims of a contiguous float32 tensor (a bias gradient); every other reduction runs the reference kernels. */
function reduce(op: ReduceKernelOp, x: StridedView, dims: readonly number[], out: StridedView, indices?: StridedView): void {
  const n = numel(x.shape);
  let leading = 0;
  while (leading < dims.length && dims[leading] === leading) leading++;
  if (
    n === 0 || op !== 'sum' || indices !== undefined || x.dtype !== 'float32' || out.dtype !== 'float32' || n < limits().rows ||
    leading === 0 || leading !== dims.length || leading === x.shape.length || !rowMajor(x) || !rowMajor(out)
  ) {
    cpuBackend.reduce(op, x, dims, out, indices);
    return;
  }
  const cols = numel(x.shape.slice(leading));
  const rows = n / cols;
  const K = kernelsFor(false, x, out);
  K.reset();
  const px = operand(K, x, x.offset, n);
  const po = destination(K, out, cols);
  K.exports.sumRowsF32(px, rows, cols, po, K.alloc(cols * 8));
  deliver(K, po, cols, out);
}

/** out = x <= threshold ? 0 : grad: the wasm kernel for contiguous float32 operands, else the reference. */
function thresholdBackward(grad: StridedView, x: StridedView, threshold: number, out: StridedView): void {
  const n = numel(out.shape);
  if (
    n === 0 || n < limits().binary || grad.dtype !== 'float32' || x.dtype !== 'float32' || out.dtype !== 'float32' ||
    Math.fround(threshold) !== threshold || !rowMajor(grad) || !rowMajor(x) || !rowMajor(out)
  ) {
    cpuBackend.thresholdBackward(grad, x, threshold, out);
    return;
  }
  const K = kernelsFor(false, grad, x, out);
  K.reset();
  const pg = operand(K, grad, grad.offset, n);
  const px = operand(K, x, x.offset, n);
  const po = destination(K, out, n, 0, arenaCopy(K, grad, pg));
  K.exports.thresholdBackwardF32(pg, px, threshold, po, n);
  deliver(K, po, n, out);
}

/**
 * Cross entropy over rows of a contiguous float32 [N, C] input with class-index targets (see
 * Backend.crossEntropyRows); other layouts (float64, strided, small, an ignoreIndex outside int32)
 * run the reference kernel.
 */
function crossEntropyRows(
  x: StridedView,
  target: StridedView,
  ignoreIndex: number,
  withGrad: boolean,
  gradScale: number,
): CrossEntropyRowsResult {
  if (
    x.dtype !== 'float32' || x.shape.length !== 2 || !rowMajor(x) || numel(x.shape) < limits().rows || numel(x.shape) === 0 ||
    !Number.isInteger(ignoreIndex) || Math.abs(ignoreIndex) > 2 ** 31 - 1
  ) {
    return cpuBackend.crossEntropyRows(x, target, ignoreIndex, withGrad, gradScale);
  }
  const [rows, cols] = x.shape;
  const parallel = rows * cols >= limits().parallelElements;
  const K = kernelsFor(parallel, x);
  const pool = poolFor(K, parallel);
  pool?.prewake();
  K.reset();
  // the gradient overwrites the logits: in the arena, never over the input's own storage
  const px = withGrad || !K.heap.owns(x.data) ? copyIn(K, x.data, x.offset, rows * cols) : operand(K, x, x.offset, rows * cols);
  const pt = K.alloc(rows * 4);
  const i32 = K.i32;
  const ts = target.strides[0] ?? 0;
  for (let r = 0, q = target.offset, o = pt >>> 2; r < rows; r++, q += ts) i32[o + r] = target.data[q];
  const losses = K.alloc(rows * 8);
  const pg = withGrad ? px : 0; // the gradient overwrites the logits in place
  if (pool !== null) {
    pool.run({
      kind: JOB.crossEntropy,
      args: [px, pt, cols, ignoreIndex, pg, losses, 0],
      f64: gradScale,
      units: rows,
      blockUnits: rowBlock(rows, cols),
      scratchBytes: cols * 4,
      scratchArg: 6,
    });
  } else K.exports.crossEntropyRows(px, pt, rows, cols, ignoreIndex, pg, gradScale, losses, K.alloc(cols * 4));
  // the rows' losses summed in row order, whichever thread computed them
  const f64 = K.f64;
  let sum = 0;
  let kept = 0;
  for (let r = 0, q = target.offset, o = losses >>> 3; r < rows; r++, q += ts) {
    if (target.data[q] === ignoreIndex) continue;
    sum += f64[o + r];
    kept++;
  }
  // one copy into a new array (slice), cheaper than zero-filling an output and copying into it
  const grad = withGrad ? K.f32.slice(px >>> 2, (px >>> 2) + rows * cols) : null;
  return { lossSum: sum, kept, grad };
}

/**
 * `fast`, or `reference` when the kernels' memory cannot hold the operands (tensors of gigabytes):
 * a call that fails that way has written nothing the reference call does not overwrite.
 */
function orReference<A extends unknown[], R>(fast: (...args: A) => R, reference: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return fast(...args);
    } catch (e) {
      if (e instanceof WasmMemoryFull) return reference(...args);
      throw e;
    }
  };
}

/** The wasm kernels, over the reference backend for everything they do not take. */
export const wasmBackend: Backend = {
  ...cpuBackend,
  name: 'wasm',
  storage: wasmStorage,
  matmul: orReference(matmul, cpuBackend.matmul),
  matmulAddRow: orReference(matmulAddRow, cpuBackend.matmulAddRow),
  unary: orReference(unary, cpuBackend.unary),
  binary: orReference(binary, cpuBackend.binary),
  binaryScalar: orReference(binaryScalar, cpuBackend.binaryScalar),
  where: orReference(where, cpuBackend.where),
  softmax: orReference(softmax, cpuBackend.softmax),
  reduce: orReference(reduce, cpuBackend.reduce),
  crossEntropyRows: orReference(crossEntropyRows, cpuBackend.crossEntropyRows),
  thresholdBackward: orReference(thresholdBackward, cpuBackend.thresholdBackward),
};
