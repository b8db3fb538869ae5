// ASGD's and Rprop's rules against their update formulas written out per element in plain JS (float64),
// the optimizers' option checks (PyTorch's ValueErrors, unknown options), and step() through autograd.
import { describe, expect, it } from 'vitest';
import { ValueError, tensor } from '@torchlet/tensor-core';
import { ASGD, Rprop, rules } from '../src/index.js';
import { expectClose, inputs, param, setGrad, values } from './helpers.js';

const N = 5;
const STEPS = 8;
const t64 = (v: number[]) => tensor(v, { dtype: 'float64' });
const grads = (seed: number) => Array.from({ length: STEPS }, (_, k) => inputs(seed + k, N).map((x) => 2 * x));

describe('asgdStep', () => {
  for (const o of [
    { lr: 0.05, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false },
    { lr: 0.1, lambd: 0.05, alpha: 0.5, t0: 2, weightDecay: 0.1, maximize: true },
  ]) {
    it(`matches the formula with ${JSON.stringify(o)}`, () => {
      const x0 = inputs(7, N);
      const p = t64(x0);
      const s = rules.initASGDState(p, o.lr);
      const x = [...x0];
      let ax = new Array<number>(N).fill(0);
      // eta and mu are float32 scalars, as PyTorch's 0-d tensors
      let eta = Math.fround(o.lr);
      let mu = 1;
      grads(11).forEach((g, k) => {
        const t = k + 1;
        rules.asgdStep(p, t64(g), s, o);
        for (let i = 0; i < N; i++) {
          const d = (o.maximize ? -g[i] : g[i]) + o.weightDecay * x[i];
          // x = x (1 - lambd eta) - eta d
          x[i] = x[i] * (1 - o.lambd * eta) - eta * d;
        }
        ax = mu === 1 ? [...x] : ax.map((a, i) => a + (x[i] - a) * mu);
        eta = Math.fround(o.lr / (1 + o.lambd * o.lr * t) ** o.alpha);
        mu = Math.fround(1 / Math.max(1, t - o.t0));
        expectClose(values(p), x);
        expectClose(values(s.ax), ax);
        expect([s.step, s.eta, s.mu]).toEqual([t, eta, mu]);
      });
    });
  }
});

describe('rpropStep', () => {
  for (const o of [
    { lr: 0.05, etas: [0.5, 1.2] as [number, number], stepSizes: [1e-6, 50] as [number, number], maximize: false },
    { lr: 0.2, etas: [0.3, 1.5] as [number, number], stepSizes: [0.01, 0.25] as [number, number], maximize: true },
  ]) {
    it(`matches the formula with ${JSON.stringify(o)}`, () => {
      const p = t64(inputs(3, N));
      const s = rules.initRpropState(p, o.lr);
      const x = inputs(3, N);
      const prev = new Array<number>(N).fill(0);
      const size = new Array<number>(N).fill(o.lr);
      // gradients whose signs flip often, with an exact zero
      const gs = grads(21).map((g, k) => g.map((v, i) => (i === 2 && k === 3 ? 0 : v)));
      gs.forEach((g, k) => {
        rules.rpropStep(p, t64(g), s, o);
        for (let i = 0; i < N; i++) {
          let d = o.maximize ? -g[i] : g[i];
          const sign = Math.sign(d * prev[i]);
          const factor = sign > 0 ? o.etas[1] : sign < 0 ? o.etas[0] : 1;
          size[i] = Math.min(Math.max(size[i] * factor, o.stepSizes[0]), o.stepSizes[1]);
          // a sign change: no move, and the next step compares with 0
          if (sign < 0) d = 0;
          x[i] -= Math.sign(d) * size[i];
          prev[i] = d;
        }
        expectClose(values(p), x);
        expectClose(values(s.stepSize), size);
        expectClose(values(s.prev), prev);
        expect(s.step).toBe(k + 1);
      });
    });
  }
});

describe('ASGD and Rprop options', () => {
  const p = () => [param([1, 2])];
  it('defaults are PyTorch 1.13s', () => {
    expect(new ASGD(p()).defaults).toEqual({ lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false });
    expect(new Rprop(p()).defaults).toEqual({ lr: 1e-2, etas: [0.5, 1.2], stepSizes: [1e-6, 50], maximize: false });
  });

  it('options set to undefined take their default; each optimizer has its own arrays', () => {
    expect(new Rprop(p(), { etas: undefined, lr: 0.1 }).defaults.etas).toEqual([0.5, 1.2]);
    const a = new Rprop(p());
    a.paramGroups[0].etas[0] = 0.3;
    expect(new Rprop(p()).defaults.etas[0]).toBe(0.5);
  });

  it("PyTorch's ValueErrors: negative lr / weightDecay, etas outside 0 < etaminus < 1 < etaplus", () => {
    expect(() => new ASGD(p(), { lr: -0.1 })).toThrow('ASGD: invalid lr: expected a number >= 0, got -0.1');
    expect(() => new ASGD(p(), { weightDecay: -1 })).toThrow(ValueError);
    expect(() => new Rprop(p(), { lr: -1 })).toThrow('Rprop: invalid lr');
    for (const etas of [[1.5, 1.2], [0, 1.2], [0.5, 0.9], [0.5, 1], [0.5, Infinity]] as [number, number][]) {
      expect(() => new Rprop(p(), { etas })).toThrow(`Rprop: invalid etas: expected 0 < etaminus < 1 < etaplus, got [${etas.join(', ')}]`);
    }
    expect(() => new Rprop(p(), { etas: [0.5] as unknown as [number, number] })).toThrow(
      'Rprop: invalid etas: expected a pair [etaminus, etaplus], got [0.5]',
    );
  });

  it('what PyTorch lets through to NaN, a math domain error or an uphill step', () => {
    expect(() => new ASGD(p(), { lambd: -5 })).toThrow('ASGD: invalid lambd: expected a finite number >= 0, got -5');
    expect(() => new ASGD(p(), { alpha: Number.NaN })).toThrow('ASGD: invalid alpha');
    expect(() => new ASGD(p(), { t0: Number.NaN })).toThrow('ASGD: invalid t0');
    expect(() => new ASGD(p(), { maximize: 'yes' as never })).toThrow('ASGD: invalid maximize: expected true or false');
    expect(() => new Rprop(p(), { stepSizes: [-1, 50] })).toThrow('Rprop: invalid stepSizes[0]');
    expect(() => new Rprop(p(), { stepSizes: [1, 0.5] })).toThrow('Rprop: invalid stepSizes[1]: expected a number >= stepSizes[0] (1), got 0.5');
    expect(() => new Rprop(p(), { stepSizes: [0, Infinity] })).not.toThrow();
  });

  it('unknown options are rejected (Python: unexpected keyword argument); param groups may carry extra keys', () => {
    expect(() => new ASGD(p(), { lamda: 0.1 } as never)).toThrow(
      "ASGD: invalid options: expected only lr, lambd, alpha, t0, weightDecay, maximize, got unknown option 'lamda'",
    );
    expect(() => new Rprop(p(), { foreach: false } as never)).toThrow("Rprop: invalid options: expected only lr, etas, stepSizes, maximize, got unknown option 'foreach'");
    expect(() => new Rprop([{ params: p(), name: 'head' } as never])).not.toThrow();
    expect(() => new Rprop([{ params: p(), etas: [2, 3] }])).toThrow('Rprop: invalid etas');
  });

  it('step() updates leaves that require grad and keeps PyTorch-named state', () => {
    const w = param([1, -2, 3]);
    const opt = new Rprop([w], { lr: 0.1 });
    setGrad(w, [0.5, -0.5, 0]);
    opt.step();
    expectClose(values(w), [0.9, -1.9, 3]);
    expect(Object.keys(opt.state.get(w) ?? {}).sort()).toEqual(['prev', 'step', 'stepSize']);
    const v = param([1, 2]);
    const asgd = new ASGD([v], { lr: 0.1, t0: 0 });
    setGrad(v, [1, 1]);
    asgd.step();
    expect(Object.keys(asgd.state.get(v) ?? {}).sort()).toEqual(['ax', 'eta', 'mu', 'step']);
    expect(w.isLeaf && v.isLeaf).toBe(true);
  });
});
