// Scheduler arguments: every invalid value (where PyTorch raises, or where it would silently give NaN
// or never change the lr) is a ValueError "<Scheduler>: invalid <argument>: expected ..., got ...".
import { describe, expect, it } from 'vitest';
import { ValueError } from '@torchlet/tensor-core';
import { Adagrad, Adam, SGD, lrScheduler } from '../src/index.js';
import { param } from './helpers.js';

const {
  StepLR,
  MultiStepLR,
  ExponentialLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  LinearLR,
  LambdaLR,
  OneCycleLR,
  ReduceLROnPlateau,
  SequentialLR,
} = lrScheduler;

const sgd = (groups = 1) =>
  new SGD(
    Array.from({ length: groups }, () => ({ params: [param([0])] })),
    { lr: 0.1, momentum: 0.9 },
  );

/** Options as a JavaScript caller may pass them (wrong types included). */
type Loose = Record<string, unknown>;
const loose = <T>(o: Loose) => o as unknown as T;

/** `fn` throws a ValueError naming the scheduler and the argument, with what was expected and got. */
function expectInvalid(fn: () => unknown, owner: string, argument: string, got?: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, `${owner} ${argument}: no error`).toBeInstanceOf(ValueError);
  const message = (error as Error).message;
  expect(message.startsWith(`${owner}: invalid ${argument}: expected `), message).toBe(true);
  expect(message).toContain(', got ');
  if (got !== undefined) expect(message.endsWith(`, got ${got}`), message).toBe(true);
}

// [scheduler, argument, build with the bad value, the actual value as the message shows it]
type Case = [string, string, () => unknown, string?];

const CASES: Case[] = [
  // StepLR: PyTorch divides by zero for 0; negatives and fractions decay off-schedule or grow the lr
  ['StepLR', 'stepSize', () => new StepLR(sgd(), loose({})), 'undefined'],
  ['StepLR', 'stepSize', () => new StepLR(sgd(), { stepSize: undefined as unknown as number }), 'undefined'],
  ['StepLR', 'stepSize', () => new StepLR(sgd(), { stepSize: 0 }), '0'],
  ['StepLR', 'stepSize', () => new StepLR(sgd(), { stepSize: -2 }), '-2'],
  ['StepLR', 'stepSize', () => new StepLR(sgd(), { stepSize: 2.5 }), '2.5'],
  ['StepLR', 'stepSize', () => new StepLR(sgd(), loose({ stepSize: '10' })), '10'],
  ['StepLR', 'gamma', () => new StepLR(sgd(), { stepSize: 2, gamma: Number.NaN }), 'NaN'],
  ['StepLR', 'gamma', () => new StepLR(sgd(), { stepSize: 2, gamma: -0.5 }), '-0.5'],
  ['StepLR', 'lastEpoch', () => new StepLR(sgd(), { stepSize: 2, lastEpoch: -2 }), '-2'],
  ['StepLR', 'lastEpoch', () => new StepLR(sgd(), { stepSize: 2, lastEpoch: 1.5 }), '1.5'],
  // MultiStepLR: a list of integer epochs (PyTorch: TypeError for a number; 2.5 is never reached)
  ['MultiStepLR', 'milestones', () => new MultiStepLR(sgd(), loose({})), 'undefined'],
  ['MultiStepLR', 'milestones', () => new MultiStepLR(sgd(), loose({ milestones: 5 })), '5'],
  ['MultiStepLR', 'milestones', () => new MultiStepLR(sgd(), loose({ milestones: '30,80' })), '30,80'],
  ['MultiStepLR', 'milestones[1]', () => new MultiStepLR(sgd(), { milestones: [2, 2.5] }), '2.5'],
  ['MultiStepLR', 'milestones[0]', () => new MultiStepLR(sgd(), { milestones: [-1] }), '-1'],
  ['MultiStepLR', 'gamma', () => new MultiStepLR(sgd(), { milestones: [2], gamma: Number.POSITIVE_INFINITY }), 'Infinity'],
  // ExponentialLR: gamma is required (PyTorch: TypeError at the first step)
  ['ExponentialLR', 'gamma', () => new ExponentialLR(sgd(), loose({})), 'undefined'],
  ['ExponentialLR', 'gamma', () => new ExponentialLR(sgd(), loose({ gamma: null })), 'null'],
  ['ExponentialLR', 'gamma', () => new ExponentialLR(sgd(), { gamma: -0.9 }), '-0.9'],
  // CosineAnnealingLR: TMax 0 divides by zero (PyTorch: ZeroDivisionError)
  ['CosineAnnealingLR', 'TMax', () => new CosineAnnealingLR(sgd(), loose({})), 'undefined'],
  ['CosineAnnealingLR', 'TMax', () => new CosineAnnealingLR(sgd(), { TMax: 0 }), '0'],
  ['CosineAnnealingLR', 'TMax', () => new CosineAnnealingLR(sgd(), { TMax: -5 }), '-5'],
  ['CosineAnnealingLR', 'TMax', () => new CosineAnnealingLR(sgd(), { TMax: Number.POSITIVE_INFINITY }), 'Infinity'],
  ['CosineAnnealingLR', 'etaMin', () => new CosineAnnealingLR(sgd(), { TMax: 5, etaMin: -0.01 }), '-0.01'],
  // CosineAnnealingWarmRestarts: PyTorch's own checks, and etaMin
  ['CosineAnnealingWarmRestarts', 'T0', () => new CosineAnnealingWarmRestarts(sgd(), loose({})), 'undefined'],
  ['CosineAnnealingWarmRestarts', 'T0', () => new CosineAnnealingWarmRestarts(sgd(), { T0: 0 }), '0'],
  ['CosineAnnealingWarmRestarts', 'T0', () => new CosineAnnealingWarmRestarts(sgd(), { T0: 2.5 }), '2.5'],
  ['CosineAnnealingWarmRestarts', 'TMult', () => new CosineAnnealingWarmRestarts(sgd(), { T0: 2, TMult: 0 }), '0'],
  ['CosineAnnealingWarmRestarts', 'TMult', () => new CosineAnnealingWarmRestarts(sgd(), { T0: 2, TMult: 1.5 }), '1.5'],
  ['CosineAnnealingWarmRestarts', 'etaMin', () => new CosineAnnealingWarmRestarts(sgd(), { T0: 2, etaMin: Number.NaN }), 'NaN'],
  // LinearLR: startFactor 0 divides by zero (PyTorch 1.13: ZeroDivisionError; 2.x rejects it)
  ['LinearLR', 'startFactor', () => new LinearLR(sgd(), { startFactor: 0 }), '0'],
  ['LinearLR', 'startFactor', () => new LinearLR(sgd(), { startFactor: 1.5 }), '1.5'],
  ['LinearLR', 'endFactor', () => new LinearLR(sgd(), { endFactor: -1 }), '-1'],
  ['LinearLR', 'endFactor', () => new LinearLR(sgd(), { endFactor: 1.01 }), '1.01'],
  ['LinearLR', 'totalIters', () => new LinearLR(sgd(), { totalIters: 0 }), '0'],
  ['LinearLR', 'totalIters', () => new LinearLR(sgd(), { totalIters: 2.5 }), '2.5'],
  // LambdaLR: a function or one per group (PyTorch: TypeError at the first step for a non-function)
  ['LambdaLR', 'lrLambda', () => new LambdaLR(sgd(), loose({})), 'undefined'],
  ['LambdaLR', 'lrLambda', () => new LambdaLR(sgd(), loose({ lrLambda: 0.5 })), '0.5'],
  ['LambdaLR', 'lrLambda', () => new LambdaLR(sgd(2), { lrLambda: [() => 1] }), 'a list of 1 ([a function])'],
  ['LambdaLR', 'lrLambda[1]', () => new LambdaLR(sgd(2), loose({ lrLambda: [() => 1, 2] })), '2'],
  // OneCycleLR
  ['OneCycleLR', 'maxLr', () => new OneCycleLR(sgd(), loose({ totalSteps: 10 })), 'undefined'],
  ['OneCycleLR', 'maxLr', () => new OneCycleLR(sgd(), { maxLr: -1, totalSteps: 10 }), '-1'],
  ['OneCycleLR', 'maxLr', () => new OneCycleLR(sgd(2), { maxLr: [1, 2, 3], totalSteps: 10 }), 'a list of 3 ([1, 2, 3])'],
  ['OneCycleLR', 'maxLr[1]', () => new OneCycleLR(sgd(2), { maxLr: [1, Number.NaN], totalSteps: 10 }), 'NaN'],
  ['OneCycleLR', 'totalSteps', () => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 0 }), '0'],
  ['OneCycleLR', 'totalSteps', () => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 10.5 }), '10.5'],
  ['OneCycleLR', 'epochs', () => new OneCycleLR(sgd(), { maxLr: 1, epochs: -1, stepsPerEpoch: 10 }), '-1'],
  // PyTorch: TypeError ('<=' between NoneType and int) for epochs without stepsPerEpoch
  ['OneCycleLR', 'stepsPerEpoch', () => new OneCycleLR(sgd(), { maxLr: 1, epochs: 3 }), 'undefined'],
  ['OneCycleLR', 'epochs', () => new OneCycleLR(sgd(), { maxLr: 1, stepsPerEpoch: 3 }), 'undefined'],
  ['OneCycleLR', 'pctStart', () => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 10, pctStart: 1.5 }), '1.5'],
  ['OneCycleLR', 'pctStart', () => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 10, pctStart: -0.1 }), '-0.1'],
  [
    'OneCycleLR',
    'annealStrategy',
    () => new OneCycleLR(sgd(), loose({ maxLr: 1, totalSteps: 10, annealStrategy: 'exp' })),
    "'exp'",
  ],
  ['OneCycleLR', 'divFactor', () => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 10, divFactor: 0 }), '0'],
  ['OneCycleLR', 'finalDivFactor', () => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 10, finalDivFactor: 0 }), '0'],
  [
    'OneCycleLR',
    'maxMomentum',
    () => new OneCycleLR(sgd(2), { maxLr: 1, totalSteps: 10, maxMomentum: [0.9] }),
    'a list of 1 ([0.9])',
  ],
  [
    'OneCycleLR',
    'baseMomentum',
    () => new OneCycleLR(sgd(), loose({ maxLr: 1, totalSteps: 10, baseMomentum: 'high' })),
    'high',
  ],
  [
    'OneCycleLR',
    'cycleMomentum',
    () => new OneCycleLR(sgd(), loose({ maxLr: 1, totalSteps: 10, cycleMomentum: 'false' })),
    'false',
  ],
  ['OneCycleLR', 'cycleMomentum', () => new OneCycleLR(new Adagrad([param([0])]), { maxLr: 1, totalSteps: 10 }), 'true'],
  ['OneCycleLR', 'threePhase', () => new OneCycleLR(sgd(), loose({ maxLr: 1, totalSteps: 10, threePhase: 1 })), '1'],
  // ReduceLROnPlateau
  ['ReduceLROnPlateau', 'factor', () => new ReduceLROnPlateau(sgd(), { factor: 1 }), '1'],
  ['ReduceLROnPlateau', 'factor', () => new ReduceLROnPlateau(sgd(), { factor: -0.5 }), '-0.5'],
  ['ReduceLROnPlateau', 'factor', () => new ReduceLROnPlateau(sgd(), { factor: Number.NaN }), 'NaN'],
  ['ReduceLROnPlateau', 'mode', () => new ReduceLROnPlateau(sgd(), loose({ mode: 'avg' })), "'avg'"],
  ['ReduceLROnPlateau', 'thresholdMode', () => new ReduceLROnPlateau(sgd(), loose({ thresholdMode: 'x' })), "'x'"],
  ['ReduceLROnPlateau', 'minLr', () => new ReduceLROnPlateau(sgd(), { minLr: [0, 0] }), 'a list of 2 ([0, 0])'],
  ['ReduceLROnPlateau', 'minLr[0]', () => new ReduceLROnPlateau(sgd(2), { minLr: [-1, 0] }), '-1'],
  ['ReduceLROnPlateau', 'minLr', () => new ReduceLROnPlateau(sgd(), { minLr: -1 }), '-1'],
  ['ReduceLROnPlateau', 'patience', () => new ReduceLROnPlateau(sgd(), { patience: -1 }), '-1'],
  ['ReduceLROnPlateau', 'patience', () => new ReduceLROnPlateau(sgd(), { patience: Number.NaN }), 'NaN'],
  ['ReduceLROnPlateau', 'cooldown', () => new ReduceLROnPlateau(sgd(), { cooldown: 0.5 }), '0.5'],
  ['ReduceLROnPlateau', 'threshold', () => new ReduceLROnPlateau(sgd(), { threshold: -1e-4 }), '-0.0001'],
  ['ReduceLROnPlateau', 'eps', () => new ReduceLROnPlateau(sgd(), loose({ eps: '1e-8' })), '1e-8'],
];

describe('scheduler arguments: ValueError naming the scheduler, argument, expected and actual', () => {
  for (const [owner, argument, build, got] of CASES) {
    it(`${owner} ${argument} = ${got}`, () => expectInvalid(build, owner, argument, got));
  }
});

describe('SequentialLR', () => {
  it('milestones: one fewer than schedulers, integers, increasing', () => {
    const o = sgd();
    const a = new StepLR(o, { stepSize: 2 });
    const b = new ExponentialLR(o, { gamma: 0.9 });
    const c = new ExponentialLR(o, { gamma: 0.5 });
    expectInvalid(() => new SequentialLR(o, { schedulers: [a, b], milestones: [] }), 'SequentialLR', 'milestones', 'a list of 0 ([])');
    expectInvalid(() => new SequentialLR(o, { schedulers: [a], milestones: [3] }), 'SequentialLR', 'milestones', 'a list of 1 ([3])');
    expectInvalid(() => new SequentialLR(o, loose({ schedulers: [a, b] })), 'SequentialLR', 'milestones', 'undefined');
    expectInvalid(() => new SequentialLR(o, { schedulers: [a, b], milestones: [2.5] }), 'SequentialLR', 'milestones[0]', '2.5');
    expectInvalid(
      () => new SequentialLR(o, { schedulers: [a, b, c], milestones: [5, 3] }),
      'SequentialLR',
      'milestones',
      '[5, 3]',
    );
    expectInvalid(
      () => new SequentialLR(o, { schedulers: [a, b, c], milestones: [3, 3] }),
      'SequentialLR',
      'milestones',
      '[3, 3]',
    );
    expect(() => new SequentialLR(o, { schedulers: [a], milestones: [3] })).toThrow(
      'expected 0 milestones (one more scheduler than milestones: 1 scheduler)',
    );
  });

  it('schedulers: a non-empty list of LRSchedulers, all on this optimizer', () => {
    const o = sgd();
    const a = new StepLR(o, { stepSize: 2 });
    const other = new StepLR(sgd(), { stepSize: 2 });
    expectInvalid(() => new SequentialLR(o, { schedulers: [], milestones: [] }), 'SequentialLR', 'schedulers', '[]');
    expectInvalid(() => new SequentialLR(o, loose({ milestones: [] })), 'SequentialLR', 'schedulers', 'undefined');
    expectInvalid(
      () => new SequentialLR(o, { schedulers: [a, other], milestones: [3] }),
      'SequentialLR',
      'schedulers[1]',
      'a scheduler on another optimizer',
    );
    expect(() => new SequentialLR(o, { schedulers: [a, other], milestones: [3] })).toThrow('same optimizer');
    const plateau = new ReduceLROnPlateau(o);
    expectInvalid(
      () => new SequentialLR(o, loose({ schedulers: [a, plateau], milestones: [3] })),
      'SequentialLR',
      'schedulers[1]',
      'a ReduceLROnPlateau',
    );
  });
});

describe('the optimizer argument must be an Optimizer (PyTorch: "X is not an Optimizer")', () => {
  const notOptimizers: [string, unknown, string][] = [
    ['undefined', undefined, 'undefined'],
    ['a params list', [param([0])], '[a Tensor]'],
    ['an options object', { lr: 0.1 }, 'an object'],
    ['a scheduler', new StepLR(sgd(), { stepSize: 2 }), 'a StepLR'],
  ];
  const builders: [string, (o: never) => unknown][] = [
    ['StepLR', (o) => new StepLR(o, { stepSize: 2 })],
    ['MultiStepLR', (o) => new MultiStepLR(o, { milestones: [2] })],
    ['ExponentialLR', (o) => new ExponentialLR(o, { gamma: 0.9 })],
    ['CosineAnnealingLR', (o) => new CosineAnnealingLR(o, { TMax: 5 })],
    ['CosineAnnealingWarmRestarts', (o) => new CosineAnnealingWarmRestarts(o, { T0: 5 })],
    ['LinearLR', (o) => new LinearLR(o)],
    ['LambdaLR', (o) => new LambdaLR(o, { lrLambda: () => 1 })],
    ['OneCycleLR', (o) => new OneCycleLR(o, { maxLr: 1, totalSteps: 10 })],
    ['ReduceLROnPlateau', (o) => new ReduceLROnPlateau(o)],
    ['SequentialLR', (o) => new SequentialLR(o, { schedulers: [], milestones: [] })],
  ];
  for (const [name, build] of builders) {
    it(name, () => {
      for (const [, value, got] of notOptimizers) expectInvalid(() => build(value as never), name, 'optimizer', got);
    });
  }
  it('an optimizer-shaped object (another copy of the package, a hand-written optimizer) is accepted', () => {
    const groups = [{ lr: 0.1 }];
    const s = new StepLR({ paramGroups: groups, defaults: { lr: 0.1 } }, { stepSize: 1, gamma: 0.5 });
    s.step();
    expect(groups[0].lr).toBe(0.05);
  });
});

describe('failed construction leaves the optimizer as it was', () => {
  it('OneCycleLR checks every option before writing initialLr, maxLr and momentum to the groups', () => {
    const opt = sgd(2);
    const before = JSON.stringify(opt.paramGroups.map(({ params: _p, ...g }) => g));
    expect(() => new OneCycleLR(opt, { maxLr: 1, totalSteps: 10, baseMomentum: [0.8] })).toThrow(ValueError);
    expect(() => new OneCycleLR(opt, { maxLr: 1, totalSteps: 10, lastEpoch: -3 })).toThrow('OneCycleLR: invalid lastEpoch');
    expect(JSON.stringify(opt.paramGroups.map(({ params: _p, ...g }) => g))).toBe(before);
    expect(opt.paramGroups[0].initialLr).toBeUndefined();
  });
  it('other schedulers check their options before setting initialLr', () => {
    const opt = sgd();
    expect(() => new StepLR(opt, { stepSize: 0 })).toThrow(ValueError);
    expect(opt.paramGroups[0].initialLr).toBeUndefined();
  });
});

describe('valid edge values are accepted, as in PyTorch', () => {
  it('StepLR gamma 0 and > 1; MultiStepLR unsorted or repeated milestones, a Set, an empty list', () => {
    expect(() => new StepLR(sgd(), { stepSize: 1, gamma: 0 })).not.toThrow();
    expect(() => new StepLR(sgd(), { stepSize: 1, gamma: 2 })).not.toThrow();
    expect(new MultiStepLR(sgd(), { milestones: [5, 2, 5] }).milestones).toEqual([2, 5, 5]);
    expect(new MultiStepLR(sgd(), loose({ milestones: new Set([3, 1]) })).milestones).toEqual([1, 3]);
    expect(() => new MultiStepLR(sgd(), { milestones: [] })).not.toThrow();
    expect(() => new MultiStepLR(sgd(), { milestones: [0] })).not.toThrow();
  });
  it('CosineAnnealingLR: a fractional TMax works in both forms; LinearLR factor bounds', () => {
    expect(() => new CosineAnnealingLR(sgd(), { TMax: 2.5 })).not.toThrow();
    expect(() => new LinearLR(sgd(), { startFactor: 1, endFactor: 0, totalIters: 1 })).not.toThrow();
  });
  it('OneCycleLR: pctStart 0 and 1, lists of the right length, Adam without momentum', () => {
    expect(() => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 10, pctStart: 0 })).not.toThrow();
    expect(() => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 10, pctStart: 1 })).not.toThrow();
    expect(() => new OneCycleLR(sgd(2), { maxLr: [1, 2], totalSteps: 10, maxMomentum: [0.9, 0.95] })).not.toThrow();
    expect(() => new OneCycleLR(new Adam([param([0])]), { maxLr: 1, totalSteps: 10 })).not.toThrow();
    expect(() => new OneCycleLR(new Adagrad([param([0])]), { maxLr: 1, totalSteps: 10, cycleMomentum: false })).not.toThrow();
  });
  it('ReduceLROnPlateau: factor 0, patience 0, per-group minLr', () => {
    expect(() => new ReduceLROnPlateau(sgd(2), { factor: 0, patience: 0, minLr: [0.01, 0] })).not.toThrow();
  });
});
