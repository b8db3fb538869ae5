// In-place ops and views sharing storage (view-tracking.ts): gradients through writes made via a
// view or via the base, checked against central differences (gradcheck), plus PyTorch's node names
// and errors. PyTorch's own values for these cases: conformance/test/autograd (view_* scenarios).
import { describe, expect, it } from 'vitest';
import { TorchletError } from '@torchlet/tensor-core';
import * as ag from './ag.js';
import { gradcheck, gradgradcheck, type Tensor } from './ag.js';
import { expectClose, flat, rnd } from './helpers.js';

describe('in-place op on a view of a non-leaf', () => {
  it('rebases the base onto CopySlices and the view onto AsStridedBackward0', () => {
    const x = rnd([3, 4]);
    const y = x.mul(x).add(x);
    const v = y.select(1, 2);
    v.mul_(3);
    expect(y.gradFn!.name).toBe('CopySlices');
    expect(v.gradFn!.name).toBe('AsStridedBackward0');
    expect(y.isLeaf).toBe(false);
  });

  it('differentiates through the write (column of a matrix, times a tensor, plus a scalar)', () => {
    const f = (x: Tensor, w: Tensor): Tensor => {
      const y = x.mul(x).add(x);
      const v = y.select(1, 1);
      v.mul_(w);
      v.add_(0.5);
      return y.mul(y).sum().add(v.sum());
    };
    expect(gradcheck(f, [rnd([3, 4]), rnd([3], { seed: 5 })])).toBe(true);
    expect(gradgradcheck(f, [rnd([3, 4]), rnd([3], { seed: 5 })])).toBe(true);
  });

  it('on a view of a view (a slice of a transpose)', () => {
    const f = (x: Tensor): Tensor => {
      const y = x.exp().mul(1); // mul(1): exp's saved output is not the tensor written below
      y.t().narrow(0, 1, 2).mul_(2);
      return y.pow(2).sum();
    };
    expect(gradcheck(f, [rnd([4, 3])])).toBe(true);
  });

  it('copy_, fill_ and zero_ through views: the overwritten elements get no gradient from the old values', () => {
    const f = (x: Tensor, s: Tensor): Tensor => {
      const y = x.mul(2);
      y.narrow(0, 0, 1).copy_(s); // s broadcast over the row
      y.select(1, 3).fill_(1.5);
      y.narrow(0, 2, 1).narrow(1, 0, 2).zero_();
      return y.exp().sum();
    };
    expect(gradcheck(f, [rnd([3, 4]), rnd([4], { seed: 9 })])).toBe(true);
  });

  it('a write into a buffer that needs no grad makes it part of the graph', () => {
    const x = rnd([3]);
    const b = ag.zeros([2, 3], { dtype: 'float64' });
    b.select(0, 1).add_(x);
    expect(b.requiresGrad).toBe(true);
    expect(b.gradFn!.name).toBe('CopySlices');
    b.mul(b).sum().backward();
    // d sum(b^2) / dx = 2 b[1] = 2x
    expectClose(flat(x.grad!), flat(x).map((v) => 2 * v));
  });
});

describe('views read after an in-place write to their storage', () => {
  it('a view made before the base changed in place follows the write (was: the old history)', () => {
    const x = rnd([4]);
    const y = x.mul(2);
    const w = y.narrow(0, 0, 2);
    y.mul_(3);
    expect(w.gradFn!.name).toBe('AsStridedBackward0');
    w.sum().backward();
    // w = 6 x[0:2]
    expectClose(flat(x.grad!), [6, 6, 0, 0]);
  });

  it('another view of the same base, written through a sibling view', () => {
    const f = (x: Tensor): Tensor => {
      const y = x.mul(x).add(x);
      const a = y.narrow(0, 0, 3);
      const b = y.narrow(0, 2, 3); // overlaps a at element 2
      a.mul_(3);
      return b.mul(b).sum().add(a.sum());
    };
    expect(gradcheck(f, [rnd([5])])).toBe(true);
  });

  it('a view of a parameter updated under noGrad keeps flowing to the parameter', () => {
    const w = rnd([2, 3]);
    const wt = w.t();
    ag.noGrad(() => w.add_(1));
    wt.mul(wt).sum().backward();
    // d sum(w^2) / dw = 2 w (the updated values)
    expectClose(flat(w.grad!), flat(w).map((v) => 2 * v));
  });

  it('an expanded view sums its gradient back after a write to the base', () => {
    const f = (x: Tensor): Tensor => {
      const y = x.mul(1);
      const e = y.unsqueeze(0).expand(3, 4);
      y.mul_(2);
      return e.pow(2).sum();
    };
    expect(gradcheck(f, [rnd([4])])).toBe(true);
  });
});

describe('every view op is tracked', () => {
  // each makes a view of y ([2, 3, 4]); after an in-place write to y, its history is regenerated
  const views: Record<string, (y: Tensor) => Tensor> = {
    view: (y) => y.view(6, 4),
    reshape: (y) => y.reshape(4, 6),
    transpose: (y) => y.transpose(0, 2),
    t: (y) => y.select(0, 0).t(),
    T: (y) => y.T,
    permute: (y) => y.permute(2, 0, 1),
    expand: (y) => y.unsqueeze(0).expand(2, 2, 3, 4),
    squeeze: (y) => y.narrow(0, 0, 1).squeeze(0),
    unsqueeze: (y) => y.unsqueeze(1),
    flatten: (y) => y.flatten(),
    unflatten: (y) => y.unflatten(2, [2, 2]),
    narrow: (y) => y.narrow(2, 1, 2),
    select: (y) => y.select(1, 2),
    slice: (y) => y.slice(2, 0, 4, 2),
    split: (y) => y.split(2, 2)[1],
    chunk: (y) => y.chunk(3, 1)[2],
    unbind: (y) => y.unbind(0)[1],
  };
  it.each(Object.keys(views))('%s', (name) => {
    const y = rnd([2, 3, 4]).mul(1);
    const v = views[name](y);
    y.mul_(2);
    expect(v.gradFn!.name).toBe('AsStridedBackward0');
  });
});

describe('in-place ops on views PyTorch forbids', () => {
  it('a view of a leaf that requires grad, or a view made a leaf that requires grad by hand', () => {
    expect(() => rnd([2, 3]).narrow(0, 0, 1).add_(1)).toThrow(/a view of a leaf Variable that requires grad/);
    const v = ag.zeros([4], { dtype: 'float64' }).narrow(0, 0, 2);
    v.requiresGrad = true;
    expect(() => v.mul_(2)).toThrow(/a view of a leaf Variable that requires grad/);
    // a view made before its base was set to require grad
    const b = ag.zeros([4], { dtype: 'float64' });
    const w = b.narrow(0, 0, 2);
    b.requiresGrad = true;
    expect(() => w.mul_(2)).toThrow(/a view of a leaf Variable that requires grad/);
  });

  it('the outputs of split, chunk and unbind', () => {
    const y = rnd([4, 2]).mul(1);
    expect(() => y.split(2)[1].mul_(2)).toThrow(/Output 1 of SplitBackward0 is a view and is being modified inplace/);
    expect(() => y.chunk(2)[0].mul_(2)).toThrow(/Output 0 of SplitBackward0/);
    expect(() => y.unbind(1)[1].zero_()).toThrow(/Output 1 of UnbindBackward0/);
  });

  it('an expanded view (elements sharing memory), named by the op', () => {
    const y = rnd([3]).mul(1);
    expect(() => y.unsqueeze(0).expand(2, 3).mul_(2)).toThrow(/^mul_\(\): .*more than one element of the written-to tensor refers to a single memory location/);
  });

  it('a view made under noGrad, written with grad mode on', () => {
    const y = rnd([4]).mul(1);
    const v = ag.noGrad(() => y.narrow(0, 0, 2));
    expect(() => v.mul_(2)).toThrow(TorchletError);
    expect(() => v.mul_(2)).toThrow(/A view was created in no_grad mode and is being modified inplace with grad mode enabled/);
    ag.noGrad(() => v.mul_(2)); // both under noGrad: allowed, not recorded
  });
});
