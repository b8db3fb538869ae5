// The tutorial's three snippets (seed/cross-entropy-with-pytorch.md), written with the `torchlet`
// package as a user would (the code of packages/torchlet/README.md), each with its optimizer step:
// loss, gradients and updated weights against PyTorch's, run once from the same seed exactly as the
// tutorial is written and once from PyTorch's inputs and weights (loadStateDict).
import { describe, expect, it } from 'vitest';
import { F, nn, torch } from 'torchlet';
import { compareTensor, fixtureDevice, loadFixture, type EncodedTensor } from '../../src/fixtures.ts';
import { drawTolerance, snapshot, stateDictOf, stateDictProblems, tensorOf, type EncodedStateDict } from './helpers.ts';

interface SnippetResult {
  inputs: EncodedTensor;
  initial?: EncodedStateDict;
  outputs?: EncodedTensor;
  loss: EncodedTensor;
  grads: { weight: EncodedTensor; bias: EncodedTensor };
  after: EncodedStateDict;
  as_written?: EncodedTensor;
}

interface SnippetsCase {
  id: string;
  dtype: 'float32' | 'float64';
  rtol: number;
  atol: number;
  seed: number;
  lr: number;
  targets: EncodedTensor;
  initial: EncodedStateDict;
  module_ce: SnippetResult;
  log_softmax_nll: SnippetResult;
  custom: SnippetResult;
}

const fixture = loadFixture<SnippetsCase>('e2e', 'snippets');

// ---- the tutorial's code, ported ---------------------------------------------------------------

/** The tutorial's custom_cross_entropy, without its bug: nllLoss is already negative, so no `-`. */
function customCrossEntropy(outputs: torch.Tensor, targets: torch.Tensor): torch.Tensor {
  const logProbs = torch.nn.functional.logSoftmax(outputs, 1);
  const loss = torch.nn.functional.nllLoss(logProbs, targets, { reduction: 'mean' }); // not negated
  return loss;
}

interface Step {
  outputs: torch.Tensor;
  loss: torch.Tensor;
  model: nn.Linear;
}

/** Backpropagation and optimization, as in every snippet. */
function backpropAndStep(model: nn.Linear, loss: torch.Tensor, lr: number): void {
  const optimizer = new torch.optim.SGD(model.parameters(), { lr });
  optimizer.zeroGrad(); // Clear gradients
  loss.backward(); // Backpropagate loss
  optimizer.step(); // Update model parameters
}

/** Snippet 1: nn.CrossEntropyLoss. */
function snippet1(inputs: torch.Tensor, targets: torch.Tensor, model: nn.Linear, lr: number): Step {
  const criterion = new nn.CrossEntropyLoss();
  const outputs = model.forward(inputs);
  const loss = criterion.forward(outputs, targets);
  backpropAndStep(model, loss, lr);
  return { outputs, loss, model };
}

/** Snippet 2: F.logSoftmax + nn.NLLLoss. */
function snippet2(inputs: torch.Tensor, targets: torch.Tensor, model: nn.Linear, lr: number): Step {
  const logProbs = F.logSoftmax(model.forward(inputs), 1);
  const criterion = new nn.NLLLoss();
  const loss = criterion.forward(logProbs, targets);
  backpropAndStep(model, loss, lr);
  return { outputs: logProbs, loss, model };
}

/** Snippet 3: the custom composition on the model of snippet 1. */
function snippet3(inputs: torch.Tensor, targets: torch.Tensor, model: nn.Linear, lr: number): Step {
  const outputs = model.forward(inputs);
  const loss = customCrossEntropy(outputs, targets);
  backpropAndStep(model, loss, lr);
  return { outputs, loss, model };
}

// ---- the data: from the seed as the tutorial draws it, or PyTorch's from the fixture -------------

interface Data {
  inputs: torch.Tensor;
  targets: torch.Tensor;
  model: nn.Linear;
}

/** inputs = torch.randn(10, 3); targets = torch.tensor([...]); model = nn.Linear(3, 3) */
function tutorialData(c: SnippetsCase): Data {
  torch.manualSeed(c.seed);
  const inputs = torch.randn([10, 3], { dtype: c.dtype });
  const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
  const model = new nn.Linear(3, 3, { dtype: c.dtype });
  return { inputs, targets, model };
}

function fixtureData(c: SnippetsCase, r: SnippetResult): Data {
  const model = new nn.Linear(3, 3, { dtype: c.dtype });
  model.loadStateDict(stateDictOf(r.initial ?? c.initial));
  return { inputs: tensorOf(r.inputs), targets: tensorOf(c.targets), model: model.to(fixtureDevice()) };
}

function problemsOf(c: SnippetsCase, step: Step, r: SnippetResult): string[] {
  const { weight, bias } = step.model;
  return [
    ...compareTensor(step.loss, r.loss, c).map((p) => `loss: ${p}`),
    ...compareTensor(weight.grad, r.grads.weight, c).map((p) => `weight.grad: ${p}`),
    ...compareTensor(bias?.grad, r.grads.bias, c).map((p) => `bias.grad: ${p}`),
    ...stateDictProblems(snapshot(step.model), r.after, c, 'after the step'),
  ];
}

function expectNoProblems(problems: string[]): void {
  expect(problems, problems.join('\n')).toEqual([]);
}

describe.each(fixture.cases.map((c) => [c.id, c] as const))('the tutorial’s snippets with torchlet: %s', (_id, c) => {
  it('snippet 1 (nn.CrossEntropyLoss), from PyTorch’s inputs and weights', () => {
    const { inputs, targets, model } = fixtureData(c, c.module_ce);
    const step = snippet1(inputs, targets, model, c.lr);
    const outputs = c.module_ce.outputs as EncodedTensor;
    expectNoProblems([...compareTensor(step.outputs, outputs, c).map((p) => `outputs: ${p}`), ...problemsOf(c, step, c.module_ce)]);
  });

  it('snippet 2 (F.logSoftmax + nn.NLLLoss), from PyTorch’s inputs and weights', () => {
    const { inputs, targets, model } = fixtureData(c, c.log_softmax_nll);
    expectNoProblems(problemsOf(c, snippet2(inputs, targets, model, c.lr), c.log_softmax_nll));
  });

  it('snippet 3 (custom composition), from PyTorch’s inputs and weights: the positive loss; the tutorial’s negated value is its negative', async () => {
    const { inputs, targets, model } = fixtureData(c, c.custom);
    const step = snippet3(inputs, targets, model, c.lr);
    const asWritten = step.loss.neg(); // the tutorial's `-F.nll_loss(...)`
    expectNoProblems([
      ...problemsOf(c, step, c.custom),
      ...compareTensor(asWritten, c.custom.as_written as EncodedTensor, c).map((p) => `as written: ${p}`),
    ]);
    expect(await step.loss.itemAsync()).toBeGreaterThan(0);
  });

  it('snippets 1 and 3 as the tutorial is written, from the seed (snippet 3 draws new inputs and reuses the model)', () => {
    const { inputs, targets, model } = tutorialData(c);
    const draws = drawTolerance(c);
    const problems = [
      ...compareTensor(inputs, c.module_ce.inputs, draws).map((p) => `inputs: ${p}`),
      ...stateDictProblems(model.stateDict(), c.initial, draws, 'nn.Linear(3, 3) from the seed'),
    ];
    problems.push(...problemsOf(c, snippet1(inputs, targets, model, c.lr), c.module_ce).map((p) => `snippet 1: ${p}`));
    const inputs3 = torch.randn([10, 3], { dtype: c.dtype }); // snippet 3: inputs = torch.randn(10, 3)
    problems.push(...compareTensor(inputs3, c.custom.inputs, draws).map((p) => `snippet 3 inputs: ${p}`));
    problems.push(...problemsOf(c, snippet3(inputs3, targets, model, c.lr), c.custom).map((p) => `snippet 3: ${p}`));
    expectNoProblems(problems);
  });

  it('snippet 2 as the tutorial is written, from the seed', () => {
    const { inputs, targets, model } = tutorialData(c);
    expectNoProblems(problemsOf(c, snippet2(inputs, targets, model, c.lr), c.log_softmax_nll));
  });

  it('all three give the same loss on the same outputs (cross entropy = NLL of log-softmax)', () => {
    const { inputs, targets, model } = fixtureData(c, c.module_ce);
    const outputs = model.forward(inputs);
    const viaModule = new nn.CrossEntropyLoss().forward(outputs, targets);
    const viaNll = new nn.NLLLoss().forward(F.logSoftmax(outputs, 1), targets);
    const viaCustom = customCrossEntropy(outputs, targets);
    const viaFunctional = F.crossEntropy(outputs, targets);
    for (const loss of [viaModule, viaNll, viaCustom, viaFunctional]) {
      expectNoProblems(compareTensor(loss, c.module_ce.loss, c));
    }
  });
});
