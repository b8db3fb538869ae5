// Replay of one layer case (layers.json's format, also used by padding.json): build the module,
// load the fixture's state, run forward and backward, and list every mismatch with PyTorch.
import type { TensorModule } from '@torchlet/nn-layers';
import type { Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, fixtureDevice, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { buildLayer, buildModel, decodeState, type Options } from './build.js';

export interface LayerCase extends FixtureCase {
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

/** The module a case describes, with the case's dtype, state and train mode. */
export function moduleFor(c: LayerCase): TensorModule {
  const m = (c.model ? buildModel(c.model) : buildLayer(c.layer, c.args, c.options)) as TensorModule;
  m.to(c.dtype === 'float64' ? 'float64' : 'float32');
  m.loadStateDict(decodeState(c.state));
  m.train(c.train);
  m.to(fixtureDevice());
  return m;
}

/** Every difference from PyTorch: output, input gradient, parameter gradients (names too), state after. */
export function replayLayerCase(c: LayerCase, m: TensorModule = moduleFor(c)): string[] {
  const x = decode(c.input).requiresGrad_(c.grad_input !== null);
  const y = m.forward(x);
  const problems: string[] = [];
  const check = (what: string, actual: Tensor | null, expected: EncodedTensor) => {
    if (!actual) problems.push(`${what}: missing`);
    else problems.push(...compareTensor(actual, expected, c).map((p) => `${what}: ${p}`));
  };
  check('output', y, c.output);
  y.backward(decode(c.grad_output));
  if (c.grad_input) check('grad input', x.grad, c.grad_input);
  const params = new Map(m.namedParameters());
  const names = [...params.keys()].sort().join(', ');
  const expectedNames = Object.keys(c.grads).sort().join(', ');
  if (names !== expectedNames) problems.push(`parameters: [${names}], expected [${expectedNames}]`);
  for (const [name, g] of Object.entries(c.grads)) check(`grad ${name}`, params.get(name)?.grad ?? null, g);
  if (c.state_after) {
    const sd = m.stateDict();
    for (const [k, v] of Object.entries(c.state_after)) {
      problems.push(...compareTensor(sd[k], v, c).map((p) => `state ${k}: ${p}`));
    }
  }
  return problems;
}
