// nn.utils: gradient clipping and parameters <-> vector, checked against the definitions (norms
// computed here from the gradient values). PyTorch's numbers: conformance/test/nn-layers/utils.test.ts.
import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, tensor, type Tensor } from '@torchlet/tensor-core';
import { Linear, Parameter, utils } from '../src/index.js';

const values = (t: Tensor | null): number[] => Array.from((t as Tensor).toTypedArray());
function withGrad(data: number[], g: number[] | null, dtype: 'float32' | 'float64' = 'float64'): Parameter {
  const p = new Parameter(tensor(data, { dtype }));
  p.grad = g === null ? null : tensor(g, { dtype });
  return p;
}

describe('clipGradNorm_', () => {
  it('scales all gradients by maxNorm / (total + 1e-6) when the total 2-norm is larger', () => {
    const a = withGrad([0, 0], [3, 4]);
    const b = withGrad([0], [12]);
    const c = withGrad([0], null);
    const total = utils.clipGradNorm_([a, b, c], 6.5);
    const norm = Math.hypot(3, 4, 12);
    expect(total.ndim).toBe(0);
    expect(total.item()).toBeCloseTo(norm, 14);
    const k = 6.5 / (norm + 1e-6);
    expect(values(a.grad)).toEqual([3 * k, 4 * k].map((v) => expect.closeTo(v, 14) as unknown as number));
    expect(values(b.grad)[0]).toBeCloseTo(12 * k, 14);
    expect(c.grad).toBeNull();
  });

  it('leaves gradients below maxNorm unchanged (coefficient clamped to 1)', () => {
    const a = withGrad([0, 0], [0.3, -0.4]);
    expect(utils.clipGradNorm_(a, 10).item()).toBeCloseTo(0.5, 15);
    expect(values(a.grad)).toEqual([0.3, -0.4]);
  });

  it.each([
    [Infinity, (g: number[]) => Math.max(...g.map(Math.abs))],
    ['inf' as const, (g: number[]) => Math.max(...g.map(Math.abs))],
    [-Infinity, (g: number[]) => Math.min(...g.map(Math.abs))],
    ['-inf' as const, (g: number[]) => Math.min(...g.map(Math.abs))],
    [1, (g: number[]) => g.reduce((s, v) => s + Math.abs(v), 0)],
    [3, (g: number[]) => Math.cbrt(g.reduce((s, v) => s + Math.abs(v) ** 3, 0))],
    [0.5, (g: number[]) => g.reduce((s, v) => s + Math.sqrt(Math.abs(v)), 0) ** 2],
  ])('normType %s is the p-norm of all gradients together', (normType, reference) => {
    const ga = [1.5, -2, 0];
    const gb = [-0.5, 3];
    const total = utils.clipGradNorm_([withGrad([0, 0, 0], ga), withGrad([0, 0], gb)], 1e9, { normType });
    expect(total.item()).toBeCloseTo(reference([...ga, ...gb]), 12);
  });

  it('normType 0 counts the gradients with a non-zero element (PyTorch 1.13 takes the norm of the per-gradient norms)', () => {
    const grads = [[1.5, -2, 0], [0, 0], [3]];
    const total = utils.clipGradNorm_(grads.map((g) => withGrad(g.map(() => 0), g)), 1e9, { normType: 0 });
    expect(total.item()).toBe(grads.filter((g) => g.some((v) => v !== 0)).length);
  });

  it('no gradients: a float32 zero; non-finite totals scale to NaN or throw with errorIfNonfinite', () => {
    const empty = utils.clipGradNorm_([withGrad([0], null)], 1);
    expect([empty.dtype, empty.item()]).toEqual(['float32', 0]);
    const p = withGrad([0, 0], [1, Number.POSITIVE_INFINITY]);
    expect(() => utils.clipGradNorm_(p, 1, { errorIfNonfinite: true })).toThrow(/non-finite/);
    expect(values(p.grad)).toEqual([1, Number.POSITIVE_INFINITY]); // untouched when it throws
    utils.clipGradNorm_(p, 1, { foreach: true });
    // the coefficient is 1 / inf = 0: finite entries become 0, infinite ones NaN (inf * 0)
    expect(values(p.grad)).toEqual([0, Number.NaN]);
  });

  it('mixed float32 / float64 gradients: the total is float64, each gradient keeps its dtype', () => {
    const a = withGrad([0], [3], 'float32');
    const b = withGrad([0], [4], 'float64');
    const total = utils.clipGradNorm_(new Linear(1, 1).parameters(), 1);
    expect(total.dtype).toBe('float32');
    const t2 = utils.clipGradNorm_([a, b], 1);
    expect([t2.dtype, a.grad?.dtype, b.grad?.dtype]).toEqual(['float64', 'float32', 'float64']);
    expect(t2.item()).toBeCloseTo(5, 14);
  });

  it('rejects bad arguments', () => {
    const p = withGrad([0], [1]);
    expect(() => utils.clipGradNorm_(p, 1, { norm_type: 2 } as never)).toThrow(/unexpected option 'norm_type'/);
    expect(() => utils.clipGradNorm_(p, '1' as never)).toThrow(DTypeError);
    expect(() => utils.clipGradNorm_(p, 1, { normType: 'fro' as never })).toThrow(DTypeError);
    expect(() => utils.clipGradNorm_(p, 1, { errorIfNonfinite: 1 as never })).toThrow(DTypeError);
    expect(() => utils.clipGradNorm_([p, 3] as never, 1)).toThrow(/at index 1/);
    expect(() => utils.clipGradNorm_(5 as never, 1)).toThrow(DTypeError);
  });
});

describe('clipGradNormAsync_', () => {
  it('on the CPU: the total and the clipped gradients of clipGradNorm_', async () => {
    for (const options of [{}, { normType: 'inf' as const }, { normType: 1, errorIfNonfinite: true }]) {
      const sync = [withGrad([0, 0], [3, 4]), withGrad([0], [12])];
      const async = [withGrad([0, 0], [3, 4]), withGrad([0], [12])];
      const total = utils.clipGradNorm_(sync, 2, options);
      expect(values(await utils.clipGradNormAsync_(async, 2, options))).toEqual(values(total));
      expect(async.map((p) => values(p.grad))).toEqual(sync.map((p) => values(p.grad)));
    }
    expect((await utils.clipGradNormAsync_([withGrad([0], null)], 1)).item()).toBe(0);
  });

  it("rejects a non-finite total with errorIfNonfinite (gradients untouched), and bad arguments naming them", async () => {
    const p = withGrad([0, 0], [1, Number.NaN]);
    await expect(utils.clipGradNormAsync_(p, 1, { errorIfNonfinite: true })).rejects.toThrow(
      "clipGradNormAsync_(): the total norm of order 2 for gradients from 'parameters' is non-finite (NaN), so it cannot be clipped",
    );
    expect(values(p.grad)).toEqual([1, Number.NaN]);
    await expect(utils.clipGradNormAsync_(p, '1' as never)).rejects.toThrow(/clipGradNormAsync_\(\): argument 'maxNorm'/);
    await expect(utils.clipGradNormAsync_(p, 1, { errorIfNonfinite: 1 as never })).rejects.toThrow("clipGradNormAsync_(): option 'errorIfNonfinite' expected a boolean, got number");
    await expect(utils.clipGradNormAsync_(p, 1, { normType: 'fro' as never })).rejects.toThrow(DTypeError);
  });
});

describe('clipGradValue_', () => {
  it('clamps each gradient into [-v, v] in place; a negative v clamps everything to v', () => {
    const a = withGrad([0, 0, 0], [-3, 0.5, 2]);
    const b = withGrad([0], null);
    utils.clipGradValue_([a, b], 1);
    expect(values(a.grad)).toEqual([-1, 0.5, 1]);
    expect(b.grad).toBeNull();
    utils.clipGradValue_(a, -0.25);
    expect(values(a.grad)).toEqual([-0.25, -0.25, -0.25]);
    expect(() => utils.clipGradValue_(a, null as never)).toThrow(DTypeError);
  });
});

describe('parametersToVector / vectorToParameters', () => {
  it('flatten in order, differentiably; write back slices in order', () => {
    const a = new Parameter(tensor([[1, 2], [3, 4]], { dtype: 'float64' }));
    const b = new Parameter(tensor([5, 6], { dtype: 'float64' }));
    const v = utils.parametersToVector([a, b]);
    expect(values(v)).toEqual([1, 2, 3, 4, 5, 6]);
    v.mul(tensor([1, 2, 3, 4, 5, 6], { dtype: 'float64' })).sum().backward();
    expect(values(a.grad)).toEqual([1, 2, 3, 4]);
    expect(values(b.grad)).toEqual([5, 6]);
    utils.vectorToParameters(tensor([6, 5, 4, 3, 2, 1, 0], { dtype: 'float32' }), [a, b]);
    expect([values(a), values(b), a.shape, a.dtype]).toEqual([[6, 5, 4, 3], [2, 1], [2, 2], 'float64']);
  });

  it('errors: not a tensor, too short (nothing written), parameters not iterable', () => {
    const a = new Parameter(tensor([1, 2], { dtype: 'float32' }));
    const b = new Parameter(tensor([3], { dtype: 'float32' }));
    expect(() => utils.vectorToParameters([1, 2] as never, [a])).toThrow(/argument 'vec' expected a Tensor, got an array/);
    expect(() => utils.vectorToParameters(tensor([9, 9], { dtype: 'float32' }), [a, b])).toThrow(ShapeError);
    expect([values(a), values(b)]).toEqual([[1, 2], [3]]);
    expect(() => utils.vectorToParameters(tensor([[9, 9], [9, 9]]), [a])).toThrow(ShapeError);
    expect(() => utils.parametersToVector(3 as never)).toThrow(DTypeError);
    expect(() => utils.parametersToVector([])).toThrow();
  });
});
