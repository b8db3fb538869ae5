// The tutorial's training loop (seed/cross-entropy-with-pytorch.md), written with the `torchlet`
// package as a user would, for 25 steps: per-step loss and weights against PyTorch's, both from
// PyTorch's data and initial weights (loadStateDict) and from the same seed alone.
import { describe, expect, it } from 'vitest';
import { nn, optim, torch } from 'torchlet';
import { compareTensor, fixtureDevice, loadFixture } from '../../src/fixtures.ts';
import {
  expectTrajectory,
  printLossDifferences,
  snapshot,
  stateDictOf,
  drawTolerance,
  stateDictProblems,
  tensorOf,
  type Run,
  type TrajectoryCase,
} from './helpers.ts';

interface TutorialLoopCase extends TrajectoryCase {
  optimizer: { name: 'SGD'; lr: number; momentum?: number };
}

const fixture = loadFixture<TutorialLoopCase>('e2e', 'tutorial_loop');

/** The tutorial's data and model drawn from `torch.manualSeed(seed)`, line by line. */
function fromSeed(c: TutorialLoopCase) {
  torch.manualSeed(c.seed);
  const inputs = torch.randn([10, 3], { dtype: c.dtype }); // Batch size 10, feature vector size 3
  const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]); // Class labels
  const model = new nn.Linear(3, 3, { dtype: c.dtype }); // Linear layer from 3 features to 3 classes
  return { inputs, targets, model };
}

/** PyTorch's data and initial weights, loaded from the fixture. */
function fromFixture(c: TutorialLoopCase) {
  const inputs = tensorOf(c.inputs);
  const targets = tensorOf(c.targets);
  const model = new nn.Linear(3, 3, { dtype: c.dtype });
  model.loadStateDict(stateDictOf(c.initial));
  return { inputs, targets, model: model.to(fixtureDevice()) };
}

/** The loop: forward, loss, zeroGrad, backward, step. */
function train(c: TutorialLoopCase, inputs: torch.Tensor, targets: torch.Tensor, model: nn.Linear): Run {
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: c.optimizer.lr, momentum: c.optimizer.momentum ?? 0 });
  const run: Run = { losses: [], params: [] };
  for (let step = 0; step < c.steps; step++) {
    const outputs = model.forward(inputs);
    const loss = criterion.forward(outputs, targets);
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    run.losses.push(loss.detach().clone());
    run.params.push(snapshot(model));
  }
  return run;
}

describe(`the tutorial's loop, end to end (${fixture.cases.length} PyTorch cases)`, () => {
  printLossDifferences("e2e tutorial loop: max per-step loss difference from PyTorch");

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: from PyTorch’s data and weights (loadStateDict)', (_id, c) => {
    const { inputs, targets, model } = fromFixture(c);
    expectTrajectory(train(c, inputs, targets, model), c);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: manualSeed reproduces torch’s inputs and initial Linear weights', (_id, c) => {
    const { inputs, targets, model } = fromSeed(c);
    const draws = drawTolerance(c);
    const problems = [
      ...compareTensor(inputs, c.inputs, draws).map((p) => `inputs: ${p}`),
      ...compareTensor(targets, c.targets, draws).map((p) => `targets: ${p}`),
      ...stateDictProblems(model.stateDict(), c.initial, draws, 'initial'),
    ];
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s: from the seed alone, as the tutorial is written', (_id, c) => {
    const { inputs, targets, model } = fromSeed(c);
    expectTrajectory(train(c, inputs, targets, model), c);
  });
});
