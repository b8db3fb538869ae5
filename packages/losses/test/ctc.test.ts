// ctcLoss: the gradient through logSoftmax against finite differences (PyTorch's backward assumes
// normalized log-probabilities, so its exp(lp) term cancels there), a brute-force sum over all
// alignments for the value, the module, and the argument checks.
import { describe, expect, it } from 'vitest';
import { gradcheck } from '@torchlet/autograd';
import { TorchletError, type Tensor } from '@torchlet/tensor-core';
import * as L from '../src/index.js';
import { expectClose, float, long, manualSeed, randnLeaf, values } from './helpers.js';

manualSeed(23);
const REDUCTIONS: L.Reduction[] = ['none', 'mean', 'sum'];

/** -log of the sum over every path of length T that collapses (merge repeats, drop blanks) to `target`. */
function bruteForceNll(lp: number[][], target: number[], blank: number): number {
  const T = lp.length;
  const C = lp[0].length;
  let total = 0;
  const path: number[] = [];
  const walk = (t: number, logp: number): void => {
    if (t === T) {
      const collapsed = path.filter((c, i) => c !== blank && (i === 0 || c !== path[i - 1]));
      if (collapsed.length === target.length && collapsed.every((c, i) => c === target[i])) total += Math.exp(logp);
      return;
    }
    for (let c = 0; c < C; c++) {
      path.push(c);
      walk(t + 1, logp + lp[t][c]);
      path.pop();
    }
  };
  walk(0, 0);
  return -Math.log(total);
}

describe('ctcLoss', () => {
  it('equals the brute-force sum over alignments (repeated labels, blank not 0, short inputs)', () => {
    const lp = randnLeaf([5, 3, 4]).detach().logSoftmax(2);
    const targets = long([1, 1, 0, 0, 3, 3, 1, 0, 0], [3, 3]);
    const loss = L.ctcLoss(lp, targets, [5, 4, 5], [2, 3, 1], { blank: 2, reduction: 'none' });
    const v = values(lp);
    const frames = (b: number, T: number) => Array.from({ length: T }, (_, t) => v.slice((t * 3 + b) * 4, (t * 3 + b) * 4 + 4));
    const rows = [[1, 1], [0, 3, 3], [1]];
    const expected = [5, 4, 5].map((T, b) => bruteForceNll(frames(b, T), rows[b], 2));
    expectClose(loss, float(expected), 1e-12, 1e-12);
  });

  it.each(REDUCTIONS)('gradient through logSoftmax matches finite differences (%s)', (reduction) => {
    const x = randnLeaf([6, 2, 4]);
    const targets = long([1, 2, 2, 3, 1, 0], [2, 3]);
    const fn = (z: Tensor) => L.ctcLoss(z.logSoftmax(2), targets, [6, 5], [3, 2], { reduction });
    expect(gradcheck(fn, [x], { eps: 1e-6, atol: 1e-6, rtol: 1e-4 })).toBe(true);
  });

  it('zeroInfinity zeroes an impossible alignment and its gradient', () => {
    const lp = randnLeaf([3, 2, 3]).detach().logSoftmax(2).requiresGrad_();
    const targets = long([1, 1, 2, 0], [2, 2]);
    const inf = L.ctcLoss(lp, targets, [2, 3], [2, 1], { reduction: 'none' });
    expect(values(inf)[0]).toBe(Infinity);
    const zeroed = L.ctcLoss(lp, targets, [2, 3], [2, 1], { reduction: 'sum', zeroInfinity: true });
    zeroed.backward();
    expect(values(zeroed)[0]).toBeCloseTo(values(inf)[1], 12);
    const g = values(lp.grad as Tensor);
    for (let t = 0; t < 3; t++) for (let c = 0; c < 3; c++) expect(g[(t * 2 + 0) * 3 + c]).toBe(0);
  });

  it('CTCLoss keeps its options and calls ctcLoss', () => {
    const lp = randnLeaf([4, 2, 3]).detach().logSoftmax(2);
    const targets = long([1, 2, 1], [3]);
    const m = new L.CTCLoss({ blank: 0, reduction: 'sum' });
    expect([m.blank, m.reduction, m.zeroInfinity]).toEqual([0, 'sum', false]);
    expectClose(m.forward(lp, targets, [4, 4], [2, 1]), L.ctcLoss(lp, targets, [4, 4], [2, 1], { reduction: 'sum' }));
  });

  it('refuses bad arguments with a TorchletError naming the argument', () => {
    const lp = randnLeaf([4, 2, 3]).detach().logSoftmax(2);
    const targets = long([1, 2, 1, 1], [2, 2]);
    const cases: [string, () => Tensor][] = [
      ['zero_infinity', () => L.ctcLoss(lp, targets, [4, 4], [2, 1], { zero_infinity: true } as L.CTCLossOptions)],
      ['inputLengths', () => L.ctcLoss(lp, targets, [0, 4], [0, 1])],
      ['targetLengths', () => L.ctcLoss(lp, targets, [4, 4], [-1, 1])],
      ['targets', () => L.ctcLoss(lp, long([1, 3, 1, 1], [2, 2]), [4, 4], [2, 1])],
      ['targetLengths', () => L.ctcLoss(lp, targets, long([4, 4]), [2, 1])],
      ['inputLengths', () => L.ctcLoss(lp, targets, float([4, 4]), long([2, 1]))],
      ['blank', () => L.ctcLoss(lp, targets, [4, 4], [2, 1], { blank: 3 })],
      ['targets', () => L.ctcLoss(lp, float([1, 2, 1, 1], [2, 2]), [4, 4], [2, 1])],
    ];
    for (const [argument, call] of cases) {
      expect(call).toThrow(TorchletError);
      expect(call).toThrow(new RegExp(`'${argument}'|${argument}`));
    }
  });
});
