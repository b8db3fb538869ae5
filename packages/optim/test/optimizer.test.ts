// The Optimizer base: zeroGrad, param groups, skipping params without grads, state dicts.
import { describe, expect, it } from 'vitest';
import { Adagrad, Adam, AdamW, LBFGS, RMSprop, SGD, type Param } from '../src/index.js';
import { inputs, param, setGrad, values } from './helpers.js';

describe('zeroGrad', () => {
  it('defaults to setToNone: true (grads become null)', () => {
    const a = param([1, 2]);
    const b = param([3]);
    setGrad(a, [0.5, 0.5]);
    const opt = new SGD([a, b], { lr: 0.1 });
    opt.zeroGrad();
    expect(a.grad).toBeNull();
    expect(b.grad).toBeNull();
  });
  it('setToNone: false zeroes the same grad tensor in place', () => {
    const a = param([1, 2]);
    setGrad(a, [0.5, -0.5]);
    const g = a.grad;
    new SGD([a], { lr: 0.1 }).zeroGrad({ setToNone: false });
    expect(a.grad).toBe(g);
    expect(values(a.grad!)).toEqual([0, 0]);
  });
});

describe('param groups', () => {
  it('fill missing options from the defaults and keep per-group ones', () => {
    const a = param([1]);
    const b = param([2]);
    const opt = new SGD([{ params: [a] }, { params: [b], lr: 0.5, momentum: 0.9 }], { lr: 0.1 });
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([[0.1, 0], [0.5, 0.9]]);
    setGrad(a, [1]);
    setGrad(b, [1]);
    opt.step();
    // x - lr * g per group
    expect(values(a)).toEqual([1 - 0.1]);
    expect(values(b)).toEqual([2 - 0.5]);
  });
  it('addParamGroup adds a group that steps with its own options; lr can be edited in place', () => {
    const a = param([1]);
    const b = param([2]);
    const opt = new SGD([a], { lr: 0.1 });
    opt.addParamGroup({ params: [b], lr: 0.25 });
    opt.paramGroups[0].lr = 0.5;
    setGrad(a, [2]);
    setGrad(b, [2]);
    opt.step();
    expect(values(a)).toEqual([1 - 0.5 * 2]);
    expect(values(b)).toEqual([2 - 0.25 * 2]);
  });
  it('params with a null grad are skipped and get no state', () => {
    const a = param([1]);
    const b = param([2]);
    const opt = new Adam([a, b]);
    setGrad(a, [1]);
    opt.step();
    expect(values(b)).toEqual([2]);
    expect(opt.state.has(a)).toBe(true);
    expect(opt.state.has(b)).toBe(false);
  });
  it('Adagrad creates its state at construction (sum = initialAccumulatorValue), like PyTorch', () => {
    const a = param([1, 2]);
    const opt = new Adagrad([a], { initialAccumulatorValue: 0.5 });
    const s = opt.stateDict().state[0];
    expect(s.step).toBe(0);
    expect(values(s.sum)).toEqual([0.5, 0.5]);
  });
  it('step(closure) returns the closure loss', () => {
    const a = param([1]);
    const opt = new SGD([a], { lr: 0.1 });
    expect(opt.step(() => 42)).toBe(42);
    expect(opt.step()).toBeUndefined();
  });
});

/** Run `steps` steps with deterministic grads from a fixed quadratic g = x - c (recomputed each step). */
function run(opt: { step(): unknown }, params: Param[], from: number, to: number): void {
  for (let k = from; k < to; k++) {
    params.forEach((p, i) => {
      const c = inputs(100 * i + k, p.numel());
      setGrad(p, values(p).map((x, j) => x - c[j]));
    });
    opt.step();
  }
}

describe('stateDict / loadStateDict', () => {
  const makers: [string, (ps: Param[]) => SGD | Adam | RMSprop | Adagrad][] = [
    ['SGD', (ps) => new SGD([{ params: [ps[0]] }, { params: [ps[1]], momentum: 0.5 }], { lr: 0.1, momentum: 0.9, nesterov: true })],
    ['Adam', (ps) => new Adam(ps, { lr: 0.05, amsgrad: true })],
    ['RMSprop', (ps) => new RMSprop(ps, { centered: true, momentum: 0.9 })],
    ['Adagrad', (ps) => new Adagrad(ps, { lrDecay: 0.1 })],
  ];
  for (const [name, make] of makers) {
    it(`${name}: resuming from a state dict equals the uninterrupted run`, () => {
      const init = [inputs(1, 3), inputs(2, 2)];
      const straight = init.map((v) => param(v));
      run(make(straight), straight, 0, 7);

      const first = init.map((v) => param(v));
      const optA = make(first);
      run(optA, first, 0, 3);
      const saved = optA.stateDict();
      const at3 = first.map((p) => values(p));
      run(optA, first, 3, 4); // stepping on must not change the saved dict
      // a fresh optimizer on the params as they were at step 3, resumed from the dict
      const second = at3.map((v) => param(v));
      const optB = make(second);
      (optB as { loadStateDict(d: unknown): void }).loadStateDict(saved);
      run(optB, second, 3, 7);
      second.forEach((p, i) => expect(values(p)).toEqual(values(straight[i])));
    });
  }

  it('has PyTorch layout: state keyed by param index, groups with options and param indices', () => {
    const ps = [param([1]), param([2]), param([3])];
    const opt = new SGD([{ params: [ps[0], ps[1]] }, { params: [ps[2]], lr: 0.5 }], { lr: 0.1, momentum: 0.9 });
    ps.forEach((p) => setGrad(p, [1]));
    opt.step();
    const sd = opt.stateDict();
    expect(Object.keys(sd.state)).toEqual(['0', '1', '2']);
    expect(sd.paramGroups.map((g) => g.params)).toEqual([[0, 1], [2]]);
    expect(sd.paramGroups[1]).toMatchObject({ lr: 0.5, momentum: 0.9, dampening: 0, nesterov: false });
    // a snapshot: tensors are copies
    expect(sd.state[0].momentumBuffer).not.toBe(opt.state.get(ps[0])?.momentumBuffer);
  });

  it('loadStateDict restores group options and casts state tensors to the param dtype', () => {
    const a64 = [param([1, 2], 'float64')];
    const opt64 = new Adam(a64, { lr: 0.3 });
    setGrad(a64[0], [1, 1]);
    opt64.step();
    const a32 = [param([1, 2], 'float32')];
    const opt32 = new Adam(a32, { lr: 0.001 });
    opt32.loadStateDict(opt64.stateDict());
    expect(opt32.paramGroups[0].lr).toBe(0.3);
    expect(opt32.paramGroups[0].params[0]).toBe(a32[0]);
    expect(opt32.state.get(a32[0])?.expAvg.dtype).toBe('float32');
  });

  it('options a saved dict lacks take the defaults; AdamW always keeps decoupledWeightDecay', () => {
    const a = [param([1, 2])];
    const adamw = new AdamW(a, { lr: 0.2 });
    const saved = adamw.stateDict();
    // a dict saved before the option existed
    delete (saved.paramGroups[0] as Partial<(typeof saved.paramGroups)[0]>).decoupledWeightDecay;
    const b = [param([1, 2])];
    const restored = new AdamW(b);
    restored.loadStateDict(saved);
    expect(restored.paramGroups[0].lr).toBe(0.2);
    expect(restored.paramGroups[0].decoupledWeightDecay).toBe(true);
    // an Adam dict loaded into AdamW: AdamW's update still (PyTorch's AdamW.__setstate__)
    const fromAdam = new Adam([param([1, 2])], { weightDecay: 0.1 }).stateDict();
    restored.loadStateDict(fromAdam);
    expect(restored.paramGroups[0].weightDecay).toBe(0.1);
    expect(restored.paramGroups[0].decoupledWeightDecay).toBe(true);
    // and into Adam, a dict without the option gives Adam's default
    const adam = new Adam([param([1, 2])]);
    adam.loadStateDict(saved);
    expect(adam.paramGroups[0].decoupledWeightDecay).toBe(false);
  });

  it('LBFGS state (history lists) round-trips', () => {
    const make = (x: Param) => new LBFGS([x], { maxIter: 3, historySize: 2 });
    const closureFor = (x: Param) => () => {
      // f = sum (x_i - i)^2 + x0 x1, g = 2 (x_i - i) + coupling
      const v = values(x);
      const g = v.map((xi, i) => 2 * (xi - i) + (i === 0 ? v[1] : i === 1 ? v[0] : 0));
      setGrad(x, g);
      return v.reduce((s, xi, i) => s + (xi - i) ** 2, 0) + v[0] * v[1];
    };
    const straight = param([3, -2, 1]);
    const s = make(straight);
    for (let k = 0; k < 3; k++) s.step(closureFor(straight));
    const a = param([3, -2, 1]);
    const optA = make(a);
    optA.step(closureFor(a));
    const saved = optA.stateDict();
    const b = param(values(a));
    const optB = make(b);
    optB.loadStateDict(saved);
    for (let k = 0; k < 2; k++) optB.step(closureFor(b));
    expect(values(b)).toEqual(values(straight));
  });
});
