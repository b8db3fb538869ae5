// PyTorch's indexing (tensor-core's x.index / x.set / x.indexPut_) under autograd: gradients and
// second derivatives against central differences, view tracking of basic-index views, and PyTorch's
// leaf error. PyTorch's own values: conformance/fixtures/tensor-core/getitem.json.
import { describe, expect, it } from 'vitest';
import { TorchletError } from '@torchlet/tensor-core';
import * as ag from './ag.js';
import { gradcheck, gradgradcheck, sl, type Tensor } from './ag.js';
import { rnd } from './helpers.js';

const i64 = (data: number[]) => ag.tensor(data, { dtype: 'int64' });

describe('reading: x.index(...)', () => {
  it('basic indices (views) and advanced ones (copies, repeats accumulate in the gradient)', () => {
    const cases: ((x: Tensor) => Tensor)[] = [
      (x) => x.index(1, '1:4:2').mul(x.index(-1, '::2')),
      (x) => x.index(null, '...', sl(null, null, 3)),
      (x) => x.index([2, 0, 2, 2]),
      (x) => x.index(':', i64([3, 3, 0])).pow(2),
      (x) => x.index(i64([0, 1, 2]), '1:3', i64([4, 0, 4])),
      (x) => x.index(x.gt(0)).exp(),
    ];
    for (const f of cases) {
      expect(gradcheck(f, [rnd([3, 4, 5])])).toBe(true);
      expect(gradgradcheck((x) => f(x).pow(2), [rnd([3, 4, 5])])).toBe(true);
    }
  });

  it('a basic index is a view: an in-place write through it reaches the base (CopySlices)', () => {
    const f = (x: Tensor): Tensor => {
      const y = x.mul(2);
      y.index(':', '1:3').mul_(y.index(':', 0, null).clone());
      return y.pow(2).sum();
    };
    expect(gradcheck(f, [rnd([3, 4])])).toBe(true);
  });
});

describe('writing: x.set([...], v) and indexPut_', () => {
  it('differentiates w.r.t. the tensor and the written value', () => {
    const cases: ((x: Tensor, v: Tensor) => Tensor)[] = [
      (x, v) => x.mul(1).set([':', 1], v.index(0, '0:3')),
      (x, v) => x.mul(1).set([[0, 2]], v),
      (x, v) => x.mul(1).set([i64([0, 2]), ':', i64([1, 4])], v.index(':', ':', 0)),
      (x, v) => x.mul(1).indexPut_([i64([0, 0, 2])], v.index(0, '0:4').expand(3, 4, 5), true),
      (x, v) => x.mul(1).set([x.gt(0)], 0).add(v.sum()),
    ];
    for (const f of cases) {
      expect(gradcheck(f, [rnd([3, 4, 5]), rnd([2, 4, 5], { seed: 3 })])).toBe(true);
    }
  });

  it("refuses an in-place write into a leaf that requires grad, as PyTorch does", () => {
    const x = rnd([3]);
    expect(() => x.set([0], 1)).toThrow(TorchletError);
  });
});
