// torch.optim.swa_utils against PyTorch 1.13 (fixtures/optim/swa.json, generator/cases_optim_swa.py):
// SWALR's lr after construction and every step; AveragedModel's state dict after each
// updateParameters (default running mean, an EMA avgFn, useBuffers); updateBn's running statistics.
import { describe, expect, it } from 'vitest';
import {
  AveragedModel,
  BatchNorm1d,
  BatchNorm2d,
  Conv2d,
  Linear,
  ReLU,
  Sequential,
  Tanh,
  updateBn,
  type AveragingFunction,
  type StateDict,
} from '@torchlet/nn-layers';
import { lrScheduler, swaUtils, type SWALROptions } from '@torchlet/optim';
import { zeros, type Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { decodeState } from '../nn-layers/build.js';
import { makeGroupsOptimizer } from './extra-builders.js';
import { expectNumber } from './helpers.js';

type ModelName = 'mlp-bn' | 'conv-bn' | 'linear';
type State = Record<string, EncodedTensor>;

interface SwalrCase extends FixtureCase {
  kind: 'swalr';
  group_lrs: number[];
  options: SWALROptions;
  steps: number;
  pre: { gamma: number; steps: number } | null;
  lrs: number[][];
}

interface AveragedCase extends FixtureCase {
  kind: 'averaged';
  model: ModelName;
  avg_fn: 'default' | 'ema';
  use_buffers: boolean;
  init_state: State;
  snapshots: State[];
  after: State[];
}

interface UpdateBnCase extends FixtureCase {
  kind: 'update_bn';
  model: ModelName;
  state: State;
  batches: EncodedTensor[];
  as_tuples: boolean;
  train_before: boolean;
  state_after: State;
  training_after: boolean;
}

type Case = SwalrCase | AveragedCase | UpdateBnCase;
const fixture = loadFixture<Case>('optim', 'swa');
const byKind = <K extends Case['kind']>(kind: K) =>
  fixture.cases.filter((c): c is Extract<Case, { kind: K }> => c.kind === kind).map((c) => [c.id, c] as const);

/** The generator's build(name), layer for layer. */
function build(name: ModelName, dtype: string): Sequential {
  const m =
    name === 'mlp-bn'
      ? new Sequential(new Linear(3, 4), new BatchNorm1d(4), new ReLU(), new Linear(4, 2))
      : name === 'conv-bn'
        ? new Sequential(new Conv2d(2, 3, 3, { padding: 1 }), new BatchNorm2d(3, { momentum: 0.3 }), new ReLU(), new Conv2d(3, 2, 1), new BatchNorm2d(2))
        : new Sequential(new Linear(4, 3), new Tanh(), new Linear(3, 1));
  return m.to(dtype === 'float64' ? 'float64' : 'float32');
}

function stateProblems(actual: StateDict, expected: State, c: FixtureCase, label: string): string[] {
  const problems: string[] = [];
  const keys = Object.keys(actual);
  if (keys.join(',') !== Object.keys(expected).join(',')) problems.push(`${label}: keys [${keys.join(', ')}], expected [${Object.keys(expected).join(', ')}]`);
  for (const [k, v] of Object.entries(expected)) problems.push(...compareTensor(actual[k], v, c).map((p) => `${label} ${k}: ${p}`));
  return problems;
}

/** 0.1 * averaged + 0.9 * current, as the generator's ema. */
const ema: AveragingFunction = (averaged: Tensor, current: Tensor) => averaged.mul(0.1).add(current.mul(0.9));

describe(`swa_utils (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(byKind('swalr'))('%s', (_id, c) => {
    const opt = makeGroupsOptimizer('SGD', c.group_lrs);
    if (c.pre !== null) {
      const pre = new lrScheduler.ExponentialLR(opt, { gamma: c.pre.gamma });
      for (let i = 0; i < c.pre.steps; i++) pre.step();
    }
    const swa = new swaUtils.SWALR(opt, c.options);
    const check = (k: number) => opt.paramGroups.forEach((g, i) => expectNumber(g.lr, c.lrs[k][i], c, `step ${k} group ${i} lr`));
    check(0);
    for (let k = 1; k <= c.steps; k++) {
      swa.step();
      check(k);
    }
    expect(swa.getLastLr()).toEqual(opt.paramGroups.map((g) => g.lr));
  });

  it.each(byKind('averaged'))('%s', (_id, c) => {
    const m = build(c.model, c.dtype);
    m.loadStateDict(decodeState(c.init_state));
    m.to(fixtureDevice());
    const swa = new AveragedModel(m, { avgFn: c.avg_fn === 'ema' ? ema : null, useBuffers: c.use_buffers });
    const problems: string[] = [];
    c.snapshots.forEach((snapshot, i) => {
      m.loadStateDict(decodeState(snapshot));
      swa.updateParameters(m);
      problems.push(...stateProblems(swa.stateDict(), c.after[i], c, `after update ${i + 1}`));
    });
    expect(problems).toEqual([]);
  });

  it.each(byKind('update_bn'))('%s', (_id, c) => {
    const m = build(c.model, c.dtype);
    m.loadStateDict(decodeState(c.state));
    m.to(fixtureDevice());
    m.train(c.train_before);
    const batches = c.batches.map(decode);
    updateBn(c.as_tuples ? batches.map((b) => [b, zeros([1])] as const) : batches, m);
    expect(stateProblems(m.stateDict(), c.state_after, c, 'state')).toEqual([]);
    expect(m.training).toBe(c.training_after);
  });
});
