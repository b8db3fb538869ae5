// nn.Embedding's maxNorm against PyTorch's max_norm (fixtures/nn-layers/embedding_max_norm.json):
// the referenced rows renormalised in place before the lookup, the output, and the weight's gradient.
import { describe, expect, it } from 'vitest';
import { Embedding, Parameter } from '@torchlet/nn-layers';
import { compareTensor, decode, fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';

interface MaxNormCase extends FixtureCase {
  weight: EncodedTensor;
  indices: EncodedTensor;
  max_norm: number;
  norm_type: number;
  padding_idx: number | null;
  output: EncodedTensor;
  weight_after: EncodedTensor;
  grad_output: EncodedTensor;
  grad_weight: EncodedTensor;
}

const fixture = loadFixture<MaxNormCase>('nn-layers', 'embedding_max_norm');

describe("Embedding's maxNorm matches PyTorch's max_norm", () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const weight = decode(c.weight);
    const layer = new Embedding(weight.shape[0], weight.shape[1], { maxNorm: c.max_norm, normType: c.norm_type, paddingIdx: c.padding_idx, dtype: weight.dtype });
    layer.to(fixtureDevice());
    layer.weight.detach().copy_(weight);
    const output = layer.forward(decode(c.indices));
    output.backward(decode(c.grad_output));
    const grad = (layer.weight as Parameter).grad;
    expect([
      ...compareTensor(output, c.output, c).map((m) => `output: ${m}`),
      ...compareTensor(layer.weight.detach(), c.weight_after, c).map((m) => `weight after: ${m}`),
      ...(grad === null ? ['no grad'] : compareTensor(grad, c.grad_weight, c).map((m) => `grad: ${m}`)),
    ]).toEqual([]);
  });
});
