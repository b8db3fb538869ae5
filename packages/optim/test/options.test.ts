// Options set to `undefined` fall back to their defaults exactly as omitted ones do: same resolved
// options, same trajectory. Expected values come from the optimizer built without those options.
import { describe, expect, it } from 'vitest';
import { ValueError, tensor } from '@torchlet/tensor-core';
import {
  Adadelta,
  Adagrad,
  Adam,
  AdamW,
  Adamax,
  LBFGS,
  NAdam,
  RAdam,
  RMSprop,
  SGD,
  lrScheduler,
  type Optimizer,
  type Param,
} from '../src/index.js';
import { withDefaults } from '../src/internal.js';
import { inputs, param, setGrad, values } from './helpers.js';

type AnyOptimizer = Optimizer<{ lr: number }, object>;
type Build = (params: Param[], options: Record<string, unknown>) => AnyOptimizer;

/** `{ key: undefined }` for every key of `obj` except `keep`. */
function allUndefined(obj: object, keep: readonly string[] = []): Record<string, undefined> {
  return Object.fromEntries(Object.keys(obj).filter((k) => !keep.includes(k)).map((k) => [k, undefined]));
}

/** Param values after each of `steps` steps with fixed pseudo-random gradients (two params). */
function trajectory(make: (params: Param[]) => AnyOptimizer, steps = 6): number[][] {
  const params = [param([0.5, -1, 2]), param([0.25, 3])];
  const opt = make(params);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    params.forEach((p, i) => setGrad(p, inputs(100 * k + i + 1, p.numel())));
    opt.step();
    out.push(params.flatMap((p) => values(p)));
  }
  return out;
}

// Each optimizer with the options it is given beside the undefined ones (SGD needs lr).
const OPTIMIZERS: [string, Build, Record<string, unknown>][] = [
  ['SGD', (p, o) => new SGD(p, o as { lr: number }), { lr: 0.1 }],
  ['Adam', (p, o) => new Adam(p, o), {}],
  ['AdamW', (p, o) => new AdamW(p, o), {}],
  ['RMSprop', (p, o) => new RMSprop(p, o), {}],
  ['Adagrad', (p, o) => new Adagrad(p, o), {}],
  ['Adadelta', (p, o) => new Adadelta(p, o), {}],
  ['Adamax', (p, o) => new Adamax(p, o), {}],
  ['NAdam', (p, o) => new NAdam(p, o), {}],
  ['RAdam', (p, o) => new RAdam(p, o), {}],
];

describe('explicit undefined options fall back to the defaults', () => {
  it('the reported cases: SGD momentum, Adam betas', () => {
    const sgd = new SGD([param([1])], { lr: 0.1, momentum: undefined });
    expect(sgd.defaults).toEqual(new SGD([param([1])], { lr: 0.1 }).defaults);
    const adam = new Adam([param([1])], { betas: undefined });
    expect(adam.paramGroups[0].betas).toEqual(new Adam([param([1])]).paramGroups[0].betas);
    expect(
      trajectory((p) => new SGD(p, { lr: 0.1, momentum: undefined }) as unknown as AnyOptimizer),
    ).toEqual(trajectory((p) => new SGD(p, { lr: 0.1 }) as unknown as AnyOptimizer));
    expect(trajectory((p) => new Adam(p, { betas: undefined }) as unknown as AnyOptimizer)).toEqual(
      trajectory((p) => new Adam(p) as unknown as AnyOptimizer),
    );
  });

  for (const [name, build, given] of OPTIMIZERS) {
    it(`${name}: every option undefined gives the defaults and the same trajectory`, () => {
      const reference = build([param([1])], given);
      // every option the optimizer has, from its own defaults (not a typed list)
      const undefinedOptions = { ...allUndefined(reference.defaults, Object.keys(given)), ...given };
      expect(Object.keys(undefinedOptions).length).toBeGreaterThan(3);
      const withUndefined = build([param([1])], undefinedOptions);
      expect(withUndefined.defaults).toEqual(reference.defaults);
      expect(withUndefined.stateDict().paramGroups).toEqual(reference.stateDict().paramGroups);
      expect(trajectory((p) => build(p, undefinedOptions))).toEqual(trajectory((p) => build(p, given)));
    });

    it(`${name}: a param group's undefined options come from the optimizer's defaults`, () => {
      // non-default options for the optimizer, so a group falling back to them is visible
      const reference = build([param([1])], given);
      const custom = { ...given, lr: reference.defaults.lr * 0.5 };
      const groupUndefined = allUndefined(reference.defaults);
      const a = trajectory((p) => build([{ params: p, ...groupUndefined }] as unknown as Param[], custom));
      const b = trajectory((p) => build([{ params: p }] as unknown as Param[], custom));
      expect(a).toEqual(b);
      const opt = build([param([1])], custom);
      opt.addParamGroup({ params: [param([2])], ...groupUndefined });
      const { params: _a, ...added } = opt.paramGroups[1];
      const { params: _b, ...first } = opt.paramGroups[0];
      expect(added).toEqual(first);
    });
  }

  it('SGD: a group with lr undefined takes the default lr; a group option still overrides it', () => {
    const opt = new SGD(
      [{ params: [param([1])], lr: undefined, momentum: undefined }, { params: [param([2])], lr: 0.5 }],
      { lr: 0.1, momentum: 0.9 },
    );
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([
      [0.1, 0.9],
      [0.5, 0.9],
    ]);
  });

  it("SGD: lr is still required when undefined (PyTorch 1.13 has no default lr)", () => {
    expect(() => new SGD([param([1])], { lr: undefined } as unknown as { lr: number })).toThrow(ValueError);
    expect(() => new SGD([param([1])], { lr: undefined } as unknown as { lr: number })).toThrow(
      "SGD: argument 'lr' is required",
    );
    expect(() => new SGD([param([1])], { momentum: 0.9 } as unknown as { lr: number })).toThrow("'lr' is required");
  });

  it('LBFGS: undefined options, maxEval undefined follows the given maxIter', () => {
    const reference = new LBFGS([param([1])], { maxIter: 8 });
    const withUndefined = new LBFGS([param([1])], { ...allUndefined(reference.defaults), maxIter: 8 });
    expect(withUndefined.defaults).toEqual(reference.defaults);
    expect(withUndefined.defaults.maxEval).toBe(Math.floor((8 * 5) / 4));
    expect(withUndefined.defaults.lineSearchFn).toBeNull();
    // the same minimization of sum(w (x - c)^2), from the same start
    const run = (opt: LBFGS, x: Param) => {
      const c = [1, -2, 0.5];
      const w = [1, 10, 0.1];
      for (let k = 0; k < 3; k++) {
        opt.step(() => {
          const xs = values(x);
          // f = sum w (x - c)^2, grad = 2 w (x - c)
          setGrad(x, xs.map((v, i) => 2 * w[i] * (v - c[i])));
          return xs.reduce((s, v, i) => s + w[i] * (v - c[i]) ** 2, 0);
        });
      }
      return values(x);
    };
    for (const lineSearchFn of [undefined, 'strong_wolfe'] as const) {
      const x1 = param([3, 3, 3]);
      const x2 = param([3, 3, 3]);
      const given = lineSearchFn === undefined ? {} : { lineSearchFn };
      const a = run(new LBFGS([x1], { ...allUndefined(reference.defaults), ...given }), x1);
      const b = run(new LBFGS([x2], given), x2);
      expect(a).toEqual(b);
    }
  });

  it('null or missing options mean no options; a non-object is a ValueError naming options', () => {
    expect(new Adam([param([1])], null as unknown as undefined).defaults).toEqual(new Adam([param([1])]).defaults);
    expect(() => new Adam([param([1])], 0.01 as never)).toThrow(ValueError);
    expect(() => new Adam([param([1])], 0.01 as never)).toThrow(
      'Adam: invalid options: expected an options object ({ name: value, ... }), got 0.01',
    );
    expect(() => new lrScheduler.StepLR(new SGD([param([1])], { lr: 0.1 }), 30 as never)).toThrow(
      'StepLR: invalid options: expected an options object',
    );
  });

  it('null is a value, not "not set": validation rejects it where it is not allowed', () => {
    expect(() => new Adam([param([1])], { eps: null as unknown as number })).toThrow('Adam: invalid eps');
  });

  it('withDefaults: undefined keeps the default, other values (null, false, 0) replace it', () => {
    const d = { a: 1, b: 2, c: true as boolean, e: 'x' as string | null };
    expect(withDefaults('T', d, { a: undefined, b: 0, c: false, e: null })).toEqual({ a: 1, b: 0, c: false, e: null });
    expect(withDefaults('T', d, undefined)).toEqual(d);
    // the defaults object is not modified
    expect(d).toEqual({ a: 1, b: 2, c: true, e: 'x' });
  });
});

describe('schedulers: explicit undefined options fall back to the defaults', () => {
  const sgd = () => new SGD([{ params: [param([0])], lr: 0.1 }, { params: [param([0])], lr: 0.02 }], { lr: 0.1, momentum: 0.9 });
  const adam = () => new Adam([param([0])], { lr: 0.01 });

  /** The lrs (and momentum) after construction and each of `n` steps. */
  function lrTrace(
    opt: SGD | Adam,
    make: () => { step(): void } | lrScheduler.ReduceLROnPlateau,
    n = 12,
    metrics: number[] = [],
  ): number[][] {
    const s = make();
    const state = () => opt.paramGroups.flatMap((g) => [g.lr, 'momentum' in g ? g.momentum : g.betas[0]]);
    const out = [state()];
    for (let k = 0; k < n; k++) {
      if (s instanceof lrScheduler.ReduceLROnPlateau) s.step(metrics[k]);
      else s.step();
      out.push(state());
    }
    return out;
  }

  // [name, options with undefined, the same options without them, optimizer factory]
  const CASES: [string, Record<string, unknown>, Record<string, unknown>, () => SGD | Adam][] = [
    ['StepLR', { stepSize: 3, gamma: undefined, lastEpoch: undefined }, { stepSize: 3 }, sgd],
    ['MultiStepLR', { milestones: [2, 5, 5], gamma: undefined, lastEpoch: undefined }, { milestones: [2, 5, 5] }, sgd],
    ['ExponentialLR', { gamma: 0.8, lastEpoch: undefined }, { gamma: 0.8 }, sgd],
    ['CosineAnnealingLR', { TMax: 4, etaMin: undefined, lastEpoch: undefined }, { TMax: 4 }, sgd],
    [
      'CosineAnnealingWarmRestarts',
      { T0: 2, TMult: undefined, etaMin: undefined, lastEpoch: undefined },
      { T0: 2 },
      sgd,
    ],
    ['LinearLR', { startFactor: undefined, endFactor: undefined, totalIters: undefined, lastEpoch: undefined }, {}, sgd],
    [
      'OneCycleLR',
      {
        maxLr: 0.5,
        totalSteps: 12,
        epochs: undefined,
        stepsPerEpoch: undefined,
        pctStart: undefined,
        annealStrategy: undefined,
        cycleMomentum: undefined,
        baseMomentum: undefined,
        maxMomentum: undefined,
        divFactor: undefined,
        finalDivFactor: undefined,
        threePhase: undefined,
        lastEpoch: undefined,
      },
      { maxLr: 0.5, totalSteps: 12 },
      adam,
    ],
  ];

  for (const [name, withUndefined, without, makeOpt] of CASES) {
    it(`${name}`, () => {
      const S = lrScheduler as unknown as Record<
        string,
        new (o: SGD | Adam, options: Record<string, unknown>) => { step(): void }
      >;
      const o1 = makeOpt();
      const o2 = makeOpt();
      const a = lrTrace(o1, () => new S[name](o1, withUndefined), name === 'OneCycleLR' ? 11 : 12);
      const b = lrTrace(o2, () => new S[name](o2, without), name === 'OneCycleLR' ? 11 : 12);
      expect(a).toEqual(b);
    });
  }

  it('LambdaLR and SequentialLR with lastEpoch undefined', () => {
    const run = (lastEpoch: { lastEpoch?: undefined }) => {
      const opt = sgd();
      return lrTrace(opt, () => {
        const warm = new lrScheduler.LambdaLR(opt, { lrLambda: (t) => 1 / (t + 1), ...lastEpoch });
        const decay = new lrScheduler.ExponentialLR(opt, { gamma: 0.5, ...lastEpoch });
        return new lrScheduler.SequentialLR(opt, { schedulers: [warm, decay], milestones: [3], ...lastEpoch });
      });
    };
    expect(run({ lastEpoch: undefined })).toEqual(run({}));
  });

  it('ReduceLROnPlateau with every option undefined', () => {
    const metrics = [1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9];
    const all = {
      mode: undefined,
      factor: undefined,
      patience: undefined,
      threshold: undefined,
      thresholdMode: undefined,
      cooldown: undefined,
      minLr: undefined,
      eps: undefined,
    };
    const o1 = sgd();
    const o2 = sgd();
    const a = lrTrace(o1, () => new lrScheduler.ReduceLROnPlateau(o1, all), 15, metrics);
    const b = lrTrace(o2, () => new lrScheduler.ReduceLROnPlateau(o2), 15, metrics);
    expect(a).toEqual(b);
    // and the defaults did reduce the lr (patience 10), so the comparison is not vacuous
    expect(a[a.length - 1][0]).toBeLessThan(a[0][0]);
  });
});

describe('defaults are not shared between optimizers', () => {
  it('the betas default is a fresh pair per optimizer', () => {
    const a = new Adam([tensor([1], { dtype: 'float64' })]);
    const b = new Adam([tensor([1], { dtype: 'float64' })]);
    expect(a.paramGroups[0].betas).not.toBe(b.paramGroups[0].betas);
  });
});

describe('unknown constructor options', () => {
  it("are refused by every optimizer (PyTorch's TypeError), naming the camelCase spelling", () => {
    const p = [param([1, 2])];
    expect(() => new SGD(p, { lr: 0.1, weight_decay: 1 } as never)).toThrow(
      "SGD: invalid options: expected only momentum, dampening, weightDecay, nesterov, maximize, lr, got unknown option 'weight_decay' (did you mean 'weightDecay'? options are PyTorch's keyword arguments in camelCase)",
    );
    expect(() => new Adam(p, { amsGrad: true } as never)).toThrow(/Adam: invalid options: .*unknown option 'amsGrad' \(did you mean 'amsgrad'/);
    expect(() => new LBFGS(p, { max_iter: 5 } as never)).toThrow(/did you mean 'maxIter'/);
    expect(new SGD(p, { lr: 0.1, weightDecay: 1 }).paramGroups[0].weightDecay).toBe(1);
  });
});

describe('unknown scheduler options', () => {
  it("are refused by every scheduler (PyTorch's TypeError), naming the camelCase spelling", () => {
    const opt = () => new SGD([param([1, 2])], { lr: 0.1 });
    expect(() => new lrScheduler.StepLR(opt(), { step_size: 2 } as never)).toThrow(/StepLR: invalid options: .*unknown option 'step_size' \(did you mean 'stepSize'/);
    expect(() => new lrScheduler.ReduceLROnPlateau(opt(), { min_lr: 0 } as never)).toThrow(/did you mean 'minLr'/);
    expect(() => new lrScheduler.OneCycleLR(opt(), { maxLr: 1, totalSteps: 10, three_phase: true } as never)).toThrow(/did you mean 'threePhase'/);
    expect(() => new lrScheduler.CosineAnnealingLR(opt(), { TMax: 10, verbose: true } as never)).toThrow(/unknown option 'verbose'/);
    expect(new lrScheduler.StepLR(opt(), { stepSize: 2, gamma: 0.5 }).getLastLr()).toEqual([0.1]);
  });
});
