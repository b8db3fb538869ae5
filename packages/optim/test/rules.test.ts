// The pure update rules against the update formulas written out per element in plain JS (float64);
// SGD's and Adam's rules both ways: composed of ops (grad mode on) and fused (under noGrad), and the
// two paths against each other bit for bit.
import { describe, expect, it } from 'vitest';
import { noGrad } from '@torchlet/autograd';
import { tensor, type DType, type Tensor } from '@torchlet/tensor-core';
import { rules } from '../src/index.js';
import { expectClose, inputs, values } from './helpers.js';

const N = 5;
const STEPS = 6;
const t64 = (v: number[]) => tensor(v, { dtype: 'float64' });
const grads = (seed: number) => Array.from({ length: STEPS }, (_, k) => inputs(seed + k, N).map((x) => 2 * x));
const zerosN = () => new Array<number>(N).fill(0);

/** Run a rule on tensors for STEPS steps and a per-element reference on arrays; compare after each step. */
function compare<S>(
  init: (p: ReturnType<typeof t64>) => S,
  step: (p: ReturnType<typeof t64>, g: ReturnType<typeof t64>, s: S) => void,
  reference: (x: number[], g: number[], k: number) => void,
  seed: number,
): void {
  const x0 = inputs(seed, N);
  const p = t64(x0);
  const s = init(p);
  const x = [...x0];
  grads(seed + 100).forEach((g, k) => {
    step(p, t64(g), s);
    reference(x, g, k + 1);
    expectClose(values(p), x);
  });
}

/** Run a step composed of ops (grad mode on) or fused (under noGrad, as `step()` runs the rules). */
const PATHS = [
  ['composed', (f: () => void) => f()],
  ['fused', (f: () => void) => noGrad(f)],
] as const;

describe('sgdStep', () => {
  for (const [path, run] of PATHS) {
    for (const o of [
      { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false },
      { lr: 0.1, momentum: 0.9, dampening: 0.2, weightDecay: 0.05, nesterov: false, maximize: true },
      { lr: 0.05, momentum: 0.8, dampening: 0, weightDecay: 0.1, nesterov: true, maximize: false },
    ]) {
      it(`${path}: matches the formula with ${JSON.stringify(o)}`, () => {
        let buf: number[] | null = null;
        compare(
          () => rules.initSGDState(),
          (p, g, s) => run(() => rules.sgdStep(p, g, s, o)),
          (x, g) => {
            const d = g.map((gi, i) => (o.maximize ? -gi : gi) + o.weightDecay * x[i]);
            let upd = d;
            if (o.momentum !== 0) {
              // first step: buf = d (no dampening); then buf = m buf + (1 - dampening) d
              buf = buf === null ? [...d] : buf.map((b, i) => o.momentum * b + (1 - o.dampening) * d[i]);
              const b = buf;
              upd = o.nesterov ? d.map((di, i) => di + o.momentum * b[i]) : b;
            }
            upd.forEach((u, i) => (x[i] -= o.lr * u));
          },
          1,
        );
      });
    }
  }
});

describe('adamStep (L2 weight decay, or decoupled as AdamW)', () => {
  for (const [path, run] of PATHS) {
    for (const [name, decoupled] of [['adam', undefined], ['adam decoupledWeightDecay false', false], ['adamw', true]] as const) {
      for (const amsgrad of [false, true]) {
        it(`${path}: ${name} matches the formula (amsgrad ${amsgrad})`, () => {
          const o = { lr: 0.01, betas: [0.9, 0.99] as [number, number], eps: 1e-6, weightDecay: 0.1, amsgrad, maximize: false };
          const m = zerosN();
          const v = zerosN();
          const vmax = zerosN();
          compare(
            (p) => rules.initAdamState(p, amsgrad),
            (p, g, s) => run(() => rules.adamStep(p, g, s, decoupled === undefined ? o : { ...o, decoupledWeightDecay: decoupled })),
            (x, g, t) => {
              for (let i = 0; i < N; i++) {
                let gi = g[i];
                if (decoupled) x[i] *= 1 - o.lr * o.weightDecay;
                else gi += o.weightDecay * x[i];
                m[i] = o.betas[0] * m[i] + (1 - o.betas[0]) * gi;
                v[i] = o.betas[1] * v[i] + (1 - o.betas[1]) * gi * gi;
                vmax[i] = Math.max(vmax[i], v[i]);
                const vv = amsgrad ? vmax[i] : v[i];
                // x -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
                x[i] -= ((o.lr / (1 - o.betas[0] ** t)) * m[i]) / (Math.sqrt(vv) / Math.sqrt(1 - o.betas[1] ** t) + o.eps);
              }
            },
            2,
          );
        });
      }
    }
  }
});

describe('sgdStep and adamStep: the fused path gives the composed path\'s bits', () => {
  const n = 12;
  /** The values as a fresh [3, 4] tensor: contiguous, or over transposed storage (strides [1, 3]). */
  const make = (v: number[], dtype: DType, strided: boolean): Tensor => {
    const t = tensor(v, { dtype }).reshape([3, 4]);
    return strided ? t.t().contiguous().t() : t;
  };
  /** STEPS gradients of n values. */
  const gradients = (seed: number): number[][] => Array.from({ length: STEPS }, (_, k) => inputs(seed + k, n).map((x) => 2 * x));
  const bits = (t: Tensor): number[] => Array.from(t.contiguous().toTypedArray());
  const same = (a: Tensor, b: Tensor, what: string): void => {
    const x = bits(a);
    const y = bits(b);
    const bad = x.findIndex((v, i) => !Object.is(v, y[i]));
    expect(bad, `${what}: element ${bad}: fused ${x[bad]} vs composed ${y[bad]}`).toBe(-1);
  };
  for (const dtype of ['float32', 'float64'] as const) {
    for (const strided of [false, true]) {
      it(`${dtype}${strided ? ', transposed param' : ''}: every SGD option`, () => {
        for (const momentum of [0, 0.9])
          for (const dampening of [0, 0.2])
            for (const nesterov of [false, true])
              for (const weightDecay of [0, 0.05])
                for (const maximize of [false, true]) {
                  const o = { lr: 0.03, momentum, dampening, weightDecay, nesterov, maximize };
                  const x0 = inputs(7, n).map((v) => 3 * v);
                  const [pf, pc] = [make(x0, dtype, strided), make(x0, dtype, strided)];
                  const [sf, sc] = [rules.initSGDState(), rules.initSGDState()];
                  gradients(40).forEach((g, k) => {
                    noGrad(() => rules.sgdStep(pf, make(g, dtype, strided), sf, o));
                    rules.sgdStep(pc, make(g, dtype, strided), sc, o);
                    same(pf, pc, `${JSON.stringify(o)} step ${k + 1}`);
                    if (momentum !== 0) same(sf.momentumBuffer as Tensor, sc.momentumBuffer as Tensor, `${JSON.stringify(o)} buffer`);
                  });
                }
      });

      it(`${dtype}${strided ? ', transposed param' : ''}: every Adam / AdamW option`, () => {
        for (const weightDecay of [0, 0.1])
          for (const decoupledWeightDecay of [false, true])
            for (const amsgrad of [false, true])
              for (const maximize of [false, true]) {
                const o = { lr: 0.01, betas: [0.85, 0.995] as [number, number], eps: 1e-7, weightDecay, amsgrad, maximize, decoupledWeightDecay };
                const x0 = inputs(9, n).map((v) => 3 * v);
                const [pf, pc] = [make(x0, dtype, strided), make(x0, dtype, strided)];
                const [sf, sc] = [rules.initAdamState(pf, amsgrad), rules.initAdamState(pc, amsgrad)];
                gradients(50).forEach((g, k) => {
                  noGrad(() => rules.adamStep(pf, make(g, dtype, strided), sf, o));
                  rules.adamStep(pc, make(g, dtype, strided), sc, o);
                  same(pf, pc, `${JSON.stringify(o)} step ${k + 1}`);
                  same(sf.expAvg, sc.expAvg, `${JSON.stringify(o)} expAvg`);
                  same(sf.expAvgSq, sc.expAvgSq, `${JSON.stringify(o)} expAvgSq`);
                  if (amsgrad) same(sf.maxExpAvgSq as Tensor, sc.maxExpAvgSq as Tensor, `${JSON.stringify(o)} maxExpAvgSq`);
                  expect(sf.step).toBe(sc.step);
                });
              }
      });
    }
  }
});

describe('rmspropStep', () => {
  for (const [centered, momentum] of [[false, 0], [true, 0], [false, 0.9], [true, 0.5]] as const) {
    it(`matches the formula (centered ${centered}, momentum ${momentum})`, () => {
      const o = { lr: 0.01, alpha: 0.9, eps: 1e-6, weightDecay: 0.05, momentum, centered, maximize: false };
      const sq = zerosN();
      const ga = zerosN();
      const buf = zerosN();
      compare(
        (p) => rules.initRMSpropState(p, o),
        (p, g, s) => rules.rmspropStep(p, g, s, o),
        (x, g) => {
          for (let i = 0; i < N; i++) {
            const gi = g[i] + o.weightDecay * x[i];
            sq[i] = o.alpha * sq[i] + (1 - o.alpha) * gi * gi;
            ga[i] = o.alpha * ga[i] + (1 - o.alpha) * gi;
            const avg = Math.sqrt(centered ? sq[i] - ga[i] * ga[i] : sq[i]) + o.eps;
            if (momentum > 0) {
              buf[i] = momentum * buf[i] + gi / avg;
              x[i] -= o.lr * buf[i];
            } else {
              x[i] -= (o.lr * gi) / avg;
            }
          }
        },
        3,
      );
    });
  }
});

describe('adagradStep', () => {
  it('matches the formula', () => {
    const o = { lr: 0.1, lrDecay: 0.05, weightDecay: 0.1, initialAccumulatorValue: 0.3, eps: 1e-8, maximize: true };
    const sum = new Array<number>(N).fill(o.initialAccumulatorValue);
    compare(
      (p) => rules.initAdagradState(p, o.initialAccumulatorValue),
      (p, g, s) => rules.adagradStep(p, g, s, o),
      (x, g, t) => {
        const clr = o.lr / (1 + (t - 1) * o.lrDecay);
        for (let i = 0; i < N; i++) {
          const gi = -g[i] + o.weightDecay * x[i];
          sum[i] += gi * gi;
          x[i] -= (clr * gi) / (Math.sqrt(sum[i]) + o.eps);
        }
      },
      4,
    );
  });
});

describe('adadeltaStep', () => {
  it('matches the formula', () => {
    const o = { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0.1, maximize: false };
    const sq = zerosN();
    const acc = zerosN();
    compare(
      (p) => rules.initAdadeltaState(p),
      (p, g, s) => rules.adadeltaStep(p, g, s, o),
      (x, g) => {
        for (let i = 0; i < N; i++) {
          const gi = g[i] + o.weightDecay * x[i];
          sq[i] = o.rho * sq[i] + (1 - o.rho) * gi * gi;
          const delta = (Math.sqrt(acc[i] + o.eps) / Math.sqrt(sq[i] + o.eps)) * gi;
          acc[i] = o.rho * acc[i] + (1 - o.rho) * delta * delta;
          x[i] -= o.lr * delta;
        }
      },
      5,
    );
  });
});

describe('adamaxStep', () => {
  it('matches the formula', () => {
    const o = { lr: 0.01, betas: [0.9, 0.99] as [number, number], eps: 1e-8, weightDecay: 0.05, maximize: false };
    const m = zerosN();
    const u = zerosN();
    compare(
      (p) => rules.initAdamaxState(p),
      (p, g, s) => rules.adamaxStep(p, g, s, o),
      (x, g, t) => {
        for (let i = 0; i < N; i++) {
          const gi = g[i] + o.weightDecay * x[i];
          m[i] = o.betas[0] * m[i] + (1 - o.betas[0]) * gi;
          u[i] = Math.max(o.betas[1] * u[i], Math.abs(gi) + o.eps);
          x[i] -= ((o.lr / (1 - o.betas[0] ** t)) * m[i]) / u[i];
        }
      },
      6,
    );
  });
});

describe('nadamStep', () => {
  it('matches the formula (mu product kept in float32 like PyTorch)', () => {
    const o = { lr: 0.01, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weightDecay: 0.1, momentumDecay: 4e-3 };
    const f = Math.fround;
    const m = zerosN();
    const v = zerosN();
    let prod = 1;
    compare(
      (p) => rules.initNAdamState(p),
      (p, g, s) => rules.nadamStep(p, g, s, o),
      (x, g, t) => {
        const mu = o.betas[0] * (1 - 0.5 * 0.96 ** (t * o.momentumDecay));
        const muNext = o.betas[0] * (1 - 0.5 * 0.96 ** ((t + 1) * o.momentumDecay));
        prod = f(prod * f(mu));
        const prodNext = f(f(prod * f(mu)) * f(muNext));
        for (let i = 0; i < N; i++) {
          const gi = g[i] + o.weightDecay * x[i];
          m[i] = o.betas[0] * m[i] + (1 - o.betas[0]) * gi;
          v[i] = o.betas[1] * v[i] + (1 - o.betas[1]) * gi * gi;
          const denom = Math.sqrt(v[i] / (1 - o.betas[1] ** t)) + o.eps;
          x[i] -= (o.lr * (1 - mu) * gi) / (1 - prod) / denom;
          x[i] -= (o.lr * muNext * m[i]) / (1 - prodNext) / denom;
        }
      },
      7,
    );
  });
});

describe('radamStep', () => {
  it('matches the formula before and after rectification starts (rho_t > 5)', () => {
    // beta2 = 0.6: rho_inf = 4 < 5, never rectified; beta2 = 0.9: rectified from step 4 on
    for (const beta2 of [0.6, 0.9]) {
      const o = { lr: 0.01, betas: [0.8, beta2] as [number, number], eps: 1e-8, weightDecay: 0.1 };
      const m = zerosN();
      const v = zerosN();
      compare(
        (p) => rules.initRAdamState(p),
        (p, g, s) => rules.radamStep(p, g, s, o),
        (x, g, t) => {
          const bc1 = 1 - o.betas[0] ** t;
          const bc2 = 1 - beta2 ** t;
          const rhoInf = 2 / (1 - beta2) - 1;
          const rhoT = rhoInf - (2 * t * beta2 ** t) / bc2;
          for (let i = 0; i < N; i++) {
            const gi = g[i] + o.weightDecay * x[i];
            m[i] = o.betas[0] * m[i] + (1 - o.betas[0]) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            let upd = (m[i] / bc1) * o.lr;
            if (rhoT > 5) {
              const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
              upd *= (Math.sqrt(bc2) / (Math.sqrt(v[i]) + o.eps)) * rect;
            }
            x[i] -= upd;
          }
        },
        8,
      );
    }
  });
});
