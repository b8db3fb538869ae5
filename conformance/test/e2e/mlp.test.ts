// A two-layer MLP (Linear-ReLU-Linear) trained with Adam and a scheduler, written with the
// `torchlet` package: per-step loss, learning rate, Adam's beta1 (cycled by OneCycleLR) and weights
// against PyTorch's, from PyTorch's data and initial weights and from the same seed alone.
import { describe, expect, it } from 'vitest';
import { nn, optim, torch } from 'torchlet';
import { compareTensor, fixtureDevice, loadFixture } from '../../src/fixtures.ts';
import {
  drawTolerance,
  expectTrajectory,
  printLossDifferences,
  snapshot,
  stateDictOf,
  stateDictProblems,
  tensorOf,
  type Run,
  type TrajectoryCase,
} from './helpers.ts';

type SchedulerSpec =
  | { name: 'StepLR'; stepSize: number; gamma: number; per: 'epoch' }
  | { name: 'OneCycleLR'; maxLr: number; totalSteps: number; per: 'batch' };

interface MLPCase extends TrajectoryCase {
  epochs: number;
  batches: number[][][];
  optimizer: { name: 'Adam'; lr: number; betas: [number, number] };
  scheduler: SchedulerSpec;
  lrs: number[];
  beta1s: number[];
}

const fixture = loadFixture<MLPCase>('e2e', 'mlp');

const IN = 4;
const HIDDEN = 16;
const CLASSES = 3;
const N = 32;

function makeModel(dtype: torch.DType): nn.Sequential {
  return new nn.Sequential(new nn.Linear(IN, HIDDEN, { dtype }), new nn.ReLU(), new nn.Linear(HIDDEN, CLASSES, { dtype }));
}

/** torch.manual_seed(seed); model = nn.Sequential(...); inputs = torch.randn(32, 4); targets = torch.randint(0, 3, (32,)) */
function fromSeed(c: MLPCase) {
  torch.manualSeed(c.seed);
  const model = makeModel(c.dtype);
  const inputs = torch.randn([N, IN], { dtype: c.dtype });
  const targets = torch.randint(0, CLASSES, [N]);
  return { inputs, targets, model };
}

function fromFixture(c: MLPCase) {
  const model = makeModel(c.dtype);
  model.loadStateDict(stateDictOf(c.initial));
  return { inputs: tensorOf(c.inputs), targets: tensorOf(c.targets), model: model.to(fixtureDevice()) };
}

function makeScheduler(optimizer: optim.Adam, s: SchedulerSpec) {
  return s.name === 'StepLR'
    ? new optim.lrScheduler.StepLR(optimizer, { stepSize: s.stepSize, gamma: s.gamma })
    : new optim.lrScheduler.OneCycleLR(optimizer, { maxLr: s.maxLr, totalSteps: s.totalSteps });
}

interface MLPRun extends Run {
  lrs: number[];
  beta1s: number[];
}

/** Mini-batches in the recorded order; the scheduler steps per epoch (StepLR) or per batch (OneCycleLR). */
function train(c: MLPCase, inputs: torch.Tensor, targets: torch.Tensor, model: nn.Sequential): MLPRun {
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.Adam(model.parameters(), { lr: c.optimizer.lr, betas: c.optimizer.betas });
  const scheduler = makeScheduler(optimizer, c.scheduler);
  const run: MLPRun = { losses: [], params: [], lrs: [], beta1s: [] };
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    for (const batch of c.batches[epoch]) {
      const index = torch.tensor(batch, { device: inputs.device });
      run.lrs.push(optimizer.paramGroups[0].lr);
      run.beta1s.push(optimizer.paramGroups[0].betas[0]);
      optimizer.zeroGrad();
      const loss = criterion.forward(model.forward(inputs.indexSelect(0, index)), targets.indexSelect(0, index));
      loss.backward();
      optimizer.step();
      if (c.scheduler.per === 'batch') scheduler.step();
      run.losses.push(loss.detach().clone());
      run.params.push(snapshot(model));
    }
    if (c.scheduler.per === 'epoch') scheduler.step();
  }
  return run;
}

function expectSchedule(run: MLPRun, c: MLPCase): void {
  const close = (a: number, e: number) => Math.abs(a - e) <= 1e-12 * Math.abs(e);
  const bad = run.lrs.flatMap((lr, k) => (close(lr, c.lrs[k]) ? [] : [`step ${k + 1}: lr ${lr}, expected ${c.lrs[k]}`]));
  bad.push(...run.beta1s.flatMap((b, k) => (close(b, c.beta1s[k]) ? [] : [`step ${k + 1}: beta1 ${b}, expected ${c.beta1s[k]}`])));
  expect(bad, bad.join('\n')).toEqual([]);
}

describe(`a two-layer MLP with Adam and a scheduler (${fixture.cases.length} PyTorch cases)`, () => {
  printLossDifferences('e2e MLP: max per-step loss difference from PyTorch');

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: from PyTorch’s data and weights (loadStateDict)', (_id, c) => {
    const { inputs, targets, model } = fromFixture(c);
    const run = train(c, inputs, targets, model);
    expectSchedule(run, c);
    expectTrajectory(run, c);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: manualSeed reproduces torch’s initial weights and data', (_id, c) => {
    const { inputs, targets, model } = fromSeed(c);
    const draws = drawTolerance(c);
    const problems = [
      ...stateDictProblems(model.stateDict(), c.initial, draws, 'initial'),
      ...compareTensor(inputs, c.inputs, draws).map((p) => `inputs: ${p}`),
      ...compareTensor(targets, c.targets, draws).map((p) => `targets: ${p}`),
    ];
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: from the seed alone', (_id, c) => {
    const { inputs, targets, model } = fromSeed(c);
    const run = train(c, inputs, targets, model);
    expectSchedule(run, c);
    expectTrajectory(run, c);
  });
});
