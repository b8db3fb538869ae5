// The loss kernels (Backend.crossEntropyForward / crossEntropyBackward / crossEntropyRows) through
// their ops, against independent references: the loss composed from other ops (logSoftmax, gather,
// where, sum), central finite differences of that composition for the gradients; the wasm backend's
// row kernel against the reference kernel (float32 tolerance), its fallbacks bit for bit.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DTypeError,
  IndexError,
  ShapeError,
  Tensor,
  TorchletError,
  ValueError,
  cpuBackend,
  getBackend,
  setBackend,
  useBackend,
  wasmFeatures,
  type DType,
} from '@torchlet/tensor-core';
import { crossEntropyBackward, crossEntropyForward, crossEntropyRows, type CrossEntropyArgs } from '../src/internal.js';
import { loadKernelsSync } from '../src/backend/wasm/runtime.js';
import { gappy, mk, randomValues, read, strided, transposed } from './compute-helpers.js';

afterEach(() => {
  useBackend('cpu');
});

type Reduction = CrossEntropyArgs['reduction'];
const REDUCTIONS: Reduction[] = ['none', 'mean', 'sum'];

function args(o: Partial<CrossEntropyArgs> = {}): CrossEntropyArgs {
  return { weight: null, ignoreIndex: -100, labelSmoothing: 0, reduction: 'mean', ...o };
}

/** Deterministic class indices in [0, c) (and `ignoreIndex` at every 5th position, when given). */
function indices(shape: number[], c: number, seed: number, ignoreIndex?: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = randomValues(n, seed, 0, c).map((x, i) => (ignoreIndex !== undefined && i % 5 === 2 ? ignoreIndex : Math.floor(x)));
  return mk(v, shape, 'int64');
}

/** Rows of class probabilities (softmax of random values along dim 1). */
function probabilities(shape: number[], seed: number, dtype: DType = 'float64'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const p = mk(randomValues(n, seed, -2, 2), shape, 'float64').softmax(shape.length === 1 ? 0 : 1);
  return p.to(dtype);
}

/**
 * The reference: cross entropy composed from other ops, following PyTorch's definition.
 * class y: (1 - e) (-w_y log p_y) + (e / C) (-sum_c w_c log p_c), 0 where ignored, 'mean' over the
 * kept w_y; probabilities: -sum_c w_c ((1 - e) q_c + e / C) log p_c, 'mean' over the positions.
 */
function composed(x: Tensor, t: Tensor, a: CrossEntropyArgs): Tensor {
  const classDim = x.ndim === 1 ? 0 : 1;
  const c = x.shape[classDim];
  const e = a.labelSmoothing;
  const logp = x.logSoftmax(classDim);
  const w = a.weight === null ? null : a.weight.to(x.dtype).reshape(x.shape.map((d, i) => (i === classDim ? d : 1)));
  const wlogp = w === null ? logp : logp.mul(w);
  if (t.dtype !== 'int64') {
    const q = t.to(x.dtype).mul(1 - e).add(e / c);
    const per = wlogp.mul(q).sum(classDim).neg();
    if (a.reduction === 'none') return per;
    return a.reduction === 'sum' ? per.sum() : per.sum().div(per.numel());
  }
  const kept = t.ne(a.ignoreIndex);
  const safe = t.where(kept, 0);
  const nll = wlogp.gather(classDim, safe.unsqueeze(classDim)).squeeze(classDim).neg();
  // the smoothing term only where there is one (0 * inf would be NaN)
  const per = (e === 0 ? nll : nll.mul(1 - e).add(wlogp.sum(classDim).neg().mul(e / c))).where(kept, 0);
  if (a.reduction === 'none') return per;
  if (a.reduction === 'sum') return per.sum();
  const wy = a.weight === null ? kept.to(x.dtype) : a.weight.to(x.dtype).gather(0, safe.flatten()).reshape([...t.shape]).where(kept, 0);
  return per.sum().div(wy.sum());
}

/** |got - want| <= atol + rtol |want| elementwise; non-finite values must match exactly. */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, rtol: number, atol: number): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i], want[i]];
    if (!Number.isFinite(w) || !Number.isFinite(g)) {
      expect(Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w)), `index ${i}: ${g} vs ${w}`).toBe(true);
    } else if (Math.abs(g - w) > atol + rtol * Math.abs(w)) {
      expect.fail(`index ${i}: ${g} vs ${w}`);
    }
  }
}

/** d/dv of f at v by central differences, for each element of v (a float64 copy). */
function finiteDifferences(v: Tensor, f: (v: Tensor) => number, h = 1e-6): number[] {
  const values = read(v);
  return values.map((_, i) => {
    const plus = values.slice();
    const minus = values.slice();
    plus[i] += h;
    minus[i] -= h;
    return (f(mk(plus, [...v.shape], 'float64')) - f(mk(minus, [...v.shape], 'float64'))) / (2 * h);
  });
}

/** sum(upstream * loss) as a number: what the gradient is the derivative of. */
function weightedSum(loss: Tensor, upstream: Tensor): number {
  return loss.mul(upstream).sum().item();
}

describe('crossEntropyForward / crossEntropyBackward (the reference kernels)', () => {
  const w = mk(randomValues(5, 3, 0.2, 1.5), [5], 'float64');
  const variants: [string, Partial<CrossEntropyArgs>][] = [
    ['plain', {}],
    ['weight', { weight: w }],
    ['ignoreIndex', { ignoreIndex: 3 }],
    ['weight + ignoreIndex', { weight: w, ignoreIndex: 0 }],
    ['labelSmoothing', { labelSmoothing: 0.2 }],
    ['labelSmoothing + weight + ignoreIndex', { labelSmoothing: 0.3, weight: w, ignoreIndex: 2 }],
  ];
  const shapes = [[5], [6, 5], [3, 5, 4], [2, 5, 2, 3]];
  for (const [name, o] of variants) {
    for (const reduction of REDUCTIONS) {
      for (const shape of shapes) {
        it(`class indices, ${name}, ${reduction}, input ${JSON.stringify(shape)}`, () => {
          const x = mk(randomValues(shape.reduce((a, b) => a * b, 1), 11, -3, 3), shape, 'float64');
          const tShape = shape.length === 1 ? [] : [shape[0], ...shape.slice(2)];
          const ignore = o.ignoreIndex;
          const t = indices(tShape, 5, 12, ignore);
          const a = args({ ...o, reduction });
          const fwd = crossEntropyForward(x, t, a, true);
          const want = composed(x, t, a);
          expect(fwd.loss.shape).toEqual(want.shape);
          expect(fwd.loss.dtype).toBe('float64');
          expectClose(read(fwd.loss), read(want), 1e-12, 1e-13);
          const upstream = mk(randomValues(Math.max(1, want.numel()), 13, -1, 1), [...want.shape], 'float64');
          const grads = crossEntropyBackward(fwd, upstream, true, false);
          expect(grads.target).toBeNull();
          const fd = finiteDifferences(x, (v) => weightedSum(composed(v, t, a), upstream));
          expectClose(read(grads.input as Tensor), fd, 1e-6, 1e-8);
        });
      }
    }
  }

  for (const reduction of REDUCTIONS) {
    for (const [name, o] of [['plain', {}], ['weight + labelSmoothing', { weight: w, labelSmoothing: 0.25 }]] as const) {
      it(`probability targets, ${name}, ${reduction}: gradients for input and target`, () => {
        const x = mk(randomValues(4 * 5 * 3, 21, -3, 3), [4, 5, 3], 'float64');
        const q = probabilities([4, 5, 3], 22);
        const a = args({ ...o, reduction });
        const fwd = crossEntropyForward(x, q, a, true);
        const want = composed(x, q, a);
        expectClose(read(fwd.loss), read(want), 1e-12, 1e-13);
        expect(fwd.denominator).toBe(12);
        const upstream = mk(randomValues(Math.max(1, want.numel()), 23, -1, 1), [...want.shape], 'float64');
        const grads = crossEntropyBackward(fwd, upstream, true, true);
        expectClose(read(grads.input as Tensor), finiteDifferences(x, (v) => weightedSum(composed(v, q, a), upstream)), 1e-6, 1e-8);
        expectClose(read(grads.target as Tensor), finiteDifferences(q, (v) => weightedSum(composed(x, v, a), upstream)), 1e-6, 1e-8);
        // only what is asked for
        const targetOnly = crossEntropyBackward(fwd, upstream, false, true);
        expect(targetOnly.input).toBeNull();
        expect(read(targetOnly.target as Tensor)).toEqual(read(grads.target as Tensor));
      });
    }
  }

  it('the mean denominator: the kept targets\' weights, NaN when every target is ignored (as PyTorch)', () => {
    const x = mk(randomValues(12, 31, -2, 2), [4, 3], 'float64');
    const t = mk([0, -100, 2, 1], [4], 'int64');
    const w = mk([0.5, 2, 4], [3], 'float64');
    expect(crossEntropyForward(x, t, args({ weight: w })).denominator).toBe(0.5 + 4 + 2);
    const none = mk([-100, -100, -100, -100], [4], 'int64');
    const fwd = crossEntropyForward(x, none, args(), true);
    expect(Number.isNaN(fwd.loss.item())).toBe(true);
    expect(crossEntropyForward(x, none, args({ reduction: 'sum' })).loss.item()).toBe(0);
    expect(read(crossEntropyBackward(fwd, mk([1], [], 'float64'), true, false).input as Tensor)).toEqual(new Array(12).fill(0));
  });

  it('an empty batch: NaN mean, 0 sum, empty per-position losses', () => {
    const x = mk([], [0, 4], 'float64');
    const t = mk([], [0], 'int64');
    expect(Number.isNaN(crossEntropyForward(x, t, args()).loss.item())).toBe(true);
    expect(crossEntropyForward(x, t, args({ reduction: 'sum' })).loss.item()).toBe(0);
    expect(crossEntropyForward(x, t, args({ reduction: 'none' })).loss.shape).toEqual([0]);
  });

  it('huge (+-1e4) and -inf logits stay exact where the composition is', () => {
    const x = mk([1e4, -1e4, 0, -1e4, 1e4, 1e4, -Infinity, 0, 1], [3, 3], 'float64');
    const t = mk([0, 1, 2], [3], 'int64');
    for (const reduction of REDUCTIONS) {
      const a = args({ reduction });
      expectClose(read(crossEntropyForward(x, t, a).loss), read(composed(x, t, a)), 1e-15, 1e-300);
    }
    // row 0: log p_0 = 0; row 1: two equal maxima, log p_1 = -log 2
    expectClose(read(crossEntropyForward(x, t, args({ reduction: 'none' })).loss).slice(0, 2), [0, Math.LN2], 0, 0);
  });

  it('float32 logits: results in float32, within float32 rounding of the float64 computation', () => {
    const values = randomValues(6 * 5 * 2, 41, -3, 3);
    const x32 = mk(values, [6, 5, 2], 'float32');
    const x64 = mk(read(x32), [6, 5, 2], 'float64');
    const t = indices([6, 2], 5, 42, -100);
    const a = args({ labelSmoothing: 0.1, weight: mk(randomValues(5, 43, 0.2, 1), [5], 'float32'), reduction: 'none' });
    const f32 = crossEntropyForward(x32, t, a, true);
    const f64 = crossEntropyForward(x64, t, a, true);
    expect(f32.loss.dtype).toBe('float32');
    // computed in doubles, rounded once: within float32's half ulp (plus the reference's own rounding)
    const want = composed(x64, t, { ...a, weight: (a.weight as Tensor).to('float64') });
    expectClose(read(f32.loss), read(want), 7e-8, 1e-30);
    // and the same bits as the float64 computation rounded
    expect(read(f32.loss)).toEqual(read(f64.loss).map(Math.fround));
    const up32 = mk(randomValues(12, 44, -1, 1), [6, 2], 'float32');
    const g32 = crossEntropyBackward(f32, up32, true, false).input as Tensor;
    const g64 = crossEntropyBackward(f64, up32.to('float64'), true, false).input as Tensor;
    expect(g32.dtype).toBe('float32');
    const fd = finiteDifferences(x64, (v) => weightedSum(composed(v, t, { ...a, weight: (a.weight as Tensor).to('float64') }), up32.to('float64')));
    expectClose(read(g32), fd, 1e-6, 1e-8);
    expect(read(g32)).toEqual(read(g64).map(Math.fround));
  });

  it('strided operands (transposed, gappy, spatial dims that do not merge) equal their contiguous copies bit for bit', () => {
    const a = args({ labelSmoothing: 0.2, reduction: 'none', weight: gappy(randomValues(5, 51, 0.5, 1.5), [5], 'float64') });
    // (N, C) transposed storage, targets every other element
    const xT = transposed(randomValues(6 * 5, 52, -2, 2), 6, 5, 'float64');
    const t6 = strided([9, 1, 9, 0, 9, 3, 9, 2, 9, 4, 9, 0], [6], [2], 1, 'int64');
    // (N, C, d1, d2) permuted: the spatial dims do not merge, so the op copies first
    const base = mk(randomValues(2 * 3 * 4 * 5, 53, -2, 2), [2, 5, 3, 4], 'float64');
    const xP = base.permute([0, 1, 3, 2]);
    const tP = indices([2, 3, 4], 5, 54, -100).permute([0, 2, 1]);
    for (const [x, t] of [[xT, t6], [xP, tP]] as const) {
      const fwd = crossEntropyForward(x, t, a, true);
      expectClose(read(fwd.loss), read(composed(x, t, a)), 1e-12, 1e-13);
      const ref = crossEntropyForward(x.contiguous(), t.contiguous(), { ...a, weight: (a.weight as Tensor).contiguous() }, true);
      expect(read(fwd.loss)).toEqual(read(ref.loss));
      const upstream = mk(randomValues(fwd.loss.numel(), 55, -1, 1), [...fwd.loss.shape], 'float64');
      // a strided upstream gradient too (the same values, transposed storage)
      const upT = upstream.ndim === 3 ? upstream.permute([0, 2, 1]).contiguous().permute([0, 2, 1]) : upstream;
      expect(upT.isContiguous()).toBe(upstream.ndim !== 3);
      const grad = read(crossEntropyBackward(fwd, upT, true, false).input as Tensor);
      expectClose(grad, finiteDifferences(x, (v) => weightedSum(composed(v, t, a), upstream)), 1e-6, 1e-8);
      expect(grad).toEqual(read(crossEntropyBackward(ref, upstream, true, false).input as Tensor));
    }
  });

  it('the backward reads what the forward saw: later in-place writes to input, target or weight do not reach it', () => {
    const x = mk(randomValues(4 * 3, 61, -2, 2), [4, 3], 'float64');
    const q = probabilities([4, 3], 62);
    const w = mk([0.3, 1, 2], [3], 'float64');
    const a = args({ weight: w, labelSmoothing: 0.1 });
    const upstream = mk([0.7], [], 'float64');
    const before = crossEntropyBackward(crossEntropyForward(x.clone(), q.clone(), { ...a, weight: w.clone() }, true), upstream, true, true);
    const fwd = crossEntropyForward(x, q, a, true);
    x.mul_(3);
    q.fill_(0.25);
    w.fill_(9);
    const after = crossEntropyBackward(fwd, upstream, true, true);
    expect(read(after.input as Tensor)).toEqual(read(before.input as Tensor));
    expect(read(after.target as Tensor)).toEqual(read(before.target as Tensor));
  });

  it('each op is one backend call', () => {
    const x = mk(randomValues(12, 71, -2, 2), [4, 3], 'float64');
    const t = indices([4], 3, 72);
    const forward = vi.spyOn(cpuBackend, 'crossEntropyForward');
    const backward = vi.spyOn(cpuBackend, 'crossEntropyBackward');
    const rows = vi.spyOn(cpuBackend, 'crossEntropyRows');
    try {
      const fwd = crossEntropyForward(x, t, args(), true);
      crossEntropyBackward(fwd, mk([1], [], 'float64'), true, false);
      crossEntropyRows(x, t, -100, true, 1);
      expect([forward.mock.calls.length, backward.mock.calls.length, rows.mock.calls.length]).toEqual([1, 1, 1]);
    } finally {
      forward.mockRestore();
      backward.mockRestore();
      rows.mockRestore();
    }
  });

  it('a backend that replaces a loss kernel gets the call (setBackend, kernel by kernel)', () => {
    const x = mk(randomValues(12, 73, -2, 2), [4, 3], 'float64');
    const t = indices([4], 3, 74);
    const previous = setBackend({
      name: 'custom',
      crossEntropyRows: () => ({ lossSum: 42, kept: 7, grad: null }),
    });
    try {
      expect(crossEntropyRows(x, t, -100, false, 1)).toEqual({ lossSum: 42, kept: 7, grad: null });
      // the other loss kernels stay the reference's
      expect(getBackend().crossEntropyForward).toBe(cpuBackend.crossEntropyForward);
    } finally {
      setBackend(previous);
    }
  });
});

describe('crossEntropyRows (the fused fast path of the common case)', () => {
  /** The reference for rows: -log softmax at the target summed over kept rows, (softmax - onehot) * scale. */
  function rowsReference(x: Tensor, t: Tensor, ignoreIndex: number, scale: number): { lossSum: number; kept: number; grad: number[] } {
    const x64 = x.to('float64');
    const kept = t.ne(ignoreIndex);
    const safe = t.where(kept, 0);
    const picked = x64.logSoftmax(1).gather(1, safe.unsqueeze(1)).squeeze(1).neg().where(kept, 0);
    const c = x.shape[1];
    const onehot = safe.unsqueeze(1).eq(mk(Array.from({ length: c }, (_, i) => i), [1, c], 'int64')).to('float64');
    const grad = x64.softmax(1).sub(onehot).mul(scale).where(kept.unsqueeze(1), 0);
    return { lossSum: picked.sum().item(), kept: kept.to('float64').sum().item(), grad: read(grad) };
  }

  for (const dtype of ['float32', 'float64'] as const) {
    it(`${dtype}: loss sum, kept rows and the scaled gradient (contiguous and transposed input)`, () => {
      const rows = 30;
      const cols = 7;
      const values = randomValues(rows * cols, 81, -4, 4);
      const t = indices([rows], cols, 82, -100);
      for (const x of [mk(values, [rows, cols], dtype), transposed(values, rows, cols, dtype)]) {
        const r = crossEntropyRows(x, t, -100, true, 0.25);
        const want = rowsReference(x, t, -100, 0.25);
        expect(r.kept).toBe(want.kept);
        expectClose([r.lossSum], [want.lossSum], 1e-13, 0);
        expect(r.grad?.dtype).toBe(dtype);
        expect(r.grad?.shape).toEqual([rows, cols]);
        // float64: to rounding; float32: the double computation rounded once
        expectClose(read(r.grad as Tensor), want.grad, dtype === 'float32' ? 6e-8 : 1e-13, dtype === 'float32' ? 1e-9 : 1e-16);
        const lossOnly = crossEntropyRows(x, t, -100, false, 0.25);
        expect(lossOnly.grad).toBeNull();
        expect(lossOnly.lossSum).toBe(r.lossSum);
      }
    });
  }

  // a consistency property (the values themselves are checked against the reference above): both
  // paths of the common case give the same bits, whichever of them a caller takes
  it('equals crossEntropyForward / crossEntropyBackward on the same layout bit for bit (the same arithmetic)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = mk(randomValues(9 * 6, 91, -3, 3), [9, 6], dtype);
      const t = indices([9], 6, 92, -100);
      const kept = read(t).filter((v) => v !== -100).length;
      const fwd = crossEntropyForward(x, t, args(), true);
      const r = crossEntropyRows(x, t, -100, true, 1 / kept);
      expect(Math.fround(r.lossSum / kept)).toBe(dtype === 'float32' ? fwd.loss.item() : Math.fround(fwd.loss.item()));
      expect(read(r.grad as Tensor)).toEqual(read(crossEntropyBackward(fwd, mk([1], [], dtype), true, false).input as Tensor));
    }
  });
});

describe('argument checks name the argument, the expected and the actual', () => {
  const x = mk(randomValues(12, 101, -1, 1), [4, 3], 'float64');
  const t = indices([4], 3, 102);
  it('crossEntropyForward', () => {
    expect(() => crossEntropyForward(mk([1, 2], [2], 'int64'), t, args())).toThrow(DTypeError);
    expect(() => crossEntropyForward(mk([1], [], 'float64'), t, args())).toThrow(ShapeError);
    expect(() => crossEntropyForward(x, mk([0, 1, 2], [3], 'int64'), args())).toThrow(/argument 'target' expected class indices of shape \[4\]/);
    expect(() => crossEntropyForward(x, mk([0, 1, 3, 0], [4], 'int64'), args())).toThrow(IndexError);
    expect(() => crossEntropyForward(x, mk([0, 1, 2, 0], [4], 'int32'), args())).toThrow(DTypeError);
    expect(() => crossEntropyForward(x, mk(new Array(6).fill(0.5), [2, 3], 'float64'), args())).toThrow(ShapeError);
    expect(() => crossEntropyForward(x, t, args({ weight: mk([1, 1], [2], 'float64') }))).toThrow(/argument 'weight' expected a 1-D tensor of 3 values/);
    expect(() => crossEntropyForward(x, t, args({ reduction: 'avg' as Reduction }))).toThrow(ValueError);
    expect(() => crossEntropyForward(x, t, args({ labelSmoothing: 1.5 }))).toThrow(ValueError);
    expect(() => crossEntropyForward(x, t, args({ ignoreIndex: 0.5 }))).toThrow(ValueError);
  });
  it('crossEntropyBackward', () => {
    expect(() => crossEntropyBackward(crossEntropyForward(x, t, args()), mk([1], [], 'float64'), true, false)).toThrow(TorchletError);
    const fwd = crossEntropyForward(x, t, args(), true);
    expect(() => crossEntropyBackward(fwd, mk([1, 1], [2], 'float64'), true, false)).toThrow(/argument 'upstream' expected the loss's shape \[\]/);
  });
  it('crossEntropyRows', () => {
    expect(() => crossEntropyRows(mk([1, 2, 3], [3], 'float64'), t, -100, true, 1)).toThrow(ShapeError);
    expect(() => crossEntropyRows(x, mk([0, 1], [2], 'int64'), -100, true, 1)).toThrow(ShapeError);
    expect(() => crossEntropyRows(x, mk([0, 1, 5, 0], [4], 'int64'), -100, true, 1)).toThrow(IndexError);
    expect(() => crossEntropyRows(x, mk([0, 1, 2, 0], [4], 'float64'), -100, true, 1)).toThrow(DTypeError);
  });
});

describe.runIf(wasmFeatures() !== 'none')('the wasm backend\'s loss kernels', () => {
  // 64 x 40 float32 logits: above the wasm backend's size threshold, so its row kernel runs
  const rows = 64;
  const cols = 40;
  const values = randomValues(rows * cols, 111, -6, 6);
  const x = mk(values, [rows, cols], 'float32');
  const t = indices([rows], cols, 112, -100);

  it('crossEntropyRows: the wasm kernel within float32 rounding of the reference kernel', () => {
    useBackend('wasm');
    const reference = vi.spyOn(cpuBackend, 'crossEntropyRows');
    const got = crossEntropyRows(x, t, -100, true, 1 / 51);
    expect(reference).not.toHaveBeenCalled();
    reference.mockRestore();
    const lossOnly = crossEntropyRows(x, t, -100, false, 1 / 51);
    useBackend('cpu');
    const want = crossEntropyRows(x, t, -100, true, 1 / 51);
    expect(got.kept).toBe(want.kept);
    expect(lossOnly.grad).toBeNull();
    expect(lossOnly.lossSum).toBe(got.lossSum);
    expect(got.grad?.dtype).toBe('float32');
    // float32 exps and products (the wasm kernel) against doubles rounded once (the reference)
    expectClose([got.lossSum], [want.lossSum], 1e-5, 0);
    expectClose(read(got.grad as Tensor), read(want.grad as Tensor), 1e-5, 1e-9);
  });

  it('crossEntropyRows: layouts the wasm kernel does not take run the reference kernel, bit for bit', () => {
    const cases: [Tensor, number][] = [
      [x.to('float64'), -100],
      [transposed(values, rows, cols, 'float32'), -100],
      [mk(values.slice(0, 12), [3, 4], 'float32'), -100],
      [x, 2 ** 40],
    ];
    for (const [input, ignoreIndex] of cases) {
      const target = input.shape[0] !== rows ? indices([3], 4, 113) : ignoreIndex === -100 ? t : indices([rows], cols, 116);
      const want = cpuBackend.crossEntropyRows(input, target, ignoreIndex, true, 0.5);
      useBackend('wasm');
      const reference = vi.spyOn(cpuBackend, 'crossEntropyRows');
      const got = crossEntropyRows(input, target, ignoreIndex, true, 0.5);
      expect(reference).toHaveBeenCalledTimes(1);
      reference.mockRestore();
      useBackend('cpu');
      expect([got.lossSum, got.kept]).toEqual([want.lossSum, want.kept]);
      expect(Array.from(got.grad?.toTypedArray() ?? [])).toEqual(Array.from(want.grad ?? []));
    }
  });

  it('crossEntropyRows: the reference kernel when the kernels\' memory cannot hold the operands', () => {
    const want = cpuBackend.crossEntropyRows(x, t, -100, true, 1);
    useBackend('wasm');
    const kernels = loadKernelsSync();
    kernels.limitBytes = 1024; // below the operands
    try {
      const got = crossEntropyRows(x, t, -100, true, 1);
      expect([got.lossSum, got.kept]).toEqual([want.lossSum, want.kept]);
      expect(Array.from(got.grad?.toTypedArray() ?? [])).toEqual(Array.from(want.grad ?? []));
    } finally {
      kernels.limitBytes = Infinity;
    }
  });

  it('crossEntropyForward / crossEntropyBackward: the reference kernels, bit for bit', () => {
    const a = args({ labelSmoothing: 0.1, weight: mk(randomValues(cols, 114, 0.2, 1), [cols], 'float32'), reduction: 'none' });
    const run = (): number[] => {
      const fwd = crossEntropyForward(x, t, a, true);
      const g = crossEntropyBackward(fwd, mk(randomValues(rows, 115, -1, 1), [rows], 'float32'), true, false).input as Tensor;
      return [...read(fwd.loss), fwd.denominator, ...read(g)];
    };
    const want = run();
    useBackend('wasm');
    expect(run()).toEqual(want);
  });
});

describe('crossEntropyRows with targets the caller checked', () => {
  it('gives the same result, and skips only the class-index check', () => {
    const x = mk([0.5, -1, 2, 0.1, 0.3, -0.7], [2, 3], 'float32');
    const t = mk([2, 0], [2], 'int64');
    const checked = crossEntropyRows(x, t, -100, true, 0.5, true);
    const unchecked = crossEntropyRows(x, t, -100, true, 0.5);
    expect(checked.lossSum).toBe(unchecked.lossSum);
    expect(read(checked.grad!)).toEqual(read(unchecked.grad!));
    // shapes and dtypes are still checked
    expect(() => crossEntropyRows(x, mk([0, 1, 2], [3], 'int64'), -100, true, 1, true)).toThrow(ShapeError);
  });
});
