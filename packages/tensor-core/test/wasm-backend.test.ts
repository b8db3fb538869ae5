// The wasm backend against the reference kernels: same shapes, dtypes and layouts, float32 results
// within float32 accumulation error (matmul) or about 1 ulp (elementwise, softmax).
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cpuBackend,
  add,
  availableBackends,
  exp,
  getBackend,
  logSoftmax,
  matmul,
  mean,
  mul,
  relu,
  where,
  softmax,
  sub,
  sum,
  tensor,
  useBackend,
  wasmFeatures,
  type Tensor,
} from '@torchlet/tensor-core';
import { addmmRow, thresholdBackward } from '../src/internal.js';
import { loadKernelsSync } from '../src/backend/wasm/runtime.js';
import { matmulScratchBytes, packedBBytes } from '../src/backend/wasm/arena.js';
import { lcgFloat32 as rnd } from './compute-helpers.js';

const hasWasm = wasmFeatures() !== 'none';
// every size takes the wasm kernels here (by default tiny tensors stay on the reference kernels)
process.env.TORCHLET_WASM_THRESHOLDS = '0';

afterEach(() => {
  useBackend('cpu');
});


function both(f: () => Tensor): [Tensor, Tensor] {
  useBackend('cpu');
  const ref = f();
  useBackend('wasm');
  const got = f();
  useBackend('cpu');
  return [ref, got];
}

/** |got - ref| <= atol + rtol |ref| elementwise, equal non-finite values. */
function expectClose(got: Tensor, ref: Tensor, rtol: number, atol: number): void {
  expect(got.shape).toEqual(ref.shape);
  expect(got.dtype).toBe(ref.dtype);
  const g = got.toTypedArray();
  const r = ref.toTypedArray();
  for (let i = 0; i < r.length; i++) {
    if (!Number.isFinite(r[i]) || !Number.isFinite(g[i])) {
      expect(Object.is(g[i], r[i]) || (Number.isNaN(g[i]) && Number.isNaN(r[i])), `index ${i}: ${g[i]} vs ${r[i]}`).toBe(true);
    } else if (Math.abs(g[i] - r[i]) > atol + rtol * Math.abs(r[i])) {
      expect.fail(`index ${i}: ${g[i]} vs ${r[i]}`);
    }
  }
}

describe.runIf(hasWasm)('wasm backend', () => {
  it('is available and selectable', () => {
    expect(availableBackends()).toEqual(['wasm', 'cpu']);
    expect(useBackend('wasm')).toBe('wasm');
    expect(getBackend().name).toBe('wasm');
    expect(useBackend('cpu')).toBe('cpu');
    expect(getBackend().name).toBe('cpu');
  });

  it.each([
    [64, 64, 64],
    [37, 19, 53],
    [1, 300, 70],
    [129, 257, 33],
    [300, 5, 300],
    [17, 600, 17],
  ])('matmul %i x %i x %i (plain and transposed operands)', (m, k, n) => {
    const a = tensor(rnd(m * k, 1), { shape: [m, k] });
    const b = tensor(rnd(k * n, 2), { shape: [k, n] });
    const bt = tensor(rnd(k * n, 2), { shape: [n, k] }).t();
    const at = tensor(rnd(m * k, 1), { shape: [k, m] }).t();
    const atol = 2e-6 * Math.sqrt(k);
    for (const [x, y] of [[a, b], [a, bt], [at, b], [at, bt]] as const) {
      const [ref, got] = both(() => matmul(x, y));
      expectClose(got, ref, 1e-5, atol);
    }
  });

  it('addmmRow (a linear layer: x @ w.t() + b) equals mm then add bit for bit, fused or not', () => {
    const x = tensor(rnd(37 * 300, 20), { shape: [37, 300] });
    const w = tensor(rnd(70 * 300, 21), { shape: [70, 300] });
    const b = tensor(rnd(70, 22), { shape: [70] });
    const x64 = x.double();
    const cases: Array<[() => Tensor, () => Tensor]> = [
      [() => addmmRow(x, w.t(), b), () => add(matmul(x, w.t()), b)],
      [() => addmmRow(x.t().t(), w.narrow(0, 0, 64).t(), b.narrow(0, 0, 64)), () => add(matmul(x, w.narrow(0, 0, 64).t()), b.narrow(0, 0, 64))],
      [() => addmmRow(x64, w.double().t(), b.double()), () => add(matmul(x64, w.double().t()), b.double())],
    ];
    for (const [fused, composed] of cases) {
      const [ref, got] = both(fused);
      const [refComposed, gotComposed] = both(composed);
      expect(Array.from(ref.toTypedArray())).toEqual(Array.from(refComposed.toTypedArray()));
      expect(Array.from(got.toTypedArray())).toEqual(Array.from(gotComposed.toTypedArray()));
    }
    // the wasm kernel takes it: the reference matmul never runs
    useBackend('wasm');
    const reference = vi.spyOn(cpuBackend, 'matmul');
    addmmRow(x, w.t(), b);
    expect(reference).not.toHaveBeenCalled();
    reference.mockRestore();
  });

  it('batched matmul with a broadcast batch dim', () => {
    const a = tensor(rnd(3 * 40 * 50, 3), { shape: [3, 40, 50] });
    const b = tensor(rnd(50 * 30, 4), { shape: [50, 30] });
    const [ref, got] = both(() => matmul(a, b));
    expectClose(got, ref, 1e-5, 2e-5);
  });

  it('strided float32 copies (transpose, permute, slices) are exact', () => {
    const x = tensor(rnd(30 * 17 * 3, 12), { shape: [30, 17, 3] });
    // plain transposes (the 4 x 4 shuffle path): several 16 x 16 tiles, ragged edges, under 4 wide
    const transposes = [[53, 37], [8, 12], [5, 3], [2, 70], [40, 33]].map(([r, c], i) => () => tensor(rnd(r * c, 30 + i), { shape: [r, c] }).t().contiguous());
    const cases = [
      () => x.select(2, 1).t().contiguous(), () => x.permute(2, 0, 1).contiguous(), () => x.slice(0, 2, 20, 3).clone(), () => x.transpose(0, 1).clone(),
      ...transposes,
    ];
    for (const f of cases) {
      const [ref, got] = both(f);
      expect(got.shape).toEqual(ref.shape);
      expect(Array.from(got.toTypedArray())).toEqual(Array.from(ref.toTypedArray()));
    }
  });

  it('compare with a scalar and where (relu backward) are exact, NaN included', () => {
    const x = tensor(Float32Array.from([...rnd(200, 13), NaN, -0, 0, Infinity, -Infinity, 0.5]), { shape: [206] });
    const g = tensor(rnd(206, 14), { shape: [206] });
    const cases = [
      () => x.le(0), () => x.lt(0.5), () => x.gt(-0.25), () => x.ge(0), () => x.eq(0.5), () => x.ne(0),
      () => where(x.le(0), 0, g), () => where(x.gt(0), g, x), () => where(x.gt(0), 1.5, -2), () => where(x.le(0.1), g, 0.1),
    ];
    for (const f of cases) {
      const [ref, got] = both(f);
      expect(got.dtype).toBe(ref.dtype);
      expect(Array.from(got.toTypedArray())).toEqual(Array.from(ref.toTypedArray()));
    }
  });

  it('thresholdBackward (relu backward) is one kernel, bit for bit with the composed ops, NaN and -0 included', () => {
    const x = tensor(Float32Array.from([...rnd(300, 18), NaN, -0, 0, Infinity, -Infinity, 0.25]), { shape: [2, 153] });
    const g = tensor(Float32Array.from([...rnd(300, 19), 1, 2, 3, NaN, 5, -0]), { shape: [2, 153] });
    for (const t of [0, 0.25, -0.5]) {
      const [ref, got] = both(() => thresholdBackward(g, x, t));
      expect(Array.from(got.toTypedArray())).toEqual(Array.from(where(x.le(t), 0, g).toTypedArray()));
      expect(Array.from(got.toTypedArray())).toEqual(Array.from(ref.toTypedArray()));
    }
    useBackend('wasm');
    const reference = vi.spyOn(cpuBackend, 'thresholdBackward');
    thresholdBackward(g, x, 0);
    expect(reference).not.toHaveBeenCalled();
    // float64: the reference kernel
    thresholdBackward(g.double(), x.double(), 0);
    expect(reference).toHaveBeenCalledTimes(1);
    reference.mockRestore();
  });

  it('float64 matmul runs the reference kernel (bit for bit)', () => {
    const a = tensor(Float64Array.from(rnd(64 * 64, 5)), { shape: [64, 64] });
    const [ref, got] = both(() => matmul(a, a));
    expect(Array.from(got.toTypedArray())).toEqual(Array.from(ref.toTypedArray()));
  });

  it('exp over every range, with inf, -inf and NaN', () => {
    const special = [0, 1, -1, 88, 88.7, 89, 100, -87, -88, -100, -104, NaN, Infinity, -Infinity, 1e-8, -1e-8];
    const x = tensor(Float32Array.from([...special, ...rnd(5000, 6, 90)]));
    const [ref, got] = both(() => exp(x));
    expectClose(got, ref, 2.5e-7, 0);
  });

  it('add, sub (any alpha), mul and relu: equal shapes and a broadcast row (bias), bit for bit', () => {
    const x = tensor(rnd(300 * 70, 7), { shape: [300, 70] });
    const y = tensor(rnd(300 * 70, 8), { shape: [300, 70] });
    const bias = tensor(rnd(70, 9), { shape: [70] });
    const cases = [
      () => add(x, y), () => mul(x, y), () => add(x, bias), () => add(bias, x), () => mul(x, bias),
      () => add(x, y, { alpha: -0.1 }), () => sub(x, y), () => sub(x, bias, { alpha: 3.7 }), () => relu(x),
      () => relu(tensor(Float32Array.from([-0, 0, NaN, -1, 2, -Infinity, Infinity, 1e-40, -1e-40]))),
    ];
    for (const f of cases) {
      const [ref, got] = both(f);
      expect(Array.from(got.toTypedArray())).toEqual(Array.from(ref.toTypedArray()));
    }
  });

  it('sums over leading dims (a bias gradient) are bit for bit, other reductions take the reference kernels', () => {
    const x = tensor(Float32Array.from([...rnd(128 * 45 - 4, 15, 1e3), NaN, Infinity, -Infinity, -0]), { shape: [128, 45] });
    const cube = tensor(rnd(6 * 7 * 33, 16), { shape: [6, 7, 33] });
    const cases = [
      () => sum(x, 0), () => sum(x, 0, true), () => sum(x.narrow(1, 0, 44), 0), () => sum(cube, [0, 1]), () => sum(cube, 0),
      () => sum(cube, [0, 2]), () => sum(x, 1), () => sum(x), () => mean(cube, 0),
      () => sum(tensor(rnd(8 * 5, 17), { shape: [8, 5], dtype: 'float64' }), 0), () => sum(tensor(new Float32Array(0), { shape: [0, 3] }), 0),
    ];
    for (const f of cases) {
      const [ref, got] = both(f);
      expect(got.shape).toEqual(ref.shape);
      expect(Array.from(got.toTypedArray())).toEqual(Array.from(ref.toTypedArray()));
    }
  });

  it('softmax and log-softmax along the last dim (and other dims through the reference kernel)', () => {
    const x = tensor(Float32Array.from([...rnd(64 * 33 - 4, 10, 30), -Infinity, 1e4, -1e4, NaN]), { shape: [64, 33] });
    for (const f of [() => softmax(x, 1), () => logSoftmax(x, 1), () => softmax(x, 0), () => logSoftmax(x, -1)]) {
      const [ref, got] = both(f);
      expectClose(got, ref, 1e-6, 1e-7);
    }
  });

  it('cross entropy rows: loss sum, kept rows and the scaled gradient', () => {
    const rows = 50;
    const cols = 13;
    const x = tensor(rnd(rows * cols, 11, 20), { shape: [rows, cols] });
    const targets = Array.from({ length: rows }, (_, i) => (i % 7 === 3 ? -100 : (i * 5) % cols));
    const t = tensor(Float64Array.from(targets), { shape: [rows], dtype: 'int64' });
    useBackend('wasm');
    const r = getBackend().crossEntropyRows(x, t, -100, true, 0.5);
    const lossOnly = getBackend().crossEntropyRows(x, t, -100, false, 0.5);
    useBackend('cpu');
    expect(r).toBeDefined();
    expect(r?.grad?.length).toBe(rows * cols);
    expect(lossOnly?.grad).toBeNull();
    expect(lossOnly?.lossSum).toBe(r?.lossSum);
    const ls = logSoftmax(x, 1).toTypedArray();
    const p = softmax(x, 1).toTypedArray();
    let sum = 0;
    let kept = 0;
    const g = r?.grad ?? new Float32Array(0);
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < cols; c++) {
        const want = targets[i] === -100 ? 0 : 0.5 * (p[i * cols + c] - (c === targets[i] ? 1 : 0));
        expect(Math.abs(g[i * cols + c] - want)).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-8);
      }
      if (targets[i] === -100) continue;
      kept++;
      sum -= ls[i * cols + targets[i]];
    }
    expect(r?.kept).toBe(kept);
    expect(Math.abs((r?.lossSum ?? NaN) - sum)).toBeLessThanOrEqual(1e-5 * Math.abs(sum));
  });

  it('falls back to the reference kernels when its memory cannot hold the operands', () => {
    const a = tensor(rnd(40 * 30, 21), { shape: [40, 30] });
    const b = tensor(rnd(30 * 20, 22), { shape: [30, 20] });
    const t = tensor(Float64Array.from({ length: 40 }, (_, i) => i % 30), { shape: [40], dtype: 'int64' });
    const ops = [() => matmul(a, b), () => exp(a), () => add(a, a), () => softmax(a, 1)];
    useBackend('cpu');
    const refs = ops.map((f) => Array.from(f().toTypedArray()));
    useBackend('wasm');
    const kernels = loadKernelsSync();
    kernels.limitBytes = 1024; // below any of these calls' operands
    try {
      expect(ops.map((f) => Array.from(f().toTypedArray()))).toEqual(refs);
      // the reference row kernel's result, bit for bit
      expect(getBackend().crossEntropyRows(a, t, -100, true, 1)).toEqual(cpuBackend.crossEntropyRows(a, t, -100, true, 1));
    } finally {
      kernels.limitBytes = Infinity;
    }
    // and the wasm kernels again once there is room
    const reference = vi.spyOn(cpuBackend, 'crossEntropyRows');
    expect(getBackend().crossEntropyRows(a, t, -100, true, 1).grad).toBeInstanceOf(Float32Array);
    expect(reference).not.toHaveBeenCalled();
    reference.mockRestore();
  });

  it("sizes the matmul kernel's packed B in doubles, as the kernel does below 2^31 bytes", () => {
    const kernels = loadKernelsSync().local();
    for (const k of [0, 1, 7, 255, 256, 257, 1000]) {
      for (const n of [0, 1, 15, 16, 17, 100, 513]) {
        expect(packedBBytes(k, n)).toBe(kernels.exports.packedBBytes(k, n));
        expect(matmulScratchBytes(k, n)).toBe(kernels.exports.matmulScratchBytes(k, n));
      }
    }
    // the kernel's i32 figure for a 2^26 x 2 B (512 MB) wraps past 2^32 to 64 bytes; ours stays exact
    expect(kernels.exports.packedBBytes(2 ** 26, 2)).toBe(64);
    expect(packedBBytes(2 ** 26, 2)).toBe(2 ** 32 + 64);
  });

  it('a matmul whose packed B passes 2^31 bytes runs the reference kernel, not a trap ("memory access out of bounds")', () => {
    // [1, 2^26] @ [2^26, 2]: 1 GiB of operands as PyTorch would hold them, here stride-0 views of a
    // few values (the arena copies only their span), so the test allocates kilobytes; the kernel's
    // packed copy of B would be 4 GiB, a size its i32 arithmetic wrapped to 64 bytes
    const k = 2 ** 26;
    const a = tensor([0.5], { shape: [1, 1], dtype: 'float32' }).expand(1, k);
    const b = tensor([1, -3], { shape: [1, 2], dtype: 'float32' }).expand(k, 2);
    useBackend('cpu');
    const ref = Array.from(matmul(a, b).toTypedArray());
    // the reference kernel's sums (a float32 accumulation, the wasm kernel's, would stall at 2^24)
    expect(ref).toEqual([k / 2, (-3 * k) / 2]);
    useBackend('wasm');
    expect(Array.from(matmul(a, b).toTypedArray())).toEqual(ref);
  });

  it('sizes the arena in plain arithmetic (a request past 2^31 bytes is refused, not wrapped)', () => {
    useBackend('wasm');
    const kernels = loadKernelsSync();
    kernels.limitBytes = 2 ** 30;
    try {
      kernels.reset();
      expect(() => kernels.alloc(3e9)).toThrow(/cannot grow to/);
    } finally {
      kernels.limitBytes = Infinity;
    }
  });
});
