// Second derivatives where PyTorch 1.13 has none (multi_margin_loss, multilabel_margin_loss, ctc_loss):
// the first gradient with createGraph works and equals the plain one; differentiating it again
// throws PyTorch's error instead of returning a value. (Values against PyTorch for every loss:
// conformance/test/losses/double-backward.test.ts.)
import { describe, expect, it } from 'vitest';
import { grad } from '@torchlet/autograd';
import { TorchletError, type Tensor } from '@torchlet/tensor-core';
import * as L from '../src/index.js';
import { classes, expectClose, long, manualSeed, randnLeaf } from './helpers.js';

manualSeed(5);
const y4 = classes([4], 5);
const multiLabel = long([3, 0, -1, 0, 1, 1, -1, 0, 0, 0, 4, 2, 1, 0, -1, 2, 2, 2, 2, 2], [4, 5]);

const CASES: [string, string, (x: Tensor) => Tensor][] = [
  ['multiMarginLoss p = 2', 'multi_margin_loss_backward', (x) => L.multiMarginLoss(x, y4, { p: 2 })],
  ['multiMarginLoss p = 1', 'multi_margin_loss_backward', (x) => L.multiMarginLoss(x, y4, { reduction: 'sum' })],
  ['multiLabelMarginLoss', 'multilabel_margin_loss_backward', (x) => L.multiLabelMarginLoss(x, multiLabel)],
  ['ctcLoss', '_ctc_loss_backward', (x) => L.ctcLoss(x.reshape([5, 2, 2]).logSoftmax(2), long([1, 1, 0, 0], [2, 2]), [5, 4], [2, 1])],
];

describe('losses without a double backward refuse the second derivative', () => {
  for (const [name, kernel, fn] of CASES) {
    it(name, () => {
      const x = randnLeaf([4, 5]);
      const [plain] = grad(fn(x), [x]);
      const [first] = grad(fn(x), [x], { createGraph: true });
      expect(first.requiresGrad).toBe(true);
      expectClose(first.detach(), plain, 0, 0);
      expect(() => grad(first.mul(first).sum(), [x])).toThrow(TorchletError);
      const [again] = grad(fn(x), [x], { createGraph: true });
      expect(() => grad(again.sum(), [x])).toThrow(`derivative for aten::${kernel} is not implemented`);
    });
  }

  it('leaves inputs that do not require grad, and first-order backward, as they were', () => {
    const x = randnLeaf([4, 5]).detach();
    expect(L.multiMarginLoss(x, y4).requiresGrad).toBe(false);
    const w = randnLeaf([4, 5]);
    const loss = L.multiLabelMarginLoss(w, multiLabel);
    loss.backward();
    expect(w.grad).not.toBeNull();
  });
});
