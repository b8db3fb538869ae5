// The README's code, run: the tutorial's three snippets and the training loop, written with the
// `torchlet` namespaces (their numbers against PyTorch are checked in conformance/test/e2e).
import { describe, expect, it } from 'vitest';
import * as torchStar from '../src/index.ts';
import { F, nn, optim, torch, type Tensor } from '../src/index.ts';

function customCrossEntropy(outputs: Tensor, targets: Tensor): Tensor {
  const logProbs = torch.nn.functional.logSoftmax(outputs, 1);
  const loss = torch.nn.functional.nllLoss(logProbs, targets, { reduction: 'mean' }); // not negated
  return loss;
}

function snippet1(seed: number) {
  torch.manualSeed(seed);
  const inputs = torch.randn([10, 3]);
  const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
  const model = new nn.Linear(3, 3);
  const criterion = new nn.CrossEntropyLoss();
  const outputs = model.forward(inputs);
  const loss = criterion.forward(outputs, targets);
  const before = model.weight.detach().clone();
  const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
  optimizer.zeroGrad();
  loss.backward();
  optimizer.step();
  return { inputs, targets, model, outputs, loss, before };
}

describe('the tutorial with torchlet', () => {
  it('snippet 1: nn.CrossEntropyLoss; the step moves the weights by -lr * grad', () => {
    const { model, loss, before, targets, inputs } = snippet1(0);
    expect(targets.dtype).toBe('int64');
    expect(inputs.dtype).toBe('float32');
    expect(loss.item()).toBeGreaterThan(0);
    const expected = before.sub(model.weight.grad!.mul(0.01));
    expect(torch.allclose(model.weight, expected)).toBe(true);
  });

  it('snippet 2: F.logSoftmax + nn.NLLLoss gives the same loss and gradient as snippet 1', () => {
    const first = snippet1(0);
    torch.manualSeed(0);
    const inputs = torch.randn([10, 3]);
    const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
    const model = new nn.Linear(3, 3);
    const logProbs = F.logSoftmax(model.forward(inputs), 1);
    const criterion = new nn.NLLLoss();
    const loss = criterion.forward(logProbs, targets);
    const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    expect(loss.item()).toBeCloseTo(first.loss.item(), 6);
    expect(torch.allclose(model.weight, first.model.weight)).toBe(true);
  });

  it('snippet 3: the custom composition is the positive cross entropy (the tutorial negates it)', () => {
    const { model } = snippet1(0);
    const inputs = torch.randn([10, 3]);
    const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
    const outputs = model.forward(inputs);
    const loss = customCrossEntropy(outputs, targets);
    expect(loss.item()).toBeGreaterThan(0);
    expect(loss.item()).toBeCloseTo(F.crossEntropy(outputs, targets).item(), 6);
    const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.01 });
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    expect(model.weight.grad).not.toBeNull();
  });

  it('the training loop (Sequential, Adam, StepLR) lowers the loss', () => {
    torch.manualSeed(0);
    const inputs = torch.randn([10, 3]);
    const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
    const model = new nn.Sequential(new nn.Linear(3, 16), new nn.ReLU(), new nn.Linear(16, 3));
    const criterion = new nn.CrossEntropyLoss();
    const optimizer = new optim.Adam(model.parameters(), { lr: 0.01 });
    const scheduler = new optim.lrScheduler.StepLR(optimizer, { stepSize: 10, gamma: 0.5 });
    const losses: number[] = [];
    for (let epoch = 0; epoch < 30; epoch++) {
      optimizer.zeroGrad();
      const loss = criterion.forward(model.forward(inputs), targets);
      loss.backward();
      optimizer.step();
      scheduler.step();
      losses.push(loss.item());
    }
    expect(losses[29]).toBeLessThan(losses[0]);
    expect(scheduler.getLastLr()).toEqual([0.01 * 0.5 ** 3]);
    const accuracy = torch.noGrad(() => model.forward(inputs).argmax(1).eq(targets).float().mean().item());
    expect(accuracy).toBeGreaterThanOrEqual(0);
    expect(accuracy).toBeLessThanOrEqual(1);
  });

  it('`import * as torch from "torchlet"` runs the same code', () => {
    const T = torchStar;
    T.manualSeed(0);
    const inputs = T.randn([10, 3]);
    const targets = T.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
    const model = new T.nn.Linear(3, 3);
    const loss = new T.nn.CrossEntropyLoss().forward(model.forward(inputs), targets);
    const optimizer = new T.optim.SGD(model.parameters(), { lr: 0.01 });
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    const { model: m1 } = snippet1(0);
    expect(T.allclose(model.weight, m1.weight, { rtol: 0, atol: 0 })).toBe(true);
  });

  it('zeroGrad() sets gradients to null by default on optimizers and modules, as the README says', () => {
    const { model } = snippet1(0);
    expect(model.weight.grad).not.toBeNull();
    new optim.SGD(model.parameters(), { lr: 0.1 }).zeroGrad();
    expect(model.weight.grad).toBeNull();
    const { model: other } = snippet1(0);
    other.zeroGrad();
    expect(other.weight.grad).toBeNull();
    const { model: third } = snippet1(0);
    third.zeroGrad({ setToNone: false });
    expect(third.weight.grad?.sum().item()).toBe(0);
  });

  it('torch.noGrad and dtypes as in PyTorch', () => {
    const w = torch.ones([2], { requiresGrad: true, dtype: torch.double });
    const y = torch.noGrad(() => w.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(w.dtype).toBe(torch.float64);
    expect(torch.tensor([1, 2], { dtype: torch.float32 }).dtype).toBe('float32');
  });
});
