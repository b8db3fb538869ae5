// addmm (bias + mat1 @ mat2, a linear layer's forward): PyTorch's AddmmBackward0 node, gradients
// checked against finite differences, and the saved tensors PyTorch keeps (in-place changes).
import { describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck, noGrad, type Tensor } from './ag.js';
import { ops } from '@torchlet/tensor-core/internal';
import { expectClose, flat, rnd } from './helpers.js';

const addmm = (bias: Tensor, mat1: Tensor, mat2: Tensor): Tensor => ops().addmm(bias, mat1, mat2);

describe('addmm', () => {
  it('matches bias + mat1 @ mat2 and its gradients (finite differences, first and second order)', () => {
    const inputs = (): Tensor[] => [rnd([3], { seed: 1 }), rnd([4, 5], { seed: 2 }), rnd([3, 5], { seed: 3 })];
    const [b, x, w] = inputs();
    expectClose(flat(addmm(b, x, w.t())), flat(x.matmul(w.t()).add(b)), 1e-12);
    const f = (bias: Tensor, m1: Tensor, w2: Tensor): Tensor => addmm(bias, m1, w2.t()).tanh();
    expect(gradcheck(f, inputs())).toBe(true);
    expect(gradgradcheck(f, inputs())).toBe(true);
    // a plain (not transposed) mat2, and inputs that need no gradient
    expect(gradcheck((m1: Tensor, m2: Tensor) => addmm(rnd([5], { seed: 4, requiresGrad: false }), m1, m2), [rnd([4, 3]), rnd([3, 5], { seed: 5 })])).toBe(true);
  });

  it('is one AddmmBackward0 node whose inputs are the bias, mat1 and mat2 (w.t() a TBackward0), as PyTorch\'s linear', () => {
    const b = rnd([3]);
    const x = rnd([4, 5], { requiresGrad: false });
    const w = rnd([3, 5], { seed: 2 });
    const y = addmm(b, x, w.t());
    expect(y.gradFn!.name).toBe('AddmmBackward0');
    expect(y.gradFn!.nextFunctions.map((n) => n?.name ?? null)).toEqual(['AccumulateGrad', null, 'TBackward0']);
    y.sum().backward();
    // d sum / dw = ones(4, 3)^T x: column sums of x in every row; d sum / db = 4
    const colSums = Array.from({ length: 5 }, (_, j) => flat(x).filter((_, i) => i % 5 === j).reduce((s, v) => s + v, 0));
    expectClose(flat(w.grad!), [...colSums, ...colSums, ...colSums], 1e-12);
    const rows = x.shape[0];
    expect(flat(b.grad!)).toEqual([rows, rows, rows]);
    expect(w.grad!.isContiguous()).toBe(true);
  });

  it('keeps mat1 when mat2 needs a gradient and mat2 when mat1 does (an optimizer step on w before backward is fine unless x needs a gradient)', () => {
    const b = rnd([3]);
    const w = rnd([3, 5], { seed: 2 });
    const x = rnd([4, 5], { requiresGrad: false });
    const y = addmm(b, x, w.t());
    noGrad(() => w.add_(1)); // like optimizer.step() before backward
    expect(() => y.sum().backward()).not.toThrow();
    const x2 = rnd([4, 5], { seed: 3 });
    const y2 = addmm(b, x2, w.t());
    noGrad(() => w.add_(1));
    expect(() => y2.sum().backward()).toThrow(/inplace operation/);
  });
});
