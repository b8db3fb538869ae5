// The activations added for "the rest of torch.nn": gradients by finite differences (float64),
// values and gradients derived from their formulas, and argument errors. PyTorch's own numbers
// are replayed in conformance/test/nn-layers/activations.test.ts.
import { describe, expect, it } from 'vitest';
import { grad, gradcheck } from '@torchlet/autograd';
import { DTypeError, ShapeError, TorchletError, ValueError, manualSeed, rand, randn, tensor, type Tensor } from '@torchlet/tensor-core';
import { Conv2d, ELU, Embedding, Hardswish, Hardtanh, LogSigmoid, Mish, PReLU, Softmax2d, Softmin, Softplus, functional as F } from '../src/index.js';

const leaf = (shape: number[], scale = 1): Tensor => randn(shape, { dtype: 'float64' }).mul(scale).requiresGrad_();
/** Values in (lo, hi) away from the given kinks by at least 0.05 (finite differences across a kink fail). */
function awayFrom(shape: number[], lo: number, hi: number, kinks: number[]): Tensor {
  const x = rand(shape, { dtype: 'float64' }).mul(hi - lo).add(lo);
  const values = Array.from(x.toTypedArray()).map((v) => (kinks.some((k) => Math.abs(v - k) < 0.05) ? v + 0.1 : v));
  return tensor(values, { dtype: 'float64' }).reshape(shape).requiresGrad_();
}
const values = (t: Tensor): number[] => Array.from(t.toTypedArray());

describe('gradcheck (float64)', () => {
  it('elu, hardtanh, mish, hardswish, logsigmoid', () => {
    manualSeed(11);
    expect(gradcheck((x) => F.elu(x, 0.7), [awayFrom([3, 4], -4, 4, [0])])).toBe(true);
    expect(gradcheck((x) => F.hardtanh(x, -0.5, 1.5), [awayFrom([3, 4], -3, 3, [-0.5, 1.5])])).toBe(true);
    expect(gradcheck((x) => F.mish(x), [leaf([3, 4], 3)])).toBe(true);
    expect(gradcheck((x) => F.hardswish(x), [awayFrom([3, 4], -5, 5, [-3, 3])])).toBe(true);
    expect(gradcheck((x) => F.logsigmoid(x), [leaf([3, 4], 4)])).toBe(true);
  });

  it('prelu: input and weight, shared and per channel', () => {
    manualSeed(12);
    expect(gradcheck((x, w) => F.prelu(x, w), [awayFrom([2, 3, 4], -2, 2, [0]), leaf([3])])).toBe(true);
    expect(gradcheck((x, w) => F.prelu(x, w), [awayFrom([5], -2, 2, [0]), leaf([1])])).toBe(true);
  });

  it('softmin and softmax / logSoftmax through a dtype cast', () => {
    manualSeed(13);
    expect(gradcheck((x) => F.softmin(x, 1), [leaf([3, 4])])).toBe(true);
    expect(gradcheck((x) => F.logSoftmax(x, 0, { dtype: 'float64' }), [leaf([3, 4])])).toBe(true);
  });

  it('logsigmoid is twice differentiable (its backward is written with tensor ops)', () => {
    manualSeed(14);
    const x = leaf([5], 3);
    const [g] = grad(F.logsigmoid(x).sum(), x, { createGraph: true });
    const [gg] = grad(g.sum(), x);
    // d/dx sigmoid(-x) = -sigmoid(x) sigmoid(-x)
    const s = values(x.detach().sigmoid());
    values(gg).forEach((v, i) => expect(v).toBeCloseTo(-s[i] * (1 - s[i]), 12));
  });
});

describe('values and gradients from the formulas', () => {
  it('logsigmoid is stable at the extremes and has gradient sigmoid(-x), 0.5 at 0', () => {
    const x = tensor([-1000, -30, 0, 30, 1000], { dtype: 'float64', requiresGrad: true });
    const y = F.logsigmoid(x);
    const expected = [-1000, -30 - Math.log1p(Math.exp(-30)), -Math.LN2, -Math.log1p(Math.exp(-30)), -0];
    values(y).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
    y.sum().backward();
    const sig = (v: number): number => 1 / (1 + Math.exp(-v));
    values(x.grad as Tensor).forEach((v, i) => expect(v).toBeCloseTo(sig(-[-1000, -30, 0, 30, 1000][i]), 14));
  });

  it('elu has no NaN gradient where exp overflows, and alpha scales the negative side', () => {
    const x = tensor([-2, 0, 100, 1e4], { dtype: 'float32', requiresGrad: true });
    const y = F.elu(x, 2);
    y.sum().backward();
    expect(values(y).slice(2)).toEqual([100, 1e4]);
    expect(values(y)[0]).toBeCloseTo(2 * Math.expm1(-2), 6);
    // d/dx = alpha exp(x) for x <= 0 (alpha at 0, as PyTorch's elu_backward), 1 above
    const g = values(x.grad as Tensor);
    expect(g[0]).toBeCloseTo(2 * Math.exp(-2), 6);
    expect(g.slice(1)).toEqual([2, 1, 1]);
  });

  it('hardtanh passes the gradient only strictly inside (min, max) and NaN through', () => {
    const x = tensor([-2, -1, 0.5, 1, 3, Number.NaN], { dtype: 'float64', requiresGrad: true });
    const y = F.hardtanh(x);
    expect(values(y)).toEqual([-1, -1, 0.5, 1, 1, Number.NaN]);
    y.sum().backward();
    expect(values(x.grad as Tensor)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(F.hardtanh(tensor([-3, 0, 3], { dtype: 'int64' })).dtype).toBe('int64');
  });

  it('hardswish: gradient x/3 + 1/2 on [-3, 3] (ends included), 0 below, 1 above', () => {
    const xs = [-4, -3, 0, 1.5, 3, 4];
    const x = tensor(xs, { dtype: 'float64', requiresGrad: true });
    const y = F.hardswish(x);
    values(y).forEach((v, i) => expect(v).toBeCloseTo((xs[i] * Math.min(Math.max(xs[i] + 3, 0), 6)) / 6, 15));
    y.sum().backward();
    expect(values(x.grad as Tensor)).toEqual(xs.map((v) => (v < -3 ? 0 : v <= 3 ? v / 3 + 0.5 : 1)));
  });

  it('prelu sums the weight gradient over the elements each weight scaled', () => {
    const x = tensor([[[-1, 2], [3, -4]], [[-5, -6], [7, 8]]], { dtype: 'float64', requiresGrad: true });
    const m = new PReLU({ numParameters: 2, dtype: 'float64' });
    const y = m.forward(x);
    expect(values(y)).toEqual([-0.25, 2, 3, -1, -1.25, -1.5, 7, 8]);
    y.sum().backward();
    // channel 0: x = -1, 2, -5, -6 -> -1 - 5 - 6; channel 1: x = 3, -4, 7, 8 -> -4
    expect(values(m.weight.grad as Tensor)).toEqual([-12, -4]);
  });

  it('softmax with dtype casts first and sends a gradient of the input dtype back', () => {
    const x = tensor([[1, 2, 3]], { dtype: 'float32', requiresGrad: true });
    const y = F.softmax(x, 1, { dtype: 'float64' });
    expect(y.dtype).toBe('float64');
    y.select(1, 0).sum().backward();
    expect((x.grad as Tensor).dtype).toBe('float32');
    const p = values(y);
    // d p0 / d x_j = p0 (delta_0j - p_j)
    values(x.grad as Tensor).forEach((v, j) => expect(v).toBeCloseTo(p[0] * ((j === 0 ? 1 : 0) - p[j]), 7));
    expect(F.softmin(tensor([1, 2], { dtype: 'int64' }), 0, { dtype: 'float64' }).dtype).toBe('float64');
  });

  it('Softmax2d is softmax over dim -3', () => {
    const x = randn([2, 3, 2, 2]);
    expect(values(new Softmax2d().forward(x))).toEqual(values(x.softmax(1)));
    expect(values(new Softmax2d().forward(x.select(0, 0)))).toEqual(values(x.select(0, 0).softmax(0)));
  });
});

describe('argument errors', () => {
  it('options objects reject unknown keys', () => {
    expect(() => new ELU({ alpa: 1 } as never)).toThrow("ELU(): unexpected option 'alpa'; it takes 'alpha'");
    expect(() => new Embedding(5, 3, { max_norm: 1 } as never)).toThrow("Embedding(): unexpected option 'max_norm' (did you mean 'maxNorm'? options are PyTorch's keyword arguments in camelCase); it takes 'paddingIdx', 'maxNorm', 'normType', 'dtype'");
    expect(() => new Conv2d(1, 1, 3, { paddingmode: 'zeros' } as never)).toThrow(/Conv2d\(\): unexpected option 'paddingmode' \(did you mean 'paddingMode'/);
    expect(() => new Hardtanh({ min_val: 0 } as never)).toThrow(ValueError);
    expect(() => new Softplus({ beta: 2, thresh: 3 } as never)).toThrow(/unexpected option 'thresh'/);
    expect(() => new PReLU({ num_parameters: 3 } as never)).toThrow(/unexpected option 'num_parameters'/);
    expect(() => F.softmax(randn([2]), 0, { dtype: 'float64', stacklevel: 3 } as never)).toThrow(ValueError);
    expect(() => F.softmin(randn([2]), 0, 'float64' as never)).toThrow(/expected an options object, got the string/);
  });

  it('bad values and inputs', () => {
    expect(() => new Hardtanh({ minVal: 1, maxVal: 1 })).toThrow(/'maxVal' must be greater than 'minVal'/);
    expect(() => new ELU({ alpha: '1' as never })).toThrow(DTypeError);
    expect(() => new PReLU({ numParameters: -1 })).toThrow(ValueError);
    expect(() => F.elu(tensor([1, 2], { dtype: 'int64' }))).toThrow(DTypeError);
    expect(() => F.mish(tensor([1], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => F.prelu(randn([2, 3]), randn([4]))).toThrow(/parameter numbers = 4 and channel size = 3/);
    expect(() => F.prelu(randn([3]), randn([3]))).toThrow(ShapeError);
    expect(() => F.prelu(randn([]), randn([3]))).toThrow(ShapeError);
    expect(() => F.prelu(randn([2, 3]), randn([1, 3]))).toThrow(/scalar or 1D/);
    expect(() => F.prelu(randn([2, 3]), randn([3], { dtype: 'float64' }))).toThrow(DTypeError);
    expect(() => new Softmax2d().forward(randn([2, 3]))).toThrow(ShapeError);
    expect(() => new Softmin('1' as never)).toThrow(TorchletError);
  });

  it('module state: PReLU registers weight under its name, filled with init', () => {
    const m = new PReLU({ numParameters: 3, init: 0.1 });
    expect(Object.keys(m.stateDict())).toEqual(['weight']);
    expect(values(m.weight)).toEqual(values(tensor([0.1, 0.1, 0.1])));
    expect(m.weight.dtype).toBe('float32');
    [new Mish(), new Hardswish(), new LogSigmoid()].forEach((a) => expect(a.toString()).toMatch(/^\w+\(\)$/));
  });
});
