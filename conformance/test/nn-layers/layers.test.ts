// Every layer against PyTorch: forward output, input gradient and parameter gradients, float32 and
// float64, with the weights carried in the fixture (fixtures/nn-layers/layers.json).
import { describe, expect, it } from 'vitest';
import { Tensor } from '@torchlet/autograd';
import type { TensorModule } from '@torchlet/nn-layers';
import { compareTensor, decode, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { buildLayer, buildModel, decodeState, type Options } from './build.js';

interface LayerCase extends FixtureCase {
  layer: string;
  model?: string;
  args: (number | (number | null)[])[];
  options: Options;
  train: boolean;
  state: Record<string, EncodedTensor>;
  input: EncodedTensor;
  output: EncodedTensor;
  grad_output: EncodedTensor;
  grad_input: EncodedTensor | null;
  grads: Record<string, EncodedTensor>;
  state_after?: Record<string, EncodedTensor>;
}

const fixture = loadFixture<LayerCase>('nn-layers', 'layers');

describe(`nn-layers layers (${fixture.cases.length} PyTorch cases, torch ${fixture.torch_version})`, () => {
  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const m = (c.model ? buildModel(c.model) : buildLayer(c.layer, c.args, c.options)) as TensorModule;
    m.to(c.dtype === 'float64' ? 'float64' : 'float32');
    m.loadStateDict(decodeState(c.state));
    m.train(c.train);
    const x = new Tensor(decode(c.input), null, c.grad_input !== null);
    const y = m.forward(x);
    const problems: string[] = [];
    const check = (what: string, actual: Tensor | null, expected: EncodedTensor) => {
      if (!actual) problems.push(`${what}: missing`);
      else problems.push(...compareTensor(actual.value, expected, c).map((p) => `${what}: ${p}`));
    };
    check('output', y, c.output);
    y.backward(new Tensor(decode(c.grad_output)));
    if (c.grad_input) check('grad input', x.grad, c.grad_input);
    const params = new Map(m.namedParameters());
    expect([...params.keys()].sort()).toEqual(Object.keys(c.grads).sort());
    for (const [name, g] of Object.entries(c.grads)) check(`grad ${name}`, params.get(name)?.grad ?? null, g);
    if (c.state_after) {
      const sd = m.stateDict();
      for (const [k, v] of Object.entries(c.state_after)) {
        problems.push(...compareTensor(sd[k], v, c).map((p) => `state ${k}: ${p}`));
      }
    }
    expect(problems).toEqual([]);
  });
});
