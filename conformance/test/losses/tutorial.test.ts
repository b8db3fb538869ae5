// The tutorial's three loss snippets (seed/cross-entropy-with-pytorch.md) ported line by line,
// giving PyTorch's values on the same inputs and initial weights.
import { describe, expect, it } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import type { Tensor } from '@torchlet/tensor-core';
import { CrossEntropyLoss, NLLLoss, crossEntropy, nllLoss } from '@torchlet/losses';
import { compareTensor, decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.ts';

interface Snippet {
  loss: EncodedTensor;
  weight_grad?: EncodedTensor;
  bias_grad?: EncodedTensor;
}
interface TutorialCase extends FixtureCase {
  inputs: EncodedTensor;
  targets: EncodedTensor;
  weight: EncodedTensor;
  bias: EncodedTensor;
  outputs: EncodedTensor;
  module: Snippet;
  log_softmax_nll: Snippet;
  custom_as_written: Snippet;
}

const fixture = loadFixture<TutorialCase>('losses', 'tutorial');

/** nn.Linear(3, 3) from the fixture's initial weights: outputs = inputs W^T + b. */
function linear(c: TutorialCase) {
  installAutograd(); // leaves can require grad only with autograd installed (idempotent)
  const weight = decode(c.weight).requiresGrad_();
  const bias = decode(c.bias).requiresGrad_();
  const model = (x: Tensor) => x.matmul(weight.t()).add(bias);
  return { weight, bias, model };
}

/** The tutorial's custom_cross_entropy, written correctly: nll_loss already negates. */
function customCrossEntropy(outputs: Tensor, targets: Tensor): Tensor {
  const logProbs = outputs.logSoftmax(1);
  return nllLoss(logProbs, targets, { reduction: 'mean' });
}

describe.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
  const inputs = decode(c.inputs);
  const targets = decode(c.targets);

  function check(loss: Tensor, s: Snippet, weight: Tensor, bias: Tensor) {
    loss.backward();
    const problems = [
      ...compareTensor(loss, s.loss, c).map((p) => `loss: ${p}`),
      ...compareTensor(weight.grad as Tensor, s.weight_grad as EncodedTensor, c).map((p) => `weight.grad: ${p}`),
      ...compareTensor(bias.grad as Tensor, s.bias_grad as EncodedTensor, c).map((p) => `bias.grad: ${p}`),
    ];
    expect(problems, problems.join('\n')).toEqual([]);
  }

  it('nn.CrossEntropyLoss (snippet 1)', () => {
    const { weight, bias, model } = linear(c);
    const outputs = model(inputs);
    expect(compareTensor(outputs, c.outputs, c)).toEqual([]);
    const criterion = new CrossEntropyLoss();
    const loss = criterion.forward(outputs, targets);
    check(loss, c.module, weight, bias);
  });

  it('log_softmax + nn.NLLLoss (snippet 2)', () => {
    const { weight, bias, model } = linear(c);
    const logProbs = model(inputs).logSoftmax(1);
    const criterion = new NLLLoss();
    const loss = criterion.forward(logProbs, targets);
    check(loss, c.log_softmax_nll, weight, bias);
  });

  it('custom composition (snippet 3) is F.cross_entropy, the negative of the tutorial as written', () => {
    const { weight, bias, model } = linear(c);
    const loss = customCrossEntropy(model(inputs), targets);
    check(loss, c.module, weight, bias);
    const asWritten = loss.neg();
    expect(compareTensor(asWritten, c.custom_as_written.loss, c)).toEqual([]);
    const fused = crossEntropy(model(inputs), targets);
    expect(compareTensor(fused, c.module.loss, c)).toEqual([]);
  });
});
