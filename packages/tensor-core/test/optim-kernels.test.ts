// The fused optimizer updates (sgdUpdate_, adamUpdate_) against the same steps composed of in-place
// ops, as @torchlet/optim's rules composed them (torch.optim's single-tensor updates): the same bits
// in float32 and float64, for every option combination, over contiguous and strided params, grads
// and state, on the reference backend and on the wasm backend. A plain per-element loop checks the
// composed reference itself.
import { afterEach, describe, expect, it } from 'vitest';
import { cpuBackend, getBackend, tensor, useBackend, wasmFeatures, zeros, type DType, type Tensor } from '@torchlet/tensor-core';
import { adamUpdate_, castScalar, coreOps as ops, sgdUpdate_, storageVersion, type AdamUpdateOptions, type SgdUpdateOptions } from '../src/internal.js';
import { expectClose, gappy, mk, read, transposed } from './compute-helpers.js';

// every size takes the wasm kernels in the composed steps too (set before any kernel runs)
process.env.TORCHLET_WASM_THRESHOLDS = '0';

const BACKENDS = wasmFeatures() === 'none' ? (['cpu'] as const) : (['cpu', 'wasm'] as const);
const DTYPES: DType[] = ['float32', 'float64'];
const STEPS = 4;

afterEach(() => {
  useBackend('cpu');
});

/** Deterministic values of mixed magnitudes (1e-3 .. 1e3), with exact zeros and negative zeros. */
function values(n: number, seed: number): number[] {
  let s = seed >>> 0;
  const next = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return Array.from({ length: n }, () => {
    const u = next();
    if (u < 0.03) return 0;
    if (u < 0.06) return -0;
    return (next() * 2 - 1) * 10 ** Math.floor(next() * 7 - 3);
  });
}

/** Non-negative values (a second moment). */
const squares = (n: number, seed: number): number[] => values(n, seed).map((v) => v * v);

type Layout = 'contiguous' | 'transposed' | 'gappy';

/** A [rows, cols] tensor with logical values `v` in the given memory layout. */
function make(v: number[], rows: number, cols: number, dtype: DType, layout: Layout): Tensor {
  if (layout === 'transposed') return transposed(v, rows, cols, dtype);
  if (layout === 'gappy') return gappy(v, [rows, cols], dtype);
  return mk(v, [rows, cols], dtype);
}

/** Exact equality of the logical values (Object.is: +0 and -0 differ, NaN equals NaN). */
function expectSameBits(actual: Tensor, expected: Tensor, what: string): void {
  const a = read(actual);
  const e = read(expected);
  expect(a.length, what).toBe(e.length);
  const bad = a.findIndex((x, i) => !Object.is(x, e[i]));
  if (bad >= 0) expect.fail(`${what}: index ${bad}: fused ${a[bad]} vs composed ${e[bad]}`);
}

interface SgdCase extends Required<SgdUpdateOptions> {}

/** SGD composed of ops, as @torchlet/optim's rules/sgd.ts (torch.optim.sgd._single_tensor_sgd). */
function composedSgd(param: Tensor, grad: Tensor, state: { buf: Tensor | null }, o: SgdCase): void {
  let d = o.maximize ? ops.neg(grad) : grad;
  if (o.weightDecay !== 0) d = ops.add(d, param, { alpha: o.weightDecay });
  if (o.momentum !== 0) {
    let buf = state.buf;
    if (buf === null) {
      buf = ops.clone(d);
      state.buf = buf;
    } else {
      ops.add_(ops.mul_(buf, o.momentum), d, { alpha: 1 - o.dampening });
    }
    d = o.nesterov ? ops.add(d, buf, { alpha: o.momentum }) : buf;
  }
  ops.add_(param, d, { alpha: -o.lr });
}

interface AdamCase {
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  decoupledWeightDecay: boolean;
  amsgrad: boolean;
  maximize: boolean;
}

interface AdamTensors {
  expAvg: Tensor;
  expAvgSq: Tensor;
  maxExpAvgSq: Tensor | null;
}

/** Adam composed of ops, as @torchlet/optim's rules/adam.ts (torch.optim.adam / adamw). */
function composedAdam(param: Tensor, grad: Tensor, s: AdamTensors, step: number, o: AdamCase): void {
  const [beta1, beta2] = o.betas;
  let g = o.maximize ? ops.neg(grad) : grad;
  if (o.weightDecay !== 0) {
    if (o.decoupledWeightDecay) ops.mul_(param, 1 - o.lr * o.weightDecay);
    else g = ops.add(g, param, { alpha: o.weightDecay });
  }
  ops.add_(ops.mul_(s.expAvg, beta1), g, { alpha: 1 - beta1 });
  ops.addcmul_(ops.mul_(s.expAvgSq, beta2), g, g, 1 - beta2);
  const bc1 = 1 - beta1 ** step;
  const bc2 = 1 - beta2 ** step;
  let v = s.expAvgSq;
  if (o.amsgrad && s.maxExpAvgSq !== null) v = ops.maximum_(s.maxExpAvgSq, s.expAvgSq);
  const denom = ops.add_(ops.div_(ops.sqrt(v), Math.sqrt(bc2)), o.eps);
  ops.addcdiv_(param, s.expAvg, denom, -(o.lr / bc1));
}

function* sgdCases(): Generator<SgdCase> {
  for (const momentum of [0, 0.9])
    for (const dampening of [0, 0.3])
      for (const nesterov of [false, true])
        for (const weightDecay of [0, 0.05])
          for (const maximize of [false, true]) yield { lr: 0.0123, momentum, dampening, nesterov, weightDecay, maximize };
}

function* adamCases(): Generator<AdamCase> {
  for (const [betas, eps, lr] of [
    [[0.9, 0.999], 1e-8, 1e-3],
    [[0.85, 0.995], 1e-6, 0.0173],
  ] as Array<[[number, number], number, number]>)
    for (const weightDecay of [0, 0.1])
      for (const decoupledWeightDecay of [false, true])
        for (const amsgrad of [false, true])
          for (const maximize of [false, true]) yield { lr, betas, eps, weightDecay, decoupledWeightDecay, amsgrad, maximize };
}

/** Layouts of (param, grad, state): contiguous, and strided in different ways. */
const LAYOUTS: Array<[Layout, Layout, Layout]> = [
  ['contiguous', 'contiguous', 'contiguous'],
  ['transposed', 'gappy', 'gappy'],
  ['gappy', 'transposed', 'transposed'],
];
const SHAPES: Array<[number, number]> = [
  [7, 5],
  [40, 33],
];

describe('sgdUpdate_ is bit for bit the composed SGD step', () => {
  for (const backend of BACKENDS)
    for (const dtype of DTYPES)
      for (const [pl, gl, sl] of LAYOUTS) {
        it(`${backend} ${dtype}: param ${pl}, grad ${gl}, momentum buffer ${sl}`, () => {
          useBackend(backend);
          let seed = 1;
          for (const [rows, cols] of SHAPES)
            for (const o of sgdCases()) {
              const what = `[${rows}, ${cols}] ${JSON.stringify(o)}`;
              const p0 = values(rows * cols, seed++);
              const fused = make(p0, rows, cols, dtype, pl);
              const composed = make(p0, rows, cols, dtype, pl);
              const state: { buf: Tensor | null } = { buf: null };
              let buf: Tensor | null = null;
              for (let step = 1; step <= STEPS; step++) {
                const g = values(rows * cols, seed++);
                composedSgd(composed, make(g, rows, cols, dtype, gl), state, o);
                buf = sgdUpdate_(fused, make(g, rows, cols, dtype, gl), buf, o);
                expectSameBits(fused, composed, `${what} step ${step}: param`);
                if (o.momentum === 0) {
                  expect(buf).toBeNull();
                } else {
                  expectSameBits(buf as Tensor, state.buf as Tensor, `${what} step ${step}: momentum buffer`);
                  // continue from a strided copy of the buffer in the state layout
                  if (step === 1) buf = make(read(buf as Tensor), rows, cols, dtype, sl);
                }
              }
            }
          expect(getBackend().name).toBe(backend);
        });
      }
});

describe('adamUpdate_ is bit for bit the composed Adam / AdamW step', () => {
  for (const backend of BACKENDS)
    for (const dtype of DTYPES)
      for (const [pl, gl, sl] of LAYOUTS) {
        it(`${backend} ${dtype}: param ${pl}, grad ${gl}, state ${sl}`, () => {
          useBackend(backend);
          let seed = 1000;
          for (const [rows, cols] of SHAPES)
            for (const o of adamCases()) {
              const what = `[${rows}, ${cols}] ${JSON.stringify(o)}`;
              const n = rows * cols;
              const p0 = values(n, seed++);
              // start from a nonzero state (as after some steps), the same values on both sides
              const m0 = values(n, seed++);
              const v0 = squares(n, seed++);
              const x0 = v0.map((v, i) => (i % 2 === 0 ? v : 2 * v));
              const state = (): AdamTensors => ({
                expAvg: make(m0, rows, cols, dtype, sl),
                expAvgSq: make(v0, rows, cols, dtype, sl),
                maxExpAvgSq: o.amsgrad ? make(x0, rows, cols, dtype, sl) : null,
              });
              const fused = make(p0, rows, cols, dtype, pl);
              const composed = make(p0, rows, cols, dtype, pl);
              const fs = state();
              const cs = state();
              for (let step = 1; step <= STEPS; step++) {
                const g = values(n, seed++);
                composedAdam(composed, make(g, rows, cols, dtype, gl), cs, step, o);
                adamUpdate_(fused, make(g, rows, cols, dtype, gl), fs.expAvg, fs.expAvgSq, fs.maxExpAvgSq, { ...o, step });
                expectSameBits(fused, composed, `${what} step ${step}: param`);
                expectSameBits(fs.expAvg, cs.expAvg, `${what} step ${step}: expAvg`);
                expectSameBits(fs.expAvgSq, cs.expAvgSq, `${what} step ${step}: expAvgSq`);
                if (o.amsgrad) expectSameBits(fs.maxExpAvgSq as Tensor, cs.maxExpAvgSq as Tensor, `${what} step ${step}: maxExpAvgSq`);
              }
            }
        });
      }
});

describe('the reference sgdUpdate kernel without momentum or weight decay', () => {
  // (sgdUpdate_ sends plain SGD to the backend's add kernel; the sgdUpdate kernel takes it too)
  for (const dtype of DTYPES)
    for (const layout of ['contiguous', 'transposed'] as const) {
      it(`${dtype} ${layout}: bit for bit the composed step`, () => {
        for (const maximize of [false, true]) {
          const o = { lr: 0.0123, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize };
          const p0 = values(35, maximize ? 5 : 6);
          const fused = make(p0, 7, 5, dtype, layout);
          const composed = make(p0, 7, 5, dtype, layout);
          for (let step = 1; step <= 3; step++) {
            const g = make(values(35, 10 + step), 7, 5, dtype, 'gappy');
            composedSgd(composed, g, { buf: null }, o);
            const kernel = { negLr: castScalar(-o.lr, dtype), weightDecay: null, momentum: 0, oneMinusDampening: 1, nesterov: false, maximize, firstStep: false };
            cpuBackend.sgdUpdate(fused, g, null, kernel);
            expectSameBits(fused, composed, `maximize ${maximize} step ${step}`);
          }
        }
      });
    }
});

describe('special values', () => {
  for (const dtype of DTYPES) {
    it(`${dtype}: inf and NaN gradients, huge and tiny values propagate as in the composed step`, () => {
      const p0 = [1, -2, 0, -0, 3e38, -1e-30, 5, 1e-45, Infinity, 0.5];
      const g = [Infinity, -Infinity, NaN, 0, 1e30, -1e-40, -0, 3e38, 1, NaN];
      for (const o of sgdCases()) {
        const fused = tensor(p0, { dtype });
        const composed = tensor(p0, { dtype });
        const state: { buf: Tensor | null } = { buf: null };
        let buf: Tensor | null = null;
        for (let step = 1; step <= 2; step++) {
          composedSgd(composed, tensor(g, { dtype }), state, o);
          buf = sgdUpdate_(fused, tensor(g, { dtype }), buf, o);
          expectSameBits(fused, composed, `${JSON.stringify(o)} step ${step}`);
        }
      }
      for (const o of adamCases()) {
        const fused = tensor(p0, { dtype });
        const composed = tensor(p0, { dtype });
        const fs: AdamTensors = { expAvg: zeros([10], { dtype }), expAvgSq: zeros([10], { dtype }), maxExpAvgSq: o.amsgrad ? zeros([10], { dtype }) : null };
        const cs: AdamTensors = { expAvg: zeros([10], { dtype }), expAvgSq: zeros([10], { dtype }), maxExpAvgSq: o.amsgrad ? zeros([10], { dtype }) : null };
        for (let step = 1; step <= 2; step++) {
          composedAdam(composed, tensor(g, { dtype }), cs, step, o);
          adamUpdate_(fused, tensor(g, { dtype }), fs.expAvg, fs.expAvgSq, fs.maxExpAvgSq, { ...o, step });
          expectSameBits(fused, composed, `${JSON.stringify(o)} step ${step}: param`);
          expectSameBits(fs.expAvgSq, cs.expAvgSq, `${JSON.stringify(o)} step ${step}: expAvgSq`);
        }
      }
    });
  }

  it('0-d and empty params', () => {
    for (const shape of [[], [0], [0, 3]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const p = zeros(shape, { dtype: 'float64' });
      const c = zeros(shape, { dtype: 'float64' });
      ops.fill_(p, 2);
      ops.fill_(c, 2);
      const g = ops.fill_(zeros(shape, { dtype: 'float64' }), 0.5);
      const o = { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0.01, nesterov: true, maximize: false };
      const buf = sgdUpdate_(p, g, null, o);
      composedSgd(c, g, { buf: null }, o);
      expect(buf?.shape).toEqual(shape);
      expect(read(p).length).toBe(n);
      expectSameBits(p, c, `shape [${shape.join(', ')}]`);
    }
  });
});

describe('against the update formulas per element (float64)', () => {
  it('SGD with momentum, dampening, weight decay and Nesterov', () => {
    const n = 6;
    const p0 = values(n, 7);
    const x = [...p0];
    const p = tensor(p0, { dtype: 'float64' });
    const o = { lr: 0.05, momentum: 0.8, dampening: 0.1, weightDecay: 0.02, nesterov: true, maximize: true };
    let buf: Tensor | null = null;
    let b: number[] | null = null;
    for (let step = 0; step < 3; step++) {
      const g = values(n, 100 + step);
      buf = sgdUpdate_(p, tensor(g, { dtype: 'float64' }), buf, o);
      const d = g.map((gi, i) => -gi + o.weightDecay * x[i]);
      const bb: number[] = b === null ? [...d] : b.map((bi, i) => o.momentum * bi + (1 - o.dampening) * d[i]);
      b = bb;
      d.forEach((di, i) => (x[i] -= o.lr * (di + o.momentum * bb[i])));
      expectClose(read(p), x, 1e-12, 1e-300);
    }
  });

  it('Adam with amsgrad and L2 weight decay, and AdamW', () => {
    for (const decoupled of [false, true]) {
      const n = 6;
      const p0 = values(n, 9);
      const x = [...p0];
      const m = new Array<number>(n).fill(0);
      const v = new Array<number>(n).fill(0);
      const vmax = new Array<number>(n).fill(0);
      const p = tensor(p0, { dtype: 'float64' });
      const st = { expAvg: zeros([n], { dtype: 'float64' }), expAvgSq: zeros([n], { dtype: 'float64' }), vmax: zeros([n], { dtype: 'float64' }) };
      const o: AdamUpdateOptions = { lr: 0.01, betas: [0.9, 0.99], eps: 1e-6, weightDecay: 0.1, decoupledWeightDecay: decoupled, maximize: false, step: 0 };
      for (let t = 1; t <= 3; t++) {
        const g = values(n, 200 + t);
        adamUpdate_(p, tensor(g, { dtype: 'float64' }), st.expAvg, st.expAvgSq, st.vmax, { ...o, step: t });
        for (let i = 0; i < n; i++) {
          let gi = g[i];
          if (decoupled) x[i] *= 1 - o.lr * 0.1;
          else gi += 0.1 * x[i];
          m[i] = 0.9 * m[i] + 0.1 * gi;
          v[i] = 0.99 * v[i] + 0.01 * gi * gi;
          vmax[i] = Math.max(vmax[i], v[i]);
          // x -= lr / (1 - b1^t) * m / (sqrt(vmax) / sqrt(1 - b2^t) + eps)
          x[i] -= ((o.lr / (1 - 0.9 ** t)) * m[i]) / (Math.sqrt(vmax[i]) / Math.sqrt(1 - 0.99 ** t) + o.eps);
        }
        expectClose(read(p), x, 1e-12, 1e-300);
      }
    }
  });
});

describe('the ops', () => {
  const f64 = (v: number[]): Tensor => tensor(v, { dtype: 'float64' });
  const sgd = { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };
  const adam = { lr: 0.1, betas: [0.9, 0.999] as const, eps: 1e-8, step: 1 };

  it('return the momentum buffer: a new one on the first step, the given one after, none without momentum', () => {
    const p = f64([1, 2]);
    const b1 = sgdUpdate_(p, f64([1, 1]), null, sgd);
    expect(b1).not.toBeNull();
    expect(read(b1 as Tensor)).toEqual([1, 1]);
    const b2 = sgdUpdate_(p, f64([1, 1]), b1, sgd);
    expect(b2).toBe(b1);
    expect(sgdUpdate_(p, f64([1, 1]), null, { lr: 0.1 })).toBeNull();
    // momentum 0 leaves a given buffer alone and returns it
    const keep = f64([5, 5]);
    expect(sgdUpdate_(p, f64([1, 1]), keep, { lr: 0.1 })).toBe(keep);
    expect(read(keep)).toEqual([5, 5]);
  });

  it('bump the storage version of every tensor they write, not of the gradient', () => {
    const p = f64([1, 2]);
    const g = f64([1, 1]);
    const buf = f64([0, 0]);
    const [vp, vg, vb] = [storageVersion(p), storageVersion(g), storageVersion(buf)];
    sgdUpdate_(p, g, buf, sgd);
    expect(storageVersion(p)).toBeGreaterThan(vp);
    expect(storageVersion(buf)).toBeGreaterThan(vb);
    expect(storageVersion(g)).toBe(vg);
    const m = f64([0, 0]);
    const v = f64([0, 0]);
    const vmax = f64([0, 0]);
    const before = [p, m, v, vmax].map(storageVersion);
    adamUpdate_(p, g, m, v, vmax, adam);
    [p, m, v, vmax].forEach((t, i) => expect(storageVersion(t)).toBeGreaterThan(before[i]));
    expect(storageVersion(g)).toBe(vg);
  });

  it('read a gradient that shares memory with the param as it was before the step (as the composed ops)', () => {
    for (const dtype of DTYPES) {
      const v = values(9, 3);
      // grad = param itself, and grad = a transposed view of param's storage
      for (const gradOf of [(t: Tensor) => t, (t: Tensor) => ops.t(t)]) {
        const fused = tensor(v, { dtype }).reshape([3, 3]);
        const composed = tensor(v, { dtype }).reshape([3, 3]);
        const o = { ...sgd, weightDecay: 0.1, nesterov: true };
        const buf = sgdUpdate_(fused, gradOf(fused), null, o);
        const state: { buf: Tensor | null } = { buf: null };
        composedSgd(composed, gradOf(composed), state, o);
        expectSameBits(fused, composed, `${dtype} sgd param`);
        expectSameBits(buf as Tensor, state.buf as Tensor, `${dtype} sgd buffer`);
        const st = (): AdamTensors => ({ expAvg: zeros([3, 3], { dtype }), expAvgSq: zeros([3, 3], { dtype }), maxExpAvgSq: null });
        for (const decoupledWeightDecay of [false, true])
          for (const maximize of [false, true]) {
            const af = tensor(v, { dtype }).reshape([3, 3]);
            const ac = tensor(v, { dtype }).reshape([3, 3]);
            const fs = st();
            const cs = st();
            const ao: AdamCase = { lr: 0.01, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.1, decoupledWeightDecay, amsgrad: false, maximize };
            adamUpdate_(af, gradOf(af), fs.expAvg, fs.expAvgSq, null, { ...ao, step: 1 });
            composedAdam(ac, gradOf(ac), cs, 1, ao);
            expectSameBits(af, ac, `${dtype} adam ${JSON.stringify(ao)} param`);
            expectSameBits(fs.expAvg, cs.expAvg, `${dtype} adam ${JSON.stringify(ao)} expAvg`);
          }
      }
    }
  });

  it('check dtypes, shapes and memory, naming the argument', () => {
    const p = f64([1, 2]);
    const g = f64([1, 1]);
    expect(() => sgdUpdate_(p, tensor([1, 1], { dtype: 'float32' }), null, sgd)).toThrow("sgdUpdate_(): argument 'grad' expected dtype float64 (param's dtype)");
    expect(() => sgdUpdate_(p, f64([1, 1, 1]), null, sgd)).toThrow(/argument 'grad' expected shape \[2\]/);
    expect(() => sgdUpdate_(tensor([1, 2], { dtype: 'int64' }), tensor([1, 1], { dtype: 'int64' }), null, sgd)).toThrow(/argument 'param' expected a floating point tensor/);
    expect(() => sgdUpdate_(p, g, f64([0]), sgd)).toThrow(/argument 'momentumBuffer' expected shape \[2\]/);
    expect(() => sgdUpdate_(p, g, p, sgd)).toThrow(/argument 'momentumBuffer' expected a tensor that shares no memory with param/);
    expect(() => sgdUpdate_(ops.expand(f64([1]), [2]), g, null, sgd)).toThrow(/argument 'param' expected a tensor whose elements occupy distinct memory/);
    expect(() => sgdUpdate_(p, g, null, { ...sgd, lr: '0.1' as unknown as number })).toThrow(/argument 'lr' expected a number/);
    const m = f64([0, 0]);
    expect(() => adamUpdate_(p, g, m, tensor([0, 0], { dtype: 'float32' }), null, adam)).toThrow(/argument 'expAvgSq' expected dtype float64/);
    expect(() => adamUpdate_(p, g, m, m, null, adam)).toThrow(/argument 'expAvgSq' expected a tensor that shares no memory with expAvg/);
    expect(() => adamUpdate_(p, m, m, f64([0, 0]), null, adam)).toThrow(/argument 'grad' expected a tensor that shares no memory with expAvg/);
    expect(() => sgdUpdate_(p, ops.narrow(f64([1, 2, 3]), 0, 1, 2), ops.narrow(f64([1, 2, 3]), 0, 0, 2), sgd)).not.toThrow();
    const shared = f64([1, 2, 3]);
    const before = read(p);
    expect(() => sgdUpdate_(p, ops.narrow(shared, 0, 1, 2), ops.narrow(shared, 0, 0, 2), sgd)).toThrow(/argument 'grad' expected a tensor that shares no memory with momentumBuffer/);
    // AdamW refuses before it decays anything
    expect(() => adamUpdate_(p, p, m, m, null, { ...adam, weightDecay: 0.1, decoupledWeightDecay: true })).toThrow(/shares no memory/);
    expect(read(p)).toEqual(before);
    // two halves of one storage do not overlap: accepted
    const both = f64([0, 0, 0, 0]);
    expect(() => adamUpdate_(p, g, ops.narrow(both, 0, 0, 2), ops.narrow(both, 0, 2, 2), null, adam)).not.toThrow();
    expect(() => adamUpdate_(p, g, m, f64([0, 0]), null, { ...adam, step: 0 })).toThrow(/argument 'step' expected an integer >= 1/);
  });
});
