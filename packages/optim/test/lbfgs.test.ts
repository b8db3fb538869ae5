// LBFGS and its line search against results derived here: exact minimisers of cubics and quadratics.
import { describe, expect, it } from 'vitest';
import { tensor } from '@torchlet/tensor-core';
import { LBFGS, rules } from '../src/index.js';
import { param, setGrad, values } from './helpers.js';

describe('cubicInterpolate', () => {
  it('returns the minimiser of the cubic through two points with slopes', () => {
    // f(x) = x^3 - 3x has its local minimum at x = 1; f' = 3x^2 - 3
    const f = (x: number) => x ** 3 - 3 * x;
    const g = (x: number) => 3 * x * x - 3;
    expect(rules.cubicInterpolate(0, f(0), g(0), 2, f(2), g(2))).toBeCloseTo(1, 12);
    expect(rules.cubicInterpolate(2, f(2), g(2), 0, f(0), g(0))).toBeCloseTo(1, 12);
  });
  it('clamps to the bounds, and bisects when the cubic has no minimum', () => {
    const f = (x: number) => x ** 3 - 3 * x;
    const g = (x: number) => 3 * x * x - 3;
    expect(rules.cubicInterpolate(0, f(0), g(0), 2, f(2), g(2), [1.5, 3])).toBe(1.5);
    // slopes 1 and 1 with f rising by only 0.5 over [0, 1]: d1 = 2 - 3 (0 - 0.5) / (0 - 1) = 0.5,
    // d2^2 = d1^2 - g1 g2 < 0, so no minimiser: the midpoint
    expect(rules.cubicInterpolate(0, 0, 1, 1, 0.5, 1)).toBe(0.5);
  });
});

describe('strongWolfe', () => {
  it('on a 1-d quadratic returns a step meeting both Wolfe conditions', () => {
    // f(x) = (x - 3)^2 from x = 0 along d = 1: f' = 2 (x - 3)
    const d = tensor([1], { dtype: 'float64' });
    const evaluate = (t: number) => ({ loss: (t - 3) ** 2, grad: tensor([2 * (t - 3)], { dtype: 'float64' }) });
    const res = rules.strongWolfe(evaluate, 1, d, 9, tensor([-6], { dtype: 'float64' }), -6);
    expect(res.loss).toBeLessThanOrEqual(9 + 1e-4 * res.t * -6);
    expect(Math.abs(2 * (res.t - 3))).toBeLessThanOrEqual(0.9 * 6);
    expect(res.evals).toBeGreaterThan(0);
  });
});

describe('LBFGS', () => {
  // f(x) = 1/2 x^T A x - b^T x with A = diag(1, 4, 9) + coupling; the minimiser solves A x = b
  const A = [
    [4, 1, 0],
    [1, 3, 0.5],
    [0, 0.5, 2],
  ];
  const b = [1, 2, 3];
  const grad = (x: number[]) => A.map((row, i) => row.reduce((s, a, j) => s + a * x[j], 0) - b[i]);
  const loss = (x: number[]) => 0.5 * x.reduce((s, xi, i) => s + xi * grad(x)[i] + xi * b[i], 0) - b.reduce((s, bi, i) => s + bi * x[i], 0);
  // solve A x = b by Gaussian elimination (no pivoting needed: A is diagonally dominant)
  function solve(): number[] {
    const m = A.map((r, i) => [...r, b[i]]);
    for (let k = 0; k < 3; k++) {
      for (let i = k + 1; i < 3; i++) {
        const f = m[i][k] / m[k][k];
        for (let j = k; j < 4; j++) m[i][j] -= f * m[k][j];
      }
    }
    const x = [0, 0, 0];
    for (let i = 2; i >= 0; i--) x[i] = (m[i][3] - m[i].slice(i + 1, 3).reduce((s, a, j) => s + a * x[i + 1 + j], 0)) / m[i][i];
    return x;
  }

  for (const lineSearchFn of [null, 'strong_wolfe'] as const) {
    it(`converges to the minimiser of a quadratic (lineSearchFn ${lineSearchFn})`, () => {
      const x = param([0, 0, 0]);
      const opt = new LBFGS([x], { lineSearchFn, maxIter: 100, maxEval: 200, lr: lineSearchFn ? 1 : 0.5, toleranceGrad: 1e-10, toleranceChange: 1e-15 });
      const closure = () => {
        opt.zeroGrad();
        const v = values(x);
        setGrad(x, grad(v));
        return loss(v);
      };
      const first = opt.step(closure);
      expect(first).toBe(0);
      values(x).forEach((xi, i) => expect(xi).toBeCloseTo(solve()[i], 7));
      // already optimal: the next step evaluates once and stops
      const evals = opt.state.get(x)?.funcEvals ?? 0;
      opt.step(closure);
      expect(opt.state.get(x)?.funcEvals).toBe(evals + 1);
    });
  }
});
