// The CTC kernels (Backend.ctcLossForward / ctcLossBackward) through their ops, against the
// definition: nll = -log of the sum over every path a (one label per frame, C^Tb of them) that
// collapses (repeats merged, then blanks removed) to the target, of prod_t p_t(a_t); and the
// gradient term of PyTorch's formula, grad - exp(lp) g = -g (sum over those paths through (t, c)
// of their probability) / (the sum over all of them), by the same enumeration.
import { describe, expect, it } from 'vitest';
import { IndexError, ShapeError, Tensor, ValueError } from '@torchlet/tensor-core';
import { ctcLossBackward, ctcLossForward } from '../src/internal.js';

/** A deterministic generator of numbers in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function collapse(path: readonly number[], blank: number): number[] {
  const out: number[] = [];
  path.forEach((c, t) => {
    if (c !== blank && (t === 0 || path[t - 1] !== c)) out.push(c);
  });
  return out;
}

/** nll and -(occupancy of (t, c)) / total by enumerating every path of length tb over C classes. */
function bruteForce(lp: (t: number, c: number) => number, tb: number, C: number, target: readonly number[], blank: number): { nll: number; occ: number[][] } {
  let total = 0;
  const occ = Array.from({ length: tb }, () => new Array<number>(C).fill(0));
  const path = new Array<number>(tb).fill(0);
  for (let k = 0; k < C ** tb; k++) {
    let r = k;
    for (let t = 0; t < tb; t++) {
      path[t] = r % C;
      r = Math.floor(r / C);
    }
    const got = collapse(path, blank);
    if (got.length !== target.length || got.some((v, i) => v !== target[i])) continue;
    let p = 1;
    for (let t = 0; t < tb; t++) p *= Math.exp(lp(t, path[t]));
    total += p;
    for (let t = 0; t < tb; t++) occ[t][path[t]] += p;
  }
  return { nll: -Math.log(total), occ: occ.map((row) => row.map((v) => v / total)) };
}

interface Case {
  T: number;
  C: number;
  blank: number;
  targets: number[][];
  inputLengths: number[];
}

const CASES: Case[] = [
  { T: 5, C: 3, blank: 0, targets: [[1, 2], [1, 1], []], inputLengths: [5, 4, 3] },
  { T: 4, C: 4, blank: 3, targets: [[0, 0, 1], [2]], inputLengths: [4, 2] },
  { T: 6, C: 3, blank: 1, targets: [[0, 0, 0]], inputLengths: [5] },
];

function logProbs(c: Case, seed: number): Tensor {
  const next = lcg(seed);
  const n = c.targets.length;
  const values = new Float64Array(c.T * n * c.C);
  for (let i = 0; i < c.T * n; i++) {
    const row = Array.from({ length: c.C }, () => next() * 4 - 2);
    const lse = Math.log(row.reduce((a, v) => a + Math.exp(v), 0));
    row.forEach((v, k) => (values[i * c.C + k] = v - lse));
  }
  return new Tensor(values, [c.T, n, c.C], 'float64');
}

function padded(targets: readonly number[][]): Tensor {
  const width = Math.max(1, ...targets.map((t) => t.length));
  const data = new Float64Array(targets.length * width).fill(0);
  targets.forEach((t, b) => t.forEach((v, i) => (data[b * width + i] = v)));
  return new Tensor(data, [targets.length, width], 'int64');
}

describe('ctc kernels against the enumeration of every alignment', () => {
  CASES.forEach((c, k) => {
    for (const layout of ['padded', 'concatenated'] as const) {
      it(`case ${k}, ${layout} targets`, () => {
        const lp = logProbs(c, 7 + k);
        const targets = layout === 'padded' ? padded(c.targets) : new Tensor(Float64Array.from(c.targets.flat()), [c.targets.flat().length], 'int64');
        const lengths = c.targets.map((t) => t.length);
        const forward = ctcLossForward(lp, targets, c.inputLengths, lengths, c.blank);
        const g = new Tensor(Float64Array.from(c.targets, (_, b) => 0.5 + b), [c.targets.length], 'float64');
        const grad = ctcLossBackward(forward, g, false);
        const N = c.targets.length;
        const lpv = lp.toTypedArray();
        const nll = forward.nll.toTypedArray();
        const gv = grad.toTypedArray();
        for (let b = 0; b < N; b++) {
          const at = (t: number, cl: number): number => lpv[(t * N + b) * c.C + cl];
          const ref = bruteForce(at, c.inputLengths[b], c.C, c.targets[b], c.blank);
          expect(nll[b]).toBeCloseTo(ref.nll, 10);
          for (let t = 0; t < c.T; t++) {
            for (let cl = 0; cl < c.C; cl++) {
              const expected = t < c.inputLengths[b] ? (Math.exp(at(t, cl)) - ref.occ[t][cl]) * (0.5 + b) : 0;
              expect(gv[(t * N + b) * c.C + cl]).toBeCloseTo(expected, 10);
            }
          }
        }
      });
    }
  });

  it('an impossible alignment: nll inf, and zeroInfinity zeroes its gradient', () => {
    const c: Case = { T: 2, C: 3, blank: 0, targets: [[1, 1]], inputLengths: [2] };
    const forward = ctcLossForward(logProbs(c, 3), padded(c.targets), c.inputLengths, [2], 0);
    expect(forward.nll.toTypedArray()[0]).toBe(Infinity);
    const grad = ctcLossBackward(forward, new Tensor(Float64Array.of(1), [1], 'float64'), true);
    expect(Array.from(grad.toTypedArray())).toEqual(new Array(6).fill(0));
  });
});

describe('ctc ops refuse bad arguments', () => {
  const c = CASES[0];
  const lp = logProbs(c, 1);
  const tg = padded(c.targets);
  const lens = c.targets.map((t) => t.length);
  it('names the argument, the expected and the actual', () => {
    expect(() => ctcLossForward(lp, tg, [5, 4], lens, 0)).toThrow(ShapeError);
    expect(() => ctcLossForward(lp, tg, [6, 4, 3], lens, 0)).toThrow(/argument 'inputLengths' expected integers in \[1, 5\], got 6 for sample 0/);
    expect(() => ctcLossForward(lp, tg, c.inputLengths, lens, 3)).toThrow(ValueError);
    expect(() => ctcLossForward(lp, new Tensor(Float64Array.of(1, 5, 1, 1, 0, 0), [3, 2], 'int64'), c.inputLengths, lens, 0)).toThrow(IndexError);
    expect(() => ctcLossForward(lp, new Tensor(Float64Array.of(1, 2, 1), [3], 'int64'), c.inputLengths, lens, 0)).toThrow(/argument 'targets' expected size 4 at dimension 0/);
    const forward = ctcLossForward(lp, tg, c.inputLengths, lens, 0);
    expect(() => ctcLossBackward(forward, new Tensor(Float64Array.of(1, 1), [2], 'float64'), false)).toThrow(/argument 'upstream' expected shape \[3\]/);
  });
});
